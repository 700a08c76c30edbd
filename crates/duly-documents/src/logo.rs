//! The business logo: validated as PNG or JPEG, decoded, and reduced to the
//! resolution it prints at, so a 3000-pixel logo does not make every invoice
//! megabytes large and slow to write.

use printpdf::{RawImage, RawImageData, RawImageFormat};

use crate::DocumentError;

/// Largest logo box, in points (40 × 20 mm).
const MAX_SIZE: (f32, f32) = (40.0 * 72.0 / 25.4, 20.0 * 72.0 / 25.4);
/// Pixels per inch kept when reducing: sharp in print.
const PRINT_DPI: f32 = 300.0;

/// A decoded logo, ready to embed.
pub(crate) struct Logo {
    pub(crate) image: RawImage,
}

impl Logo {
    /// The letterhead's logo, decoded, if it has one.
    pub(crate) fn of(
        letterhead: &crate::model::Letterhead,
    ) -> Result<Option<Logo>, crate::DocumentError> {
        letterhead.logo.as_deref().map(Logo::decode).transpose()
    }

    /// Decodes PNG or JPEG bytes; anything else is refused before decoding.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Self, DocumentError> {
        const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
        const JPEG: &[u8] = b"\xff\xd8\xff";
        if !(bytes.starts_with(PNG) || bytes.starts_with(JPEG)) {
            return Err(DocumentError::LogoFormat);
        }
        let mut warnings = Vec::new();
        let image =
            RawImage::decode_from_bytes(bytes, &mut warnings).map_err(DocumentError::LogoDecode)?;
        if image.width == 0 || image.height == 0 {
            return Err(DocumentError::LogoDecode("the image is empty".into()));
        }
        let mut logo = Self { image };
        logo.reduce();
        Ok(logo)
    }

    /// Width over height.
    fn aspect(&self) -> f32 {
        self.image.width as f32 / self.image.height as f32
    }

    /// Printed size in points: as large as fits the logo box.
    pub(crate) fn size(&self) -> (f32, f32) {
        let aspect = self.aspect();
        let width = MAX_SIZE.0.min(MAX_SIZE.1 * aspect);
        (width, width / aspect)
    }

    /// Averages k × k pixel squares so the logo keeps about [`PRINT_DPI`]
    /// at its printed size. Only 8-bit images are reduced (what PNG and
    /// JPEG logos decode to); colour is weighted by alpha so transparent
    /// edges do not darken.
    fn reduce(&mut self) {
        let needed = self.size().0 / 72.0 * PRINT_DPI;
        let k = (self.image.width as f32 / needed).floor() as usize;
        let channels = match self.image.data_format {
            RawImageFormat::R8 => 1,
            RawImageFormat::RG8 => 2,
            RawImageFormat::RGB8 => 3,
            RawImageFormat::RGBA8 => 4,
            _ => return,
        };
        let RawImageData::U8(pixels) = &self.image.pixels else {
            return;
        };
        if k < 2 {
            return;
        }
        let has_alpha = channels % 2 == 0;
        let (width, height) = (self.image.width / k, self.image.height / k);
        let mut reduced = Vec::with_capacity(width * height * channels);
        let mut sums = vec![0u64; channels];
        for y in 0..height {
            for x in 0..width {
                sums.iter_mut().for_each(|s| *s = 0);
                for sy in y * k..(y + 1) * k {
                    let row = sy * self.image.width;
                    for sx in x * k..(x + 1) * k {
                        let at = (row + sx) * channels;
                        let Some(px) = pixels.get(at..at + channels) else {
                            continue;
                        };
                        let weight = if has_alpha {
                            u64::from(px[channels - 1])
                        } else {
                            1
                        };
                        for c in 0..channels {
                            let value = u64::from(px[c]);
                            sums[c] += if has_alpha && c + 1 < channels {
                                value * weight
                            } else {
                                value
                            };
                        }
                    }
                }
                let count = (k * k) as u64;
                let alpha_sum = if has_alpha { sums[channels - 1] } else { count };
                for (c, sum) in sums.iter().enumerate() {
                    let value = if has_alpha && c + 1 < channels {
                        sum.checked_div(alpha_sum).unwrap_or(0)
                    } else {
                        sum / count
                    };
                    reduced.push(value.min(255) as u8);
                }
            }
        }
        self.image.pixels = RawImageData::U8(reduced);
        self.image.width = width;
        self.image.height = height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgba(width: usize, height: usize, pixel: [u8; 4]) -> Logo {
        Logo {
            image: RawImage {
                pixels: RawImageData::U8(pixel.repeat(width * height)),
                width,
                height,
                data_format: RawImageFormat::RGBA8,
                tag: Vec::new(),
            },
        }
    }

    #[test]
    fn large_logos_are_reduced_to_print_resolution() {
        let mut logo = rgba(3000, 1500, [10, 80, 90, 255]);
        logo.reduce();
        // 40 mm at 300 dpi is 472 px: 3000 / 6 = 500 px keeps at least that.
        assert_eq!((logo.image.width, logo.image.height), (500, 250));
        assert!(matches!(&logo.image.pixels, RawImageData::U8(p) if p[..4] == [10, 80, 90, 255]));
    }

    #[test]
    fn transparent_pixels_do_not_darken_colours() {
        let mut logo = rgba(2000, 1000, [200, 100, 50, 255]);
        if let RawImageData::U8(pixels) = &mut logo.image.pixels {
            // Every other pixel fully transparent black.
            for px in pixels.chunks_mut(8) {
                px[4..].copy_from_slice(&[0, 0, 0, 0]);
            }
        }
        logo.reduce();
        let RawImageData::U8(pixels) = &logo.image.pixels else {
            panic!("8-bit pixels")
        };
        assert_eq!(&pixels[..3], &[200, 100, 50]);
        assert!(
            (120..=135).contains(&pixels[3]),
            "half coverage: {}",
            pixels[3]
        );
    }

    #[test]
    fn small_logos_are_kept_as_they_are() {
        let mut logo = rgba(300, 120, [0, 0, 0, 255]);
        logo.reduce();
        assert_eq!((logo.image.width, logo.image.height), (300, 120));
    }
}
