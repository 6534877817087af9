use leptos::prelude::*;

#[component]
pub(crate) fn NotFound() -> impl IntoView {
    view! {
        <section class="page narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may be an old or mistyped link."</p>
            <a href=crate::paths::APPS class="btn btn-primary">
                "Go to your apps"
            </a>
        </section>
    }
}
