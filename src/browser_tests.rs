//! Component and storage tests that run in real headless Chromium
//! (`cargo test --target wasm32-unknown-unknown`, see .cargo/config.toml).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

use crate::api::{AppId, AppToken, CustomerToken};
use crate::features::app_create::page::CreatePage;
use crate::state::session::Session;
use crate::state::storage::StorageKey;
use crate::ui::toasts::Toasts;
use crate::ui::typed_confirmation::TypedConfirmation;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn session_storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

/// A fresh element to mount into, so tests do not see each other's DOM.
fn container() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// Lets the event loop turn once so effects and re-renders run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
fn session_tokens_live_in_session_storage_only() {
    session_storage().clear().unwrap();
    session_storage().set_item("someone.else", "keep").unwrap();
    let owner = Owner::new();
    owner.with(|| {
        let session = Session::load("/v2/integrations".into());
        assert!(!session.is_signed_in());
        session.sign_in(
            "/v2/integrations".into(),
            Some("cust-1".into()),
            CustomerToken::new("tok-1"),
        );
        session.set_app_token(&AppId::new("app-1"), AppToken::new("app-tok"));
        assert_eq!(
            session_storage()
                .get_item(StorageKey::CustomerToken.as_str())
                .unwrap()
                .as_deref(),
            Some("tok-1")
        );
        // A reload restores the same session from storage.
        let reloaded = Session::load("/other".into());
        assert!(reloaded.is_signed_in());
        let restored = reloaded.app_token(&AppId::new("app-1"));
        assert_eq!(restored, Some(AppToken::new("app-tok")));
        assert_eq!(reloaded.api_base.get_untracked(), "/v2/integrations");

        session.sign_out(None);
        assert!(!session.is_signed_in());
        assert_eq!(
            session_storage()
                .get_item(StorageKey::CustomerToken.as_str())
                .unwrap(),
            None
        );
        assert_eq!(
            session_storage()
                .get_item(StorageKey::AppTokens.as_str())
                .unwrap(),
            None
        );
        assert_eq!(
            session_storage()
                .get_item("someone.else")
                .unwrap()
                .as_deref(),
            Some("keep")
        );
        let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        assert_eq!(
            local.length().unwrap(),
            0,
            "nothing may be written to localStorage"
        );
    });
    session_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn create_form_names_missing_fields_and_keeps_input() {
    session_storage().clear().unwrap();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        provide_context(Session::load("/v2/integrations".into()));
        provide_context(Toasts::new());
        view! { <CreatePage /> }
    });
    tick().await;
    type_into(&root, "#app-name", "Half done");
    tick().await;
    let submit: HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    tick().await;

    let errors = texts(&root, ".field-error");
    assert_eq!(
        errors,
        [
            "Exotel Account SID is required.",
            "Exotel API key is required.",
            "Exotel API token is required.",
            "Exotel domain is required: choose Mumbai or Singapore.",
        ]
    );
    let name: HtmlInputElement = root
        .query_selector("#app-name")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(name.value(), "Half done", "typed input is kept");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("false"));
    let sid = root.query_selector("#account-sid").unwrap().unwrap();
    assert_eq!(sid.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!submit.disabled(), "no request was started");

    type_into(&root, "#account-sid", "acme");
    submit.click();
    tick().await;
    assert_eq!(texts(&root, ".field-error").len(), 3);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_delete_confirmation_needs_the_exact_name() {
    let root = container();
    let confirmed = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TypedConfirmation
                input_id="confirm-name"
                expected="Billing bot".to_string()
                button="Delete app"
                pending_button="Deleting…"
                pending=Signal::stored(false)
                on_confirm=Callback::new(move |_| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(|_| ())
            />
        }
    });
    tick().await;
    let delete: HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(delete.disabled());
    type_into(&root, "#confirm-name", "billing bot");
    tick().await;
    assert!(delete.disabled(), "case matters");
    type_into(&root, "#confirm-name", "Billing bot");
    tick().await;
    assert!(!delete.disabled());
    delete.click();
    tick().await;
    assert_eq!(confirmed.get_untracked(), 1);
    root.remove();
}

#[wasm_bindgen_test]
fn a_panic_leaves_an_error_view_with_a_reload_link() {
    // What the panic hook renders (into <body>, after emptying it); called
    // directly into a container so the test runner survives (a real panic
    // would abort the test's wasm instance).
    let root = container();
    crate::features::shell::panic_view::render_into(&root, "index out of bounds");
    let view = root
        .query_selector(".panic-view[role=alert]")
        .unwrap()
        .unwrap();
    let text = view.text_content().unwrap();
    assert!(text.contains("internal error"));
    assert!(text.contains("index out of bounds"));
    let reload = view.query_selector("a[href='']").unwrap().unwrap();
    assert_eq!(reload.text_content().as_deref(), Some("Reload"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_long_table_renders_only_a_window_and_follows_the_result() {
    use crate::api::App;
    use crate::features::apps::query::{Catalog, ListQuery};
    use crate::features::apps::table::AppTable;
    let root = container();
    let apps: Vec<App> = (0..2_000)
        .map(|i| App {
            app_id: AppId::new(format!("id-{i}")),
            app_name: format!("App {i}"),
            ..App::default()
        })
        .collect();
    let list = StoredValue::new(Catalog::new(apps));
    let shown_len = RwSignal::new(2_000usize);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let shown = Memo::new(move |_| (0..shown_len.get()).collect::<Vec<_>>());
        view! {
            <leptos_router::components::Router>
                <AppTable
                    list=list
                    shown=shown
                    query=Signal::stored(ListQuery::default())
                    on_sort=Callback::new(|_| ())
                />
            </leptos_router::components::Router>
        }
    });
    tick().await;
    let rows = |root: &HtmlElement| root.query_selector_all("tr[data-app-id]").unwrap().length();
    let table = root.query_selector("table").unwrap().unwrap();
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("2001")
    );
    let first = rows(&root);
    assert!(first > 5 && first < 120, "{first} rows for 2,000 apps");
    assert_eq!(texts(&root, "td.name")[0], "App 0");
    assert!(table.class_list().contains("windowed"));
    // A short result is rendered whole, with no spacer rows.
    shown_len.set(3);
    tick().await;
    assert_eq!(texts(&root, "td.name"), ["App 0", "App 1", "App 2"]);
    assert_eq!(root.query_selector_all("tr.spacer").unwrap().length(), 0);
    assert!(!table.class_list().contains("windowed"));
    root.remove();
}
