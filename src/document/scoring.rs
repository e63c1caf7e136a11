//! The scoring sheets: what a hiring panel scores each candidate against, built from the same
//! merged advert as the advert itself, so that the sheet cannot drift from what the advert
//! asked for.
//!
//! Two kinds share one template (`scoring-sheet.md.tera`): the sift sheet holds what the
//! application is assessed against (the essential criteria, the behaviours the application form
//! asks for, experience), the interview sheet what the interview assesses (every behaviour,
//! every technical skill at its framework level with its "You can" statements, experience,
//! strengths). The rating scale is data (`scoring.yaml`).

use serde::{Deserialize, Serialize};

use super::{Document, Kind};
use crate::advert::Advert;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::Source;
use crate::model::DocMeta;
use crate::yaml::{Positions, strip_bom};
use crate::{Error, Session};

/// The rating scale of the scoring sheets: `data/scoring.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Where the scale is published.
    pub source: String,
    /// Each score, from 1 up.
    pub scores: Vec<Score>,
}

/// One score of the scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The number: 1 is the lowest.
    pub score: u32,
    /// Its usual label: `Acceptable standard`.
    pub words: String,
    /// What it means, in a sentence.
    pub meaning: String,
}

impl Scale {
    /// The highest score.
    pub fn top(&self) -> u32 {
        self.scores.last().map_or(0, |s| s.score)
    }
}

/// Checks that the scale runs 1, 2, 3... with no gaps, so that totals and maximums mean what
/// the sheet says.
pub(crate) fn check_scale(src: &Source, scale: &(Scale, Positions), p: &mut Diagnostics) {
    let (scale, at) = scale;
    let text = strip_bom(&src.text);
    if scale.scores.is_empty() {
        p.push(
            Diagnostic::new("the rating scale has no scores")
                .in_file(&src.display)
                .at_path(text, at, "scores")
                .help("list the scores from 1 up, each with its `score`, `words` and `meaning`"),
        );
    }
    for (i, s) in scale.scores.iter().enumerate() {
        let want = i as u32 + 1;
        if s.score != want {
            p.push(
                Diagnostic::new(format!(
                    "score {} is in place {want} of the rating scale",
                    s.score
                ))
                .in_file(&src.display)
                .at_value(text, at, &format!("scores[{i}].score"))
                .help(format!(
                    "number the scores 1, 2, 3... in order with no gaps: this one should be {want}"
                )),
            );
        }
    }
}

/// Which sheet: what the application is assessed against, or what the interview assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The sift of applications.
    Sift,
    /// The interview.
    Interview,
}

/// A scoring sheet, as the template sees it (`sheet`).
#[derive(Debug, Clone, Serialize)]
pub struct Sheet {
    /// `sift` or `interview`.
    pub variant: &'static str,
    /// `Sift scoring sheet`.
    pub name: &'static str,
    /// The sections, in the advert's order, each with at least one item.
    pub sections: Vec<Section>,
    /// How many items are scored.
    pub items: usize,
    /// The highest score of the scale.
    pub top: u32,
    /// The highest total: items x top.
    pub maximum: u32,
    /// The rating scale.
    pub scale: Scale,
}

/// A section of a sheet: one table of items.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `behaviours`, `technical-skills`, `essential-criteria`, `experience-and-strengths`.
    pub id: &'static str,
    /// `Behaviours, at Success Profiles level 3`.
    pub title: String,
    /// The items to score.
    pub items: Vec<Item>,
}

/// One item to score.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// `Delivering at pace`, `Modern development standards (working)`.
    pub name: String,
    /// What to look for: lines, each shown on its own line.
    pub prompts: Vec<String>,
}

