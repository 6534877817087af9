//! index.html paints a static shell (the header and a skeleton) before the
//! wasm arrives. The app removes it in the same task that mounts itself, so
//! no frame shows both the shell and the app, or neither; the app's header
//! has the same elements and classes, so it appears exactly where the
//! shell's was. The shell holds no data, no form and no script (the frame
//! guard's refusal replaces it too).
//!
//! Its markup follows [`super::header::Header`] and the `<main>` of
//! `crate::app::App`: change one, change the other (e2e/first-paint.spec.js
//! compares their boxes). Screen readers get one visually hidden h1,
//! "Loading the console"; the grey bars are `aria-hidden`. The main is not
//! `aria-busy`, as some readers would then skip the heading too. Colours
//! follow `prefers-color-scheme`: a theme picked in the app lives in local
//! storage, which only the app reads, so until it mounts the shell shows
//! the system's scheme. Signed in, the app's header also shows who is
//! signed in, which the shell cannot know (the token is in session
//! storage); from 1100 px wide the header is always that tall (main.css),
//! so nothing moves, while narrower it may wrap taller than the shell's.

/// The shell's id in index.html.
const ID: &str = "static-shell";

/// Removes the static shell, if the page has one.
pub(crate) fn remove() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ID))
    {
        shell.remove();
    }
}
