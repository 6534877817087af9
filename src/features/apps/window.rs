//! Which rows of a long list are in the DOM. Building 10,000 table rows
//! costs seconds and makes every filter change rebuild them; a window of
//! the rows in view (plus a margin) costs the same at 50 apps and at
//! 50,000, and even 100 apps appear sooner when only the first screen of
//! rows is built before the first paint. Short lists are rendered whole.
//! Pure, tested on the host.

use std::ops::Range;

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
