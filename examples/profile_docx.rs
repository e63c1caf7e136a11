//! Renders the DevOps SEO Home Office advert to Word N times, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile_docx 50`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let s = jobgen::Session::load(&[], None).unwrap_or_else(|e| panic!("{e}"));
    let req = jobgen::request::Request::new(jobgen::model::Vacancy {
        org: Some(jobgen::model::Text("home-office".into())),
        role: Some(jobgen::model::Text("devops-engineer".into())),
        level: Some(jobgen::model::Text("3".into())),
        ..Default::default()
    });
    let advert = s.advert(&req).unwrap_or_else(|e| panic!("{e}"));
    let md = s
        .markdown(&advert, "advert")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut total = 0;
    for _ in 0..n {
        // A fresh document each time, so the Markdown is parsed each time as in a batch.
        let doc =
            jobgen::document::Document::new(md.clone(), advert.meta.clone(), advert.style.clone());
        let docs = jobgen::encoding::encode(&doc, Some(&advert), &[jobgen::Format::DOCX])
            .unwrap_or_else(|e| panic!("{e}"));
        total += docs[0].bytes.len();
    }
    println!("{total}");
}
