//! Turns laid-out pages into a PDF file with printpdf.
//!
//! Fonts are embedded as subsets (printpdf's `text_layout` feature), with a
//! ToUnicode map so the text can be searched and copied.

use flate2::{Compress, Compression, FlushCompress, Status};
use printpdf::{
    Color, ExtendedGraphicsState, ImageCompression, ImageOptimizationOptions, Line, LinePoint, Mm,
    Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextMatrix, XObjectTransform,
};

use crate::draw::{Item, Rgb, Style};
use crate::layout::{drawn_char, Fonts, Weight};
use crate::logo::Logo;
use crate::page::Frame;
use crate::DocumentError;

/// Writes the pages as a PDF document titled `title`.
pub(crate) fn write(
    title: &str,
    frame: Frame,
    pages: Vec<Vec<Item>>,
    fonts: &Fonts,
    logo: Option<&Logo>,
) -> Result<Vec<u8>, DocumentError> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "Duly".into();
    doc.metadata.info.producer = "Duly".into();
    let mut embed = |weight: Weight| -> Result<PdfFontHandle, DocumentError> {
        let cut = fonts
            .typeface(weight)
            .cut_for(drawn_chars(&pages, weight))?;
        Ok(PdfFontHandle::External(doc.add_font(&cut.parsed)))
    };
    let (regular, bold) = (embed(Weight::Regular)?, embed(Weight::Bold)?);
    let handles = Handles {
        regular,
        bold,
        logo: logo.map(|logo| (doc.add_image(&logo.image), logo)),
        translucent: doc.add_graphics_state(
            ExtendedGraphicsState::default()
                .with_current_fill_alpha(0.16)
                .with_current_stroke_alpha(0.16),
        ),
    };
    let pdf_pages = pages
        .iter()
        .map(|items| {
            PdfPage::new(
                Mm(frame.width * 25.4 / 72.0),
                Mm(frame.height * 25.4 / 72.0),
                page_ops(items, frame.height, fonts, &handles),
            )
        })
        .collect();
    doc.with_pages(pdf_pages);
    let options = PdfSaveOptions {
        // Lossless: JPEG (printpdf's automatic choice) blurs a logo's edges.
        image_optimization: Some(ImageOptimizationOptions {
            format: Some(ImageCompression::Flate),
            max_image_size: None,
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut document = doc.to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut document);
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail: lopdf's only errors are the writer's.
    let _ = document.save_to(&mut bytes);
    Ok(bytes)
}

/// Every character the pages draw in `weight` (stamps are bold).
fn drawn_chars(pages: &[Vec<Item>], weight: Weight) -> impl Iterator<Item = char> + '_ {
    pages.iter().flatten().flat_map(move |item| {
        let text = match item {
            Item::Text { style, text, .. } if style.weight == weight => text.as_str(),
            Item::Stamp { text, .. } if weight == Weight::Bold => text.as_str(),
            _ => "",
        };
        text.chars().filter_map(drawn_char)
    })
}

/// Deflates every stream printpdf left uncompressed (page contents, font
/// subsets, ToUnicode maps) at zlib's fastest level, with one compressor.
///
/// printpdf's own pass (lopdf's `compress`) uses the best level and a new
/// compressor per stream, which was a sixth of the whole `duly-render`
/// process for a 30-line invoice. The fastest level makes that file 23 KB
/// instead of 19 KB, still far below what an email attachment minds.
fn compress_streams(document: &mut lopdf::Document) {
    let mut compressor = Compress::new(Compression::fast(), true);
    for object in document.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.has(b"Filter") {
                continue;
            }
            if let Some(compressed) = deflate(&mut compressor, &stream.content) {
                if compressed.len() < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(compressed);
                }
            }
        }
    }
}

