//! Documents and their kinds.
//!
//! A kind (the advert, the framework's role summary, a template of the user's) makes a
//! [`Document`] from the merged data: Markdown written by a template, with the metadata and
//! style the writers need. The Markdown is parsed into the document tree once, the first time
//! an encoding asks for it (see [`crate::encoding`]). A batch's index page is a document too,
//! made by [`crate::batch`] from the batch's adverts.
//!
//! Adding a kind is one file in this folder with a type implementing [`Kind`], and one line in
//! [`KINDS`].

pub mod scoring;
mod template;

pub use template::TemplateKind;

use std::sync::OnceLock;

use crate::advert::Advert;
use crate::model::{DocMeta, Style};
use crate::render::Block;
use crate::{Error, Session};

/// A document ready to encode.
pub struct Document {
    /// The Markdown a template wrote.
    pub markdown: String,
    /// Title, subject, author and language.
    pub meta: DocMeta,
    /// The house style.
    pub style: Style,
    tree: OnceLock<Vec<Block>>,
    #[cfg(test)]
    parses: std::sync::atomic::AtomicUsize,
}

impl Document {
    /// A document from its Markdown.
    pub fn new(markdown: String, meta: DocMeta, style: Style) -> Document {
        Document {
            markdown,
            meta,
            style,
            tree: OnceLock::new(),
            #[cfg(test)]
            parses: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The document tree, parsed from the Markdown on first use.
    pub fn tree(&self) -> &[Block] {
        self.tree.get_or_init(|| {
            #[cfg(test)]
            self.parses
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            crate::render::parse(&self.markdown)
        })
    }

    /// How many times the Markdown was parsed (tests of "parsed once").
    #[cfg(test)]
    pub(crate) fn parses(&self) -> usize {
        self.parses.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A kind of document made from one vacancy's merged data.
pub trait Kind: Sync {
    /// The name given to `--template`: `summary`.
    fn name(&self) -> &str;
    /// One line for help and the README.
    fn about(&self) -> &str;
    /// Makes the document.
    fn build(&self, session: &Session, advert: &Advert) -> Result<Document, Error>;
}

impl<K: Kind + ?Sized> Kind for &K {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn about(&self) -> &str {
        (**self).about()
    }
    fn build(&self, session: &Session, advert: &Advert) -> Result<Document, Error> {
        (**self).build(session, advert)
    }
}

/// The built-in kinds. Registering a kind is one line here.
pub static KINDS: &[&dyn Kind] = &[
    &template::ADVERT,
    &template::SUMMARY,
    &scoring::SIFT,
    &scoring::INTERVIEW,
];

/// The kind called `name`: a built-in one, or else the user's template of that name (an
/// unknown template is reported when the document is built, with the nearest names).
pub fn kind(name: &str) -> Box<dyn Kind + '_> {
    match KINDS.iter().find(|k| k.name() == name) {
        Some(k) => Box::new(*k),
        None => Box::new(TemplateKind::new(name, "a template of the user's")),
    }
}
