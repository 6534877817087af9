//! Pages whose code is downloaded on first visit. Each one named here becomes
//! its own wasm chunk when `scripts/post-build.js` splits the build, so the
//! first load carries only the shell, sign-in and the apps list.

use leptos::wasm_split::SplitLoaderError;

/// A page's chunk could not be fetched or instantiated (offline, or a newer
/// deployment removed it). The page says so instead of the wasm aborting,
/// which is what an unhandled load failure would do.
pub(crate) struct ChunkUnavailable;

impl From<SplitLoaderError> for ChunkUnavailable {
    fn from(_: SplitLoaderError) -> Self {
        ChunkUnavailable
    }
}

/// Declares `$route`, a `LazyRoute` that renders `$page` from the chunk
/// `$chunk` (one chunk per name), with the page's loader in module `$module`:
/// `$module::preload()` fetches the chunk without showing the page. Off wasm
/// the page is called directly.
///
/// With `in_unlocked_app`, the page is one of an app's pages: under a
/// locked app (the parent route provides no [`UnlockedApp`]) it renders
/// nothing, as the unlock form stands in its place; its chunk is still
/// loaded, so a chunk that cannot load says so at once.
///
/// With `first = <expr>`, the route's `data` (called by the router as
/// navigation starts, in the main module) evaluates it before the chunk is
/// fetched: the page's first reads are sent then (see
/// [`first_reads`]), not once its code has arrived.
///
/// [`UnlockedApp`]: crate::features::app_shell::UnlockedApp
/// [`first_reads`]: crate::features::app_shell::first_reads
macro_rules! lazy_page {
    ($route:ident, $module:ident, $chunk:ident, $page:ident, in_unlocked_app $(, first = $first:expr)?) => {
        $crate::routes::lazy::lazy_page!(@route $route, $module, $chunk, $page, {
            // Checked in the chunk, not the main module, which then carries
            // no code for it.
            use $crate::features::app_shell::UnlockedApp;
            if use_context::<UnlockedApp>().is_none() {
                return Ok(().into_any());
            }
        }, { $($first;)? });
    };
    ($route:ident, $module:ident, $chunk:ident, $page:ident $(, first = $first:expr)?) => {
        $crate::routes::lazy::lazy_page!(@route $route, $module, $chunk, $page, {}, { $($first;)? });
    };
    (@route $route:ident, $module:ident, $chunk:ident, $page:ident, $before:block, $data:block) => {
        pub(crate) struct $route;

        pub(crate) mod $module {
            use leptos::prelude::*;
            use leptos::wasm_split::wasm_split;
            use $crate::routes::lazy::ChunkUnavailable;

            #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
            pub(crate) fn render() -> Result<AnyView, ChunkUnavailable> {
                $before;
                Ok(view! { <super::$page /> }.into_any())
            }
        }

        impl leptos_router::LazyRoute for $route {
            // As navigation starts, before the chunk is fetched: `first`
            // sends what the page will read first (the main module's code).
            fn data() -> Self {
                $data;
                $route
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                use $crate::features::shell::chunk_failed::ChunkFailed;
                $module::render()
                    .await
                    .unwrap_or_else(|_| view! { <ChunkFailed /> }.into_any())
            }

            // The router calls this as navigation starts, so the chunk is
            // on its way while the route is matched. A failure shows in `view`.
            async fn preload() {
                let _ = $module::preload().await;
            }
        }
    };
}

pub(crate) use lazy_page;