/// `input` as one zlib stream, or `None` if the compressor fails (the
/// stream is then written uncompressed, which is still a valid PDF).
fn deflate(compressor: &mut Compress, input: &[u8]) -> Option<Vec<u8>> {
    compressor.reset();
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let read = usize::try_from(compressor.total_in()).ok()?;
        let rest = input.get(read..)?;
        match compressor.compress_vec(rest, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
            Err(_) => return None,
        }
    }
}

struct Handles<'l> {
    regular: PdfFontHandle,
    bold: PdfFontHandle,
    logo: Option<(printpdf::XObjectId, &'l Logo)>,
    translucent: printpdf::ExtendedGraphicsStateId,
}

impl Handles<'_> {
    fn font(&self, weight: Weight) -> PdfFontHandle {
        match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        }
    }
}

fn colour(rgb: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: rgb.0,
        g: rgb.1,
        b: rgb.2,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn drawn_text(text: &str) -> String {
    text.chars().filter_map(drawn_char).collect()
}

/// Graphics first (fills under everything), then all text in one text object,
/// then stamps on top.
fn page_ops(items: &[Item], height: f32, fonts: &Fonts, handles: &Handles) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in items {
        match item {
            Item::Fill {
                x,
                y,
                width,
                height: h,
                colour: c,
            } => {
                ops.push(Op::SetFillColor { col: colour(*c) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Fill),
                        ..Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*width), Pt(*h))
                    },
                });
            }
            Item::Rule {
                x1,
                x2,
                y,
                thickness,
                colour: c,
            } => {
                ops.push(Op::SetOutlineColor { col: colour(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, height - y), point(*x2, height - y)],
                        is_closed: false,
                    },
                });
            }
            Item::Logo {
                x,
                y,
                width,
                height: h,
            } => {
                if let Some((id, logo)) = &handles.logo {
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(height - y - h)),
                            scale_x: Some(width / logo.image.width as f32),
                            scale_y: Some(h / logo.image.height as f32),
                            dpi: Some(72.0),
                            ..Default::default()
                        },
                    });
                }
            }
            Item::Text { .. } | Item::Stamp { .. } => {}
        }
    }

    ops.push(Op::StartTextSection);
    let mut current: Option<Style> = None;
    for item in items {
        if let Item::Text {
            x,
            baseline,
            style,
            text,
        } = item
        {
            if current.is_none_or(|c| c.weight != style.weight || c.size != style.size) {
                ops.push(Op::SetFont {
                    font: handles.font(style.weight),
                    size: Pt(style.size),
                });
            }
            if current.is_none_or(|c| c.colour != style.colour) {
                ops.push(Op::SetFillColor {
                    col: colour(style.colour),
                });
            }
            current = Some(*style);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(height - baseline)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(drawn_text(text))],
            });
        }
    }
    ops.push(Op::EndTextSection);

    for item in items {
        if let Item::Stamp {
            text,
            centre,
            size,
            colour: c,
        } = item
        {
            // Centred on `centre` (the page centre), rising along the page diagonal.
            let width = fonts.width(Weight::Bold, *size, text);
            let angle = centre.1.atan2(centre.0);
            let (sin, cos) = angle.sin_cos();
            let half_cap = size * 0.357;
            let cx = centre.0;
            let cy = height - centre.1;
            let x = cx - cos * width / 2.0 + sin * half_cap;
            let y = cy - sin * width / 2.0 - cos * half_cap;
            ops.extend([
                Op::SaveGraphicsState,
                Op::LoadGraphicsState {
                    gs: handles.translucent.clone(),
                },
                Op::StartTextSection,
                Op::SetFont {
                    font: handles.font(Weight::Bold),
                    size: Pt(*size),
                },
                Op::SetFillColor { col: colour(*c) },
                Op::SetTextMatrix {
                    matrix: TextMatrix::TranslateRotate(Pt(x), Pt(y), angle.to_degrees()),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(drawn_text(text))],
                },
                Op::EndTextSection,
                Op::RestoreGraphicsState,
            ]);
        }
    }
    ops
}
