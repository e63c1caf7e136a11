//! Kinds written by a template over the merged advert: the advert, the summary, and any template
//! a user adds.

use super::{Document, Kind};
use crate::advert::Advert;
use crate::{Error, Session};

/// A document written by the template `<name>.md.tera` over the merged advert. The advert, the
/// summary and every template a user adds are of this kind.
pub struct TemplateKind<'a> {
    name: &'a str,
    about: &'a str,
}

impl<'a> TemplateKind<'a> {
    /// The kind written by template `name`.
    pub const fn new(name: &'a str, about: &'a str) -> Self {
        TemplateKind { name, about }
    }
}

impl Kind for TemplateKind<'_> {
    fn name(&self) -> &str {
        self.name
    }
    fn about(&self) -> &str {
        self.about
    }
    fn build(&self, session: &Session, advert: &Advert) -> Result<Document, Error> {
        let markdown = session.markdown(advert, self.name)?;
        Ok(Document::new(
            markdown,
            advert.meta.clone(),
            advert.style.clone(),
        ))
    }
}

/// The full job advert.
pub(super) static ADVERT: TemplateKind<'static> =
    TemplateKind::new("advert", "the full job advert");
/// The framework's role summary.
pub(super) static SUMMARY: TemplateKind<'static> = TemplateKind::new(
    "summary",
    "the framework's role summary: role, level, responsibilities, skills",
);
