//! Reading a vacancies list: any text must give requests and located problems, or one located
//! error, never a panic; the YAML index under it must stop, whatever the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = jobgen::yaml::Positions::index(text);
    if let Ok((requests, _)) = jobgen::request::vacancies_from_str("fuzz.yaml", text) {
        for r in &requests {
            let _ = r.locate("level", jobgen::diagnostics::Diagnostic::new("x")).to_string();
        }
    }
});
