//! Encodings: how a document is written out. Each encoding is one file holding one type that
//! implements [`Encoding`], and one line of [`Format::ALL`] registers it; command-line names,
//! help text, did-you-mean suggestions, file extensions and index link labels all come from here.
//!
//! An encoding receives a [`RenderContext`]: the [`Document`] (its Markdown, the tree parsed
//! from it once, its metadata and style) and, for documents made from one vacancy, the merged
//! [`Advert`], so an encoding built from the data rather than the text can plug in too.

pub mod csj;
mod csv;
mod docx;
mod html;
mod markdown;

use crate::advert::Advert;
use crate::document::Document;

/// What an encoding is given.
pub struct RenderContext<'a> {
    /// The document: Markdown, tree, metadata, style.
    pub document: &'a Document,
    /// The merged data the document was made from, when it was made from one vacancy (the
    /// index of a batch has none).
    pub advert: Option<&'a Advert>,
}

/// Why an encoding could not write a document. This is jobgen's fault, never the input's:
/// everything that reaches a writer has been checked.
#[derive(Debug)]
pub struct EncodeError {
    /// The encoding's name.
    pub format: &'static str,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot build the {} document: {}",
            self.format, self.message
        )
    }
}

impl std::error::Error for EncodeError {}

/// One way of writing a document.
pub trait Encoding: Sync {
    /// The name given to `--format`: `docx`.
    fn name(&self) -> &'static str;
    /// Other names `--format` accepts: `word`.
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }
    /// One line for `--help`: "A Word document".
    fn help(&self) -> &'static str;
    /// The file extension, without the dot.
    fn extension(&self) -> &'static str {
        self.name()
    }
    /// The media type a web response gives a file in this encoding (`Content-Type`).
    fn media_type(&self) -> &'static str;
    /// How a batch's index labels a link to a file in this encoding: "Word document".
    fn link_label(&self) -> &'static str;
    /// True when a batch's index page is written in this encoding too (pages people open in a
    /// browser or editor; not Word).
    fn writes_index(&self) -> bool {
        false
    }
    /// Whether this encoding can write `document` at all (CSV needs tables): a problem the
    /// person can act on, found before anything is written.
    fn check(&self, _document: &Document) -> Result<(), crate::diagnostics::Diagnostic> {
        Ok(())
    }
    /// Writes the document.
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError>;
}

/// An output format: a handle on a registered [`Encoding`].
#[derive(Clone, Copy)]
pub struct Format(&'static dyn Encoding);

impl Format {
    /// Markdown, as the template wrote it.
    pub const MD: Format = Format(&markdown::Markdown);
    /// A self-contained HTML page.
    pub const HTML: Format = Format(&html::Html);
    /// A Word document.
    pub const DOCX: Format = Format(&docx::Docx);
    /// The Civil Service Jobs fields as plain text.
    pub const CSJ: Format = Format(&csj::Csj);
    /// The Civil Service Jobs fields as JSON.
    pub const CSJ_JSON: Format = Format(&csj::CsjJson);
    /// The document's tables as a spreadsheet.
    pub const CSV: Format = Format(&csv::Csv);

    /// Every format, in the order help and indexes list them. Registering an encoding is one
    /// line here.
    pub const ALL: &'static [Format] = &[
        Format::MD,
        Format::HTML,
        Format::DOCX,
        Format::CSJ,
        Format::CSJ_JSON,
        Format::CSV,
    ];

    /// True for the Civil Service Jobs export's formats, whose required fields
    /// [`csj::incomplete`] checks.
    pub fn is_csj(self) -> bool {
        self == Format::CSJ || self == Format::CSJ_JSON
    }

    /// The format called `name` (or one of its aliases), ignoring case and surrounding space.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim();
        Format::ALL.iter().copied().find(|f| {
            f.name().eq_ignore_ascii_case(name)
                || f.0.aliases().iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }

    /// Every name `--format` accepts, for suggestions.
    pub fn names() -> impl Iterator<Item = &'static str> + Clone {
        Format::ALL.iter().map(|f| f.name())
    }

    /// The encoding behind this format.
    pub fn encoding(self) -> &'static dyn Encoding {
        self.0
    }

    /// The name: `docx`.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The media type of a file in this format, for `Content-Type`.
    pub fn media_type(self) -> &'static str {
        self.0.media_type()
    }

    /// How people call this format: "Word document".
    pub fn label(self) -> &'static str {
        self.0.link_label()
    }

    /// The file extension: `docx`.
    pub fn ext(self) -> &'static str {
        self.0.extension()
    }

    fn position(self) -> usize {
        Format::ALL
            .iter()
            .position(|f| f.name() == self.name())
            .unwrap_or(usize::MAX)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Format {}

impl std::hash::Hash for Format {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl PartialOrd for Format {
    fn partial_cmp(&self, other: &Format) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Format {
    fn cmp(&self, other: &Format) -> std::cmp::Ordering {
        self.position().cmp(&other.position())
    }
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One document written in one format.
pub struct Encoded {
    /// Its format.
    pub format: Format,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Refuses a Civil Service Jobs export of any document but the advert: the export holds the
/// advert's fields whatever the template, so under another kind's name it would mislead.
pub fn check_kind(kind: &str, formats: &[Format]) -> Result<(), crate::diagnostics::Diagnostic> {
    match formats.iter().find(|f| f.is_csj()) {
        Some(f) if kind != "advert" => Err(crate::diagnostics::Diagnostic::new(format!(
            "the Civil Service Jobs export ({}) is made from the advert, not from `--template {kind}`",
            f.name()
        ))
        .at_key("--format")
        .help("write it with --template advert, or leave csj and csj-json out of --format")),
        _ => Ok(()),
    }
}

/// Writes `document` in each of `formats`, in order. The Markdown is parsed at most once,
/// whatever the number of formats.
pub fn encode(
    document: &Document,
    advert: Option<&Advert>,
    formats: &[Format],
) -> Result<Vec<Encoded>, EncodeError> {
    let ctx = RenderContext { document, advert };
    formats
        .iter()
        .map(|&format| {
            Ok(Encoded {
                format,
                bytes: format.0.write(&ctx)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_found_by_name_or_alias_in_any_case() {
        assert_eq!(Format::from_name("DOCX"), Some(Format::DOCX));
        assert_eq!(Format::from_name(" word "), Some(Format::DOCX));
        assert_eq!(Format::from_name("markdown"), Some(Format::MD));
        assert_eq!(Format::from_name("pdf"), None);
    }

    #[test]
    fn every_format_has_its_own_name_and_extension() {
        let mut names: Vec<_> = Format::names().collect();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len());
        let mut exts: Vec<_> = Format::ALL.iter().map(|f| f.ext()).collect();
        exts.sort_unstable();
        exts.dedup();
        assert_eq!(exts.len(), Format::ALL.len());
    }

    #[test]
    fn the_markdown_is_parsed_once_for_every_format() {
        let doc = Document::new(
            "# Title\n\nText.\n".into(),
            crate::model::DocMeta::default(),
            crate::model::Style::default(),
        );
        let out = encode(&doc, None, &[Format::MD, Format::HTML, Format::DOCX]).expect("encodes");
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].bytes, b"# Title\n\nText.\n");
        assert_eq!(doc.parses(), 1);
    }
}
