//! Micro-benchmarks of each stage of the pipeline (`cargo bench`). Whole-process throughput,
//! memory and the comparison with pandoc are measured by scripts/bench.sh.

use divan::{Bencher, black_box};
use jobgen::document::Document;
use jobgen::model::{Text, Vacancy};
use jobgen::request::Request;
use jobgen::{Format, Session};

fn main() {
    divan::main();
}

fn session() -> Session {
    Session::load(&[], None).unwrap_or_else(|e| panic!("{e}"))
}

fn request() -> Request {
    Request::new(Vacancy {
        org: Some(Text("home-office".into())),
        role: Some(Text("devops-engineer".into())),
        level: Some(Text("devops-engineer".into())),
        grade: Some(Text("SEO".into())),
        reference: Some(Text("HO/1".into())),
        salary: Some(Text("£45,000".into())),
        ..Vacancy::default()
    })
}

/// Parsing and checking every built-in data file.
#[divan::bench]
fn load_builtin_data() -> Session {
    session()
}

/// Merging one vacancy with its role level and department.
#[divan::bench]
fn merge_one_vacancy(b: Bencher) {
    let s = session();
    let r = request();
    b.bench(|| s.advert(black_box(&r)).expect("merges"));
}

/// Rendering one advert to Markdown (the template engine is already built).
#[divan::bench]
fn render_markdown(b: Bencher) {
    let s = session();
    let advert = s.advert(&request()).expect("merges");
    let _ = s.markdown(&advert, "advert");
    b.bench(|| s.markdown(black_box(&advert), "advert").expect("renders"));
}

fn markdown() -> (Session, jobgen::advert::Advert, String) {
    let s = session();
    let advert = s.advert(&request()).expect("merges");
    let md = s.markdown(&advert, "advert").expect("renders");
    (s, advert, md)
}

/// Markdown to the HTML page (parse included).
#[divan::bench]
fn markdown_to_html(b: Bencher) {
    let (_s, advert, md) = markdown();
    b.bench(|| {
        let doc = Document::new(
            black_box(md.clone()),
            advert.meta.clone(),
            advert.style.clone(),
        );
        jobgen::encoding::encode(&doc, Some(&advert), &[Format::HTML]).expect("html")
    });
}

/// Markdown to the Word document, package written (parse included).
#[divan::bench]
fn markdown_to_docx(b: Bencher) {
    let (_s, advert, md) = markdown();
    b.bench(|| {
        let doc = Document::new(
            black_box(md.clone()),
            advert.meta.clone(),
            advert.style.clone(),
        );
        jobgen::encoding::encode(&doc, Some(&advert), &[Format::DOCX]).expect("docx")
    });
}

/// One advert, merge to all three formats.
#[divan::bench]
fn whole_advert_three_formats(b: Bencher) {
    let s = session();
    let r = request();
    let _ = s.engine(Some("home-office"));
    b.bench(|| {
        let advert = s.advert(&r).expect("merges");
        s.documents(&advert, "advert", &[Format::MD, Format::HTML, Format::DOCX])
            .expect("renders")
    });
}
