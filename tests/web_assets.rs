//! The web page's committed assets (src/serve/assets): the bundled script is built from the
//! current web/src and web/package-lock.json (scripts/build-web.sh names its sources' hash on its
//! first line), and the page needs nothing from the network.

use nianbao::ide::report::fnv1a;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn walk(root: &Path, dir: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("directory entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().into_string().expect("UTF-8 file name");
        let path = format!("{dir}/{name}");
        let kind = e.file_type().expect("file type");
        if kind.is_dir() {
            walk(root, &path, out);
        } else if kind.is_file() {
            out.push(path);
        }
    }
}

/// FNV-1a-64 over web/package-lock.json and every file under web/src, in byte order of their
/// paths, each as path bytes, NUL, content bytes (the hash scripts/build-web.sh writes).
fn sources_hash(root: &Path) -> String {
    let mut files = vec!["web/package-lock.json".to_string()];
    walk(root, "web/src", &mut files);
    files.sort();
    let mut bytes = Vec::new();
    for f in &files {
        bytes.extend_from_slice(f.as_bytes());
        bytes.push(0);
        bytes.extend(fs::read(root.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")));
    }
    format!("{:016x}", fnv1a(&bytes))
}

fn asset(name: &str) -> String {
    let p = root().join("src/serve/assets").join(name);
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn fnv1a_is_the_standard_64_bit_hash() {
    // the published FNV-1a-64 test vectors: the script's hash must agree with this one
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn bundle_is_built_from_the_current_sources() {
    let js = asset("app.js");
    let first = js.lines().next().unwrap_or_default();
    let committed = first
        .strip_prefix("/* nianbao-web-src: ")
        .and_then(|s| s.strip_suffix(" */"))
        .unwrap_or_else(|| {
            panic!("src/serve/assets/app.js does not start with its sources' hash (found {first:?}): run scripts/build-web.sh")
        });
    let current = sources_hash(&root());
    assert_eq!(
        committed, current,
        "src/serve/assets/app.js is stale (built from sources {committed}, web/ is now {current}): run scripts/build-web.sh and commit its output"
    );
    // a real bundle, not a placeholder: CodeMirror and the page's hooks are in it
    assert!(js.len() > 50_000, "app.js is only {} bytes", js.len());
    for hook in ["data-testid", "/api/check", "/api/files", "/api/review"] {
        assert!(js.contains(hook), "app.js lacks {hook}");
    }
}

#[test]
fn page_works_offline() {
    let html = asset("index.html");
    for needed in [
        "src=\"/assets/app.js\"",
        "href=\"/assets/app.css\"",
        "href=\"/assets/review.css\"",
        "lang=\"zh-CN\"",
        "type=\"file\" multiple",
        "<main>",
    ] {
        assert!(html.contains(needed), "index.html lacks {needed}");
    }
    // nothing is loaded from elsewhere: every src/href is a local path or a fragment
    for (i, _) in html.match_indices(['"', '\'']) {
        let before = &html[..i];
        if before.ends_with("src=") || before.ends_with("href=") {
            let value = &html[i + 1..];
            assert!(
                value.starts_with('/') || value.starts_with('#') || value.starts_with("data:"),
                "index.html loads {}",
                &value[..value.len().min(60)]
            );
            assert!(
                !value.starts_with("//"),
                "index.html loads {}",
                &value[..value.len().min(60)]
            );
        }
    }
    let css = asset("app.css");
    assert!(
        !css.contains("@import") && !css.contains("url(http"),
        "app.css loads something"
    );
    let js = asset("app.js");
    assert!(
        !js.contains("import(\"http"),
        "app.js imports a remote module"
    );
}
