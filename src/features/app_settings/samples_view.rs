//! The settings page's "What Exotel sends" section: for each webhook
//! setting, a sample of the JSON Exotel POSTs to it, built from this app's
//! ids and shown as text, and the curl command that sends the sample to the
//! setting's saved URL.

use leptos::prelude::*;

use super::call_test::{unready_text, webhook_url};
use super::draft::SettingsDraft;
use super::editor::use_draft;
use super::keys::KnownKey;
use super::samples::{sample_curl, sample_json, SampleIds, SampleTimes, WEBHOOKS};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::state::session::use_session;
use crate::ui::copy_button::CopyButton;

const ABOUT_SAMPLES: &str = "The same JSON goes to each webhook; the callback adds StartTime and \
     EndTime. Exotel signs nothing: to know a request is Exotel's, put a secret of your own in the \
     setting's URL (its query string) and check it. Each sample carries this app's ids and test \
     numbers; Copy as curl sends it to the setting's saved URL, as Exotel would.";

/// This app's ids as the tab knows them; the AppID alone until the app is.
fn sample_ids(app: &UnlockedApp, signed_in: Option<String>) -> SampleIds {
    match app.known.app(&app.id) {
        Some(a) => SampleIds {
            customer_id: a.customer_id,
            app_id: a.app_id.to_string(),
            account_sid: a.exotel_account_sid,
            domain: a.exotel_domain,
        },
        None => SampleIds {
            customer_id: signed_in.unwrap_or_default(),
            app_id: app.id.to_string(),
            ..SampleIds::default()
        },
    }
}

#[component]
pub(crate) fn WebhookSamples() -> impl IntoView {
    let app = use_unlocked_app();
    let draft = use_draft(&app.id);
    let times = StoredValue::new(SampleTimes::ended_at(js_sys::Date::now()));
    // Follows the app as it becomes known (its list may still be loading).
    let signed_in = use_session().customer_id;
    let ids = Memo::new(move |_| sample_ids(&app, signed_in.get()));
    let samples = WEBHOOKS
        .into_iter()
        .map(|webhook| view! { <Sample webhook=webhook ids=ids times=times draft=draft /> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="samples-title" data-testid="webhook-samples">
            <h2 id="samples-title">"What Exotel sends"</h2>
            <p>{ABOUT_SAMPLES}</p>
            {samples}
        </section>
    }
}

/// One setting's sample, and its curl command (or why there is none yet).
#[component]
fn Sample(
    webhook: KnownKey,
    ids: Memo<SampleIds>,
    times: StoredValue<SampleTimes>,
    draft: RwSignal<SettingsDraft>,
) -> impl IntoView {
    let key = webhook.api_name();
    let json = move |indented| {
        ids.with(|ids| times.with_value(|t| sample_json(webhook, ids, t, indented)))
    };
    let ready = Memo::new(move |_| draft.with(|d| webhook_url(d, key)));
    let command = move || {
        ready.get().ok().map(|url| {
            let shown = url.clone();
            let curl = Signal::derive(move || sample_curl(&url, &json(false)));
            view! {
                <div class="input-row">
                    <span class="hint">
                        "Copy as curl: sends this sample to " <code>{shown}</code>
                    </span>
                    <CopyButton value=curl what=format!("as curl ({key})") />
                </div>
            }
        })
    };
    let why_not = move || {
        ready.get().err().map(|unready| {
            view! { <p class="hint">{format!("No curl yet. {}", unready_text(unready, key))}</p> }
        })
    };
    view! {
        <div class="field" data-setting=key>
            <h3>{webhook.full_label()}</h3>
            <pre data-testid="sample-json">{move || json(true)}</pre>
            {command}
            {why_not}
        </div>
    }
}
