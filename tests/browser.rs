//! placeholder while the driver compiles
#[test]
fn placeholder() {
    let _ = headless_chrome::LaunchOptions::default();
}
