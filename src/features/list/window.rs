//! Which rows of a long list are in the DOM. Building 10,000 table rows
//! costs seconds and makes every filter change rebuild them; a window of
//! the rows in view (plus a margin) costs the same at 50 apps and at
//! 50,000, and even 100 apps appear sooner when only the first screen of
//! rows is built before the first paint. Short lists are rendered whole.
//! Which rows: [`rows_to_render`], pure and tested on the host; keeping
//! them current as the page scrolls: [`TableWindow`]. Shared by the apps
//! and users tables.

use std::ops::Range;

use leptos::{html, prelude::*};

/// Lists up to this many rows are rendered whole (about a screenful and a
/// half on a laptop).
pub(crate) const RENDER_ALL_UP_TO: usize = 40;

/// Rows rendered above and below the viewport, so a fast scroll or a
/// keyboard Tab finds the next row already there.
pub(crate) const OVERSCAN: usize = 10;

/// A row height to start with, before a rendered row has been measured.
pub(crate) const ESTIMATED_ROW_PX: f64 = 45.0;

/// Where the list is on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Viewport {
    /// The top of the first row relative to the top of the viewport
    /// (negative once it has scrolled out of view).
    pub(crate) list_top: f64,
    /// The viewport's height.
    pub(crate) height: f64,
    /// One row's height, as measured.
    pub(crate) row_px: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            list_top: 0.0,
            height: 1000.0,
            row_px: ESTIMATED_ROW_PX,
        }
    }
}

/// The rows of a `len`-row list to render.
pub(crate) fn rows_to_render(len: usize, view: Viewport) -> Range<usize> {
    if len <= RENDER_ALL_UP_TO {
        return 0..len;
    }
    // A row height that is zero, negative or NaN (an unmeasured, hidden
    // list) would divide into nonsense: fall back to the estimate.
    let row = if view.row_px.is_finite() && view.row_px >= 1.0 {
        view.row_px
    } else {
        ESTIMATED_ROW_PX
    };
    let height = if view.height.is_finite() {
        view.height.max(0.0)
    } else {
        0.0
    };
    let top = if view.list_top.is_finite() {
        view.list_top
    } else {
        0.0
    };
    let first = ((-top).max(0.0) / row).floor() as usize;
    let last = ((height - top).max(0.0) / row).ceil() as usize;
    let start = first.saturating_sub(OVERSCAN).min(len);
    let end = last.saturating_add(OVERSCAN).min(len).max(start);
    start..end
}

/// The part of a long list that is in the DOM: the rows in view, and
/// spacer rows standing in for the rest. Shared by the apps and users
/// tables.
#[derive(Clone, Copy)]
pub(crate) struct TableWindow {
    shown: Memo<Vec<usize>>,
    viewport: RwSignal<Viewport>,
    range: Memo<Range<usize>>,
}

impl TableWindow {
    /// Follows where `body` is on screen; `row_selector` finds a rendered
    /// row to measure.
    pub(crate) fn new(
        body: NodeRef<html::Tbody>,
        shown: Memo<Vec<usize>>,
        row_selector: &'static str,
    ) -> Self {
        let viewport = follow_viewport(body, shown, row_selector);
        let range = Memo::new(move |_| rows_to_render(shown.with(Vec::len), viewport.get()));
        TableWindow {
            shown,
            viewport,
            range,
        }
    }

    /// (position in the result, position in the list) of each row to
    /// render: the key stays the same while a row scrolls, so scrolling by
    /// one row builds one row.
    pub(crate) fn rows(&self) -> Vec<(usize, usize)> {
        let r = self.range.get();
        self.shown.with(|s| {
            let end = r.end.min(s.len());
            let start = r.start.min(end);
            (start..end).map(|pos| (pos, s[pos])).collect()
        })
    }

    pub(crate) fn is_windowed(&self) -> bool {
        self.shown.with(Vec::len) > RENDER_ALL_UP_TO
    }

    pub(crate) fn spacer_above(&self, columns: usize) -> impl IntoView {
        self.spacer(self.range.get().start, columns)
    }

    pub(crate) fn spacer_below(&self, columns: usize) -> impl IntoView {
        let after = self
            .shown
            .with(Vec::len)
            .saturating_sub(self.range.get().end);
        self.spacer(after, columns)
    }

