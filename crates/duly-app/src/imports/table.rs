//! Reading a CSV file someone else's program wrote: whatever its encoding
//! (UTF-8 with or without a byte-order mark, UTF-16 from Excel's "Unicode
//! text", or Windows-1252 from older tools), its separator (comma,
//! semicolon as in much of Europe, or tab) and its quoting (cells with
//! separators, quotes and line breaks inside).

use duly_core::DomainError;

use crate::spreadsheet::unescape;

/// The largest file accepted: far more than any small business's customer
/// list, small enough that a wrong file is refused at once.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_ROWS: usize = 10_000;

/// A CSV file, read: its header row and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub separator: char,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line of the file the row starts on (the header is line 1), as the
    /// owner would find it in a text editor or spreadsheet.
    pub line: u64,
    /// One cell per header; missing cells are empty.
    pub cells: Vec<String>,
    /// Cells beyond the header's columns that hold something.
    pub extra: usize,
}

fn refuse(message: impl Into<String>) -> DomainError {
    DomainError::field("file", message)
}

pub fn read(bytes: &[u8]) -> Result<Table, DomainError> {
    if bytes.len() > MAX_BYTES {
        return Err(refuse(
            "That file is larger than 10 MB; is it really a CSV file?",
        ));
    }
    let text = decode(bytes);
    let separator = separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator as u8)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| refuse("That file could not be read as CSV."))?
        .iter()
        .enumerate()
        .map(|(i, h)| match unescape(h.trim()) {
            "" => format!("Column {}", i + 1),
            h => h.to_owned(),
        })
        .collect();
    let mut rows = Vec::new();
    let mut lines = Lines::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            refuse(format!("The file cannot be read past line {line}: {e}"))
        })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(refuse(format!(
                "That file has more than {MAX_ROWS} rows; split it and import each part."
            )));
        }
        let mut cells: Vec<String> = record.iter().map(|c| unescape(c).to_owned()).collect();
        let extra = cells
            .iter()
            .skip(headers.len())
            .filter(|c| !c.trim().is_empty())
            .count();
        cells.resize(headers.len(), String::new());
        rows.push(Row {
            line: lines.at(&text, record.position().map_or(0, |p| p.byte())),
            cells,
            extra,
        });
    }
    if rows.is_empty() {
        return Err(refuse(
            "That file has no rows under its header; nothing to import.",
        ));
    }
    Ok(Table {
        headers,
        rows,
        separator,
    })
}

/// Line numbers as a text editor shows them. The reader's own count is one
/// short after a CRLF line end (it starts a record at the `\n`), so lines are
/// counted here, from where the last record started.
#[derive(Default)]
struct Lines {
    counted_to: usize,
    breaks: u64,
}

impl Lines {
    /// The line of the record that starts at byte `start` of `text`.
    fn at(&mut self, text: &str, start: u64) -> u64 {
        let bytes = text.as_bytes();
        let start = usize::try_from(start)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        let newlines = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count() as u64;
        self.breaks += newlines(&bytes[self.counted_to.min(start)..start]);
        self.counted_to = start;
        let leading = bytes[start..]
            .iter()
            .take_while(|&&c| c == b'\r' || c == b'\n')
            .count();
        1 + self.breaks + newlines(&bytes[start..start + leading])
    }
}

/// UTF-8 (a byte-order mark dropped), UTF-16 with its byte-order mark, and
/// otherwise Windows-1252, which is what a CSV that is not UTF-8 almost
/// always is. Never fails: a wrong guess shows in the preview.
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| unit([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The separator of the header line: whichever of `,` `;` and tab occurs
/// most often outside quotes (a comma when none does).
fn separator(text: &str) -> char {
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(s, _)| *s == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .into_iter()
        .fold(
            (',', 0),
            |best, next| if next.1 > best.1 { next } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_a_bom_and_quoted_line_breaks() {
        let file = "\u{FEFF}Name;Address;Notes\r\n\"Zoë; Søn\";\"1 Main St\nSpringfield\";\"She said \"\"hi\"\"\"\r\n\r\nAcme;;\n";
        let table = read(file.as_bytes()).expect("table");
        assert_eq!(table.separator, ';');
        assert_eq!(table.headers, ["Name", "Address", "Notes"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.rows[0].cells,
            ["Zoë; Søn", "1 Main St\nSpringfield", "She said \"hi\""]
        );
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(
            table.rows[1].line, 5,
            "after a two-line row and a blank line"
        );
    }

    #[test]
    fn encodings_other_than_utf8_are_read() {
        let latin: &[u8] = b"Name,City\r\nCaf\xe9 \x80uro,K\xf6ln\r\n";
        let table = read(latin).expect("1252");
        assert_eq!(table.rows[0].cells, ["Café €uro", "Köln"]);
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Name\tCity\r\nZoë\tÅre\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let table = read(&utf16).expect("utf-16");
        assert_eq!(table.separator, '\t');
        assert_eq!(table.rows[0].cells, ["Zoë", "Åre"]);
    }

    #[test]
    fn short_rows_are_padded_and_long_ones_flagged() {
        let table = read(b"a,b,c\n1\n1,2,3,4\n").expect("table");
        assert_eq!(table.rows[0].cells, ["1", "", ""]);
        assert_eq!(table.rows[1].extra, 1);
        assert_eq!(table.headers, ["a", "b", "c"]);
    }

    #[test]
    fn files_that_are_not_tables_are_refused() {
        for bad in [&b"only a header\n"[..], b"", b"a,b\n"] {
            let err = read(bad).expect_err("refused");
            assert!(matches!(err, DomainError::Invalid(ref f) if f[0].field == "file"));
        }
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert!(read(&huge).is_err());
    }
}
