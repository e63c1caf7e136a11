//! Rebuild when a built-in data file, template or web asset changes, is added or is removed:
//! embedded in the binary.
fn main() {
    println!("cargo:rerun-if-changed=src/web/static");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=templates");
}
