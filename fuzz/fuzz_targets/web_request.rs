//! What `jobgen serve` decodes from a client: any bytes, split at the first NUL into a form
//! body (urlencoded pairs, as the advert form posts them) and a JSON text (as the API takes
//! it). Each must give a request or diagnostics, never a panic; a request then renders as
//! Markdown and HTML, or fails with diagnostics.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn session() -> &'static jobgen::Session {
    static SESSION: OnceLock<jobgen::Session> = OnceLock::new();
    SESSION.get_or_init(|| jobgen::Session::load(&[], None).unwrap_or_else(|e| panic!("{e}")))
}

fn render(req: &jobgen::request::Request) {
    for format in [jobgen::Format::MD, jobgen::Format::HTML] {
        match session().generate(req, "advert", &[format]) {
            Ok(generated) => assert_eq!(generated.files.len(), 1),
            // Every error a request can cause is the input's, with something to say.
            Err(e) => {
                let d = e.diagnostics();
                assert!(!d.0.is_empty(), "an error without diagnostics: {e:?}");
                assert!(
                    matches!(e, jobgen::Error::Input(_) | jobgen::Error::Usage(_)),
                    "not an input error: {e:?}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (form, json) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[..0]),
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(form)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    match jobgen::request::Request::from_form(&pairs) {
        Ok(req) => render(&req),
        Err(d) => assert!(!d.0.is_empty()),
    }
    if let Ok(text) = std::str::from_utf8(json) {
        match jobgen::request::Request::from_json_str("fuzz.json", text) {
            Ok(req) => render(&req),
            Err(d) => assert!(!d.0.is_empty()),
        }
    }
});
