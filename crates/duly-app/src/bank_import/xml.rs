//! A bank's XML file read into a small tree of elements, each with the line
//! it starts on, so a fault is reported where the owner can find it.
//! Namespaces are dropped (CAMT versions differ only in theirs); entities
//! and character references are resolved.

use duly_core::DomainError;
use quick_xml::events::Event;
use quick_xml::Reader;

/// One element: its local name, its text, its children in order.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    /// Attributes by local name.
    pub attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
    /// The line of the file its start tag is on.
    pub line: u64,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element at the end of a path of child names.
    pub fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |e, name| e.child(name))
    }

    /// The trimmed text at the end of `path`; empty when there is none.
    pub fn text_at(&self, path: &[&str]) -> &str {
        self.at(path).map_or("", |e| e.text.trim())
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn line_of(text: &str, byte: u64) -> u64 {
    let end = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.to_owned(),
    }
}

/// Reads the document's root element.
pub fn parse(text: &str) -> Result<Element, DomainError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    // What the parser says is for developers; the owner needs the place
    // and what to do.
    let broken = |reader: &Reader<&[u8]>| {
        DomainError::field(
            "file",
            format!(
                "The file is damaged or incomplete at line {}; download the statement again.",
                line_of(text, reader.error_position())
            ),
        )
    };
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|_| broken(&reader))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let mut element = Element {
                    name: local(start.name().as_ref()),
                    line: line_of(text, at),
                    ..Element::default()
                };
                for attribute in start.attributes().flatten() {
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    element
                        .attributes
                        .push((local(attribute.key.as_ref()), value));
                }
                if empty {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(element),
                        None => return Ok(element),
                    }
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(broken(&reader));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => {
                if let Some(e) = stack.last_mut() {
                    e.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(e) = stack.last_mut() {
                    e.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .map(str::to_owned)
                        .ok_or_else(|| broken(&reader))?,
                };
                if let Some(e) = stack.last_mut() {
                    e.text.push_str(&resolved);
                }
            }
            Event::Eof => {
                let open = stack.last().map_or_else(String::new, |e| {
                    format!(" (<{}> from line {} is never closed)", e.name, e.line)
                });
                return Err(DomainError::field(
                    "file",
                    format!("The file ends too early{open}; download the statement again."),
                ));
            }
            _ => {}
        }
    }
}
