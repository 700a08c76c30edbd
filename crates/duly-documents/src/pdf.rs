//! Turns laid-out pages into a PDF file with printpdf.
//!
//! Fonts are embedded as subsets (printpdf's `text_layout` feature), with a
//! ToUnicode map so the text can be searched and copied.

use printpdf::{
    Color, ExtendedGraphicsState, ImageCompression, ImageOptimizationOptions, Line, LinePoint, Mm,
    Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextMatrix, XObjectTransform,
};

use crate::draw::{Item, Rgb, Style};
use crate::layout::{drawn_char, Fonts, Weight};
use crate::logo::Logo;
use crate::page::Frame;

/// Writes the pages as a PDF document titled `title`.
pub(crate) fn write(
    title: &str,
    frame: Frame,
    pages: Vec<Vec<Item>>,
    fonts: &Fonts,
    logo: Option<&Logo>,
) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = "Duly".into();
    doc.metadata.info.producer = "Duly".into();
    let handles = Handles {
        regular: PdfFontHandle::External(doc.add_font(&fonts.regular.parsed)),
        bold: PdfFontHandle::External(doc.add_font(&fonts.bold.parsed)),
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
    doc.save(&options, &mut warnings)
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
