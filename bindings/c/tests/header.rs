//! The committed C header (`include/gleaner.h`) is what cbindgen generates from this
//! crate's source now. `GLEANER_BLESS=1 cargo test -p gleaner-c --test header` rewrites it.

use std::path::Path;

#[test]
fn committed_header_is_current() {
    let krate = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = krate.join("../..");
    let config = cbindgen::Config::from_file(krate.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(krate)
        .with_config(config)
        .generate()
        .expect("cbindgen failed")
        .write(&mut generated);
    let generated = String::from_utf8(generated).unwrap();
    let path = root.join("include/gleaner.h");
    if std::env::var_os("GLEANER_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/gleaner.h is out of date: run GLEANER_BLESS=1 cargo test -p gleaner-c --test header"
    );
}
