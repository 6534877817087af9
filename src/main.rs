// The binary only mounts the app; everything lives in the library so that
// wasm-bindgen-test can reach it.
fn main() {
    exotel_console::start();
}
