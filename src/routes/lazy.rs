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
/// `$chunk` (one chunk per name). Off wasm the page is called directly.
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $page:ident) => {
        pub(crate) struct $route;

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                use $crate::features::shell::chunk_failed::ChunkFailed;
                use $crate::routes::lazy::ChunkUnavailable;

                #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
                fn render() -> Result<AnyView, ChunkUnavailable> {
                    Ok(view! { <$page /> }.into_any())
                }
                render().await.unwrap_or_else(|_| view! { <ChunkFailed /> }.into_any())
            }
        }
    };
}

pub(crate) use lazy_page;