    fn spacer(&self, rows: usize, columns: usize) -> impl IntoView {
        (rows > 0).then(|| {
            // Whole pixels: float formatting costs 10 KB of bundle.
            let px = format!(
                "{}px",
                (rows as f64 * self.viewport.with(|v| v.row_px)).round() as u64
            );
            view! {
                <tr class="spacer" aria-hidden="true">
                    <td colspan=columns style:height=px></td>
                </tr>
            }
        })
    }
}

/// Where the list is on screen, kept current: scrolling and resizing move
/// the window; so does a new result (the list may have shrunk under the
/// scroll position). `row_selector` finds a rendered row to measure.
fn follow_viewport(
    body: NodeRef<html::Tbody>,
    shown: Memo<Vec<usize>>,
    row_selector: &'static str,
) -> RwSignal<Viewport> {
    // The window's height is known before any layout (reading it forces
    // none), so the first render builds the rows a screen of this height
    // can show, not a 1,000 px guess's worth.
    let start = Viewport::default();
    let viewport = RwSignal::new(Viewport {
        height: window_height().unwrap_or(start.height),
        ..start
    });
    let measure = move || measure_viewport(body, viewport, row_selector);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    Effect::new(move |_| {
        shown.track();
        request_animation_frame(measure);
    });
    viewport
}

/// Reads where the list is on screen and how tall a row is.
fn measure_viewport(
    body: NodeRef<html::Tbody>,
    viewport: RwSignal<Viewport>,
    row_selector: &'static str,
) {
    // A frame or scroll event can arrive after the table is gone.
    let Some(Some(tbody)) = body.try_get_untracked() else {
        return;
    };
    let height = window_height().unwrap_or(0.0);
    let row_px = tbody
        .query_selector(row_selector)
        .ok()
        .flatten()
        .map(|row| row.get_bounding_client_rect().height())
        .filter(|h| *h >= 1.0);
    let next = Viewport {
        list_top: tbody.get_bounding_client_rect().top(),
        height,
        row_px: row_px.unwrap_or(viewport.get_untracked().row_px),
    };
    if viewport.try_get_untracked() != Some(next) {
        viewport.try_set(next);
    }
}

/// The browser window's inner height.
fn window_height() -> Option<f64> {
    web_sys::window()?.inner_height().ok()?.as_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(list_top: f64, height: f64, row_px: f64) -> Viewport {
        Viewport {
            list_top,
            height,
            row_px,
        }
    }

    #[test]
    fn short_lists_are_rendered_whole() {
        assert_eq!(rows_to_render(0, Viewport::default()), 0..0);
        assert_eq!(
            rows_to_render(RENDER_ALL_UP_TO, view(-5000.0, 100.0, 40.0)),
            0..RENDER_ALL_UP_TO
        );
    }

    #[test]
    fn renders_the_rows_in_view_plus_a_margin() {
        // List starts 200 px down a 1000 px viewport: rows 0..20 are visible.
        assert_eq!(
            rows_to_render(10_000, view(200.0, 1000.0, 40.0)),
            0..20 + OVERSCAN
        );
        // Scrolled 4000 px into the list: rows 100..125 are visible.
        assert_eq!(
            rows_to_render(10_000, view(-4000.0, 1000.0, 40.0)),
            100 - OVERSCAN..125 + OVERSCAN
        );
    }

    #[test]
    fn stops_at_the_ends() {
        assert_eq!(
            rows_to_render(10_000, view(-400_000.0, 1000.0, 40.0)),
            10_000 - OVERSCAN..10_000
        );
        // Scrolled far past the end (the list just shrank): an empty window
        // at the end, never a range past it.
        let r = rows_to_render(1_000, view(-400_000.0, 1000.0, 40.0));
        assert!(r.start <= r.end && r.end == 1_000);
        // The list is below the viewport: only the margin is rendered.
        assert_eq!(
            rows_to_render(10_000, view(5000.0, 1000.0, 40.0)),
            0..OVERSCAN
        );
    }

    #[test]
    fn nonsense_measurements_fall_back_to_the_estimate() {
        for bad in [0.0, -3.0, f64::NAN, f64::INFINITY] {
            let r = rows_to_render(10_000, view(0.0, 900.0, bad));
            assert_eq!(r.start, 0);
            assert!(r.end > OVERSCAN && r.end < 100, "{bad}: {r:?}");
        }
        let r = rows_to_render(10_000, view(f64::NAN, f64::NAN, 40.0));
        assert_eq!(r, 0..OVERSCAN);
    }
}
