use leptos::prelude::*;

/// Shown in place of a page whose code could not be downloaded. Reloading
/// fetches the current deployment's index.html and its chunks.
#[component]
pub(crate) fn ChunkFailed() -> impl IntoView {
    view! {
        <section class="page narrow">
            <div class="alert alert-error" role="alert">
                <p class="alert-title">"This page could not be loaded"</p>
                <p>
                    "Its code did not download: the network may be down, or a newer version of "
                    "the console was deployed. Nothing was changed through the API. Reload to try again; "
                    "your session is kept in this tab."
                </p>
                // A native reload: the new index.html names the chunks that exist now.
                <a class="btn btn-primary" href="" rel="external">
                    "Reload"
                </a>
            </div>
        </section>
    }
}
