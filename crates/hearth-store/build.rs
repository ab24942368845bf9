fn main() {
    // New migration folders must rebuild the crate that embeds them.
    println!("cargo:rerun-if-changed=migrations");
}