/// The sheet of `variant` for an advert.
pub fn sheet(advert: &Advert, scale: &Scale, variant: Variant) -> Sheet {
    let c = &advert.candidate;
    let interview = variant == Variant::Interview;
    let mut sections = Vec::new();
    // Where a sift looks: what the vacancy asks candidates to send.
    let sent = if c.sends.is_empty() {
        "what the candidate sent".to_string()
    } else {
        format!("the {}", crate::advert::and_list(&c.sends))
    };

    // The advert's order: person specification, behaviours, technical skills, then the
    // selection process (experience, strengths).
    if !interview && let Some(spec) = &c.person_specification {
        sections.push(Section {
            id: "essential-criteria",
            title: "Essential criteria".into(),
            items: spec
                .essential
                .iter()
                .map(|e| Item {
                    name: e.clone(),
                    prompts: vec![format!("Look for it in {sent}.")],
                })
                .collect(),
        });
    }
    if let Some(b) = &c.behaviours {
        let prompt = if interview {
            "A specific example: what the candidate did, how, and the result."
        } else {
            "The example the application form gives: what the candidate did, how, and the result."
        };
        sections.push(Section {
            id: "behaviours",
            title: match b.level {
                Some(l) => format!("Behaviours, at Success Profiles level {l}"),
                None => "Behaviours".into(),
            },
            items: b
                .items
                .iter()
                .filter(|i| interview || i.at_application)
                .map(|i| Item {
                    name: i.name.clone(),
                    prompts: vec![prompt.into()],
                })
                .collect(),
        });
    }
    if interview {
        sections.push(Section {
            id: "technical-skills",
            title: "Technical skills".into(),
            items: c
                .technical_skills
                .iter()
                .map(|s| Item {
                    name: format!("{} ({})", s.name, s.level),
                    prompts: std::iter::once(format!("{} level: the candidate can", s.level_name))
                        .chain(s.bullets.iter().map(|b| format!("• {b}")))
                        .collect(),
                })
                .collect(),
        });
    }
    let mut rest = Vec::new();
    if c.experience_assessed {
        rest.push(Item {
            name: "Experience".into(),
            prompts: vec![if interview {
                "Look for experience of the work the job description sets out.".into()
            } else {
                format!("Look in {sent} for experience of the work the job description sets out.")
            }],
        });
    }
    // Strengths are assessed at interview only: an application cannot show them.
    if interview && c.strengths_assessed {
        rest.push(Item {
            name: "Strengths".into(),
            prompts: vec![
                "Look for what the candidate does well and enjoys, in their answers to the strength questions.".into(),
            ],
        });
    }
    sections.push(Section {
        id: "experience-and-strengths",
        title: "Experience and strengths".into(),
        items: rest,
    });
    sections.retain(|s| !s.items.is_empty());
    let items = sections.iter().map(|s| s.items.len()).sum();
    let top = scale.top();
    Sheet {
        variant: if interview { "interview" } else { "sift" },
        name: if interview {
            "Interview scoring sheet"
        } else {
            "Sift scoring sheet"
        },
        sections,
        items,
        top,
        maximum: top * items as u32,
        scale: scale.clone(),
    }
}

/// A scoring sheet kind: the sift or the interview sheet.
pub struct ScoringKind {
    variant: Variant,
}

/// The template both sheets are written by.
const TEMPLATE: &str = "scoring-sheet";

impl Kind for ScoringKind {
    fn name(&self) -> &str {
        match self.variant {
            Variant::Sift => "sift-sheet",
            Variant::Interview => "interview-sheet",
        }
    }
    fn about(&self) -> &str {
        match self.variant {
            Variant::Sift => {
                "the panel's sift scoring sheet: what the application is assessed against, scored 1 to 7"
            }
            Variant::Interview => {
                "the panel's interview scoring sheet: behaviours, technical skills, experience and strengths, scored 1 to 7"
            }
        }
    }
    fn build(&self, session: &Session, advert: &Advert) -> Result<Document, Error> {
        let sheet = sheet(advert, &session.data.scoring, self.variant);
        if sheet.items == 0 {
            return Err(nothing_to_score(self.variant).into());
        }
        let markdown = render(session, advert, &sheet)?;
        let meta = DocMeta {
            title: format!("{}: {}", sheet.name, advert.title),
            subject: format!("{} for {}", sheet.name, advert.title),
            ..advert.meta.clone()
        };
        Ok(Document::new(markdown, meta, advert.style.clone()))
    }
}

/// The sheet's Markdown, written by the department's, the user's or the built-in template.
fn render(session: &Session, advert: &Advert, sheet: &Sheet) -> Result<String, Error> {
    let mut context = tera::Context::from_serialize(advert)
        .map_err(|e| Error::Internal(format!("cannot pass the advert to the template: {e}")))?;
    context.insert("sheet", sheet);
    session.render_markdown(
        advert.org.as_ref().map(|o| o.id.as_str()),
        TEMPLATE,
        &context,
    )
}

/// For `jobgen validate`: when `template` is the sheets' template, renders both sheets for
/// `advert` (empty or not) and gives `Some` result; `None` for any other template.
pub(crate) fn check_template(
    session: &Session,
    advert: &Advert,
    template: &str,
) -> Option<Result<(), Error>> {
    (template == TEMPLATE).then(|| {
        for variant in [Variant::Sift, Variant::Interview] {
            render(
                session,
                advert,
                &sheet(advert, &session.data.scoring, variant),
            )?;
        }
        Ok(())
    })
}

/// The error for a sheet with nothing on it: which vacancy keys would put something there.
fn nothing_to_score(variant: Variant) -> Diagnostic {
    match variant {
        Variant::Sift => Diagnostic::new(
            "the sift sheet has nothing to score: the vacancy names no essential criteria, no behaviour for the application form, and does not assess experience",
        )
        .at_key("behaviours_at_application")
        .help("add `person_specification.essential`, `behaviours_at_application` or `experience_assessed: true` to the vacancy, or write the interview sheet (--template interview-sheet)"),
        Variant::Interview => Diagnostic::new(
            "the interview sheet has nothing to score: the vacancy names no behaviours, its level has no technical skills, and it assesses neither experience nor strengths",
        )
        .at_key("behaviours")
        .help("add `behaviours`, `technical_skills`, `experience_assessed: true` or `strengths_assessed: true` to the vacancy"),
    }
}

/// The sift sheet.
pub(super) static SIFT: ScoringKind = ScoringKind {
    variant: Variant::Sift,
};
/// The interview sheet.
pub(super) static INTERVIEW: ScoringKind = ScoringKind {
    variant: Variant::Interview,
};
