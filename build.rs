//! Rebuild when a built-in data file or template changes, is added or is removed: they are
//! embedded in the binary.
fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=templates");
}
