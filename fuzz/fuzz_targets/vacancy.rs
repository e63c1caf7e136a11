//! Loading a vacancy file: any bytes must give an advert or a located error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn session() -> &'static jobgen::Session {
    static SESSION: OnceLock<jobgen::Session> = OnceLock::new();
    SESSION.get_or_init(|| jobgen::Session::load(&[], None).unwrap_or_else(|e| panic!("{e}")))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(vacancy) = jobgen::data::parse_str::<jobgen::model::Vacancy>("fuzz.yaml", text) else {
        return;
    };
    let req = jobgen::request::Request::new(vacancy);
    let s = session();
    if let Ok(advert) = s.advert(&req) {
        let _ = s.markdown(&advert, "advert");
    }
});
