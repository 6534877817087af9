//! The reads of index.html's inline script, taken by the calls they stand
//! for, in a real browser: each test puts what the script leaves behind
//! (`window.exotelEarlyReads`) in place, then makes the call.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::*;
use crate::api::{CustomerApi, IntegrationsApi};

wasm_bindgen_test_configure!(run_in_browser);

const LIST_OK: &str = r#"{"RequestId":"r-1","Status":"Success","Code":200,"Error":"","Data":[]}"#;

/// What the script leaves for one read of `url`, sent `ago_ms` before now;
/// `response` is JS for the fetch's promise, which may use `abort`, its
/// controller (returned).
fn script_sent(url: &str, ago_ms: u32, response: &str) -> JsValue {
    let js = format!(
        "(() => {{ const abort = new AbortController(); const response = {response};
            response.catch(() => {{}});
            window.exotelEarlyReads = [{{ url: {url:?}, sent: Date.now() - {ago_ms}, response, abort }}];
            return abort; }})()"
    );
    js_sys::eval(&js).unwrap()
}

fn answered(body: &str) -> String {
    let init = "{ status: 200, headers: { 'content-type': 'application/json' } }";
    format!("Promise.resolve(new Response({body:?}, {init}))")
}

fn left_behind() -> JsValue {
    Reflect::get(
        &web_sys::window().unwrap(),
        &JsValue::from_str("exotelEarlyReads"),
    )
    .unwrap()
}

#[wasm_bindgen_test]
async fn the_call_takes_the_script_answer_once() {
    // Nothing listens on port 9: a call that sent would fail to connect.
    let client = Client::new("http://127.0.0.1:9/v2/integrations");
    script_sent(
        "http://127.0.0.1:9/v2/integrations/app?entity=customer",
        40,
        &answered(LIST_OK),
    );
    let token = CustomerToken::new("tok");
    client.adopt_script_reads(&token);
    assert!(left_behind().is_undefined(), "taken off the window");
    assert_eq!(client.list_apps(&token).await, Ok(Vec::new()));
    assert!(matches!(
        client.list_apps(&token).await,
        Err(ApiError::Network { .. })
    ));
}

#[wasm_bindgen_test]
async fn a_script_read_that_got_no_answer_is_sent_by_the_call() {
    // The test runner's own server answers what is sent again (not an envelope).
    let client = Client::new("/no-such-api");
    script_sent(
        "/no-such-api/app?entity=customer",
        0,
        "Promise.reject(new TypeError('Failed to fetch'))",
    );
    let token = CustomerToken::new("tok");
    client.adopt_script_reads(&token);
    let err = client.list_apps(&token).await.unwrap_err();
    assert!(matches!(err, ApiError::NotEnvelope { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn a_script_read_is_aborted_when_the_call_time_is_up() {
    let client = Client::new("/no-such-api").with_timeout(300);
    let never = "new Promise((_, reject) => abort.signal.addEventListener('abort', \
                 () => reject(new DOMException('aborted', 'AbortError'))))";
    let abort: web_sys::AbortController =
        script_sent("/no-such-api/customer", 250, never).unchecked_into();
    let token = CustomerToken::new("tok");
    client.adopt_script_reads(&token);
    assert_eq!(
        client.get_customer(&token).await.unwrap_err(),
        ApiError::Timeout { after_ms: 300 }
    );
    assert!(abort.signal().aborted());
}

#[wasm_bindgen_test]
async fn a_token_the_console_would_send_otherwise_is_not_taken() {
    // The script sends the stored text as is; the console would drop "Bearer ".
    let client = Client::new("/no-such-api");
    script_sent("/no-such-api/app?entity=customer", 0, &answered(LIST_OK));
    let token = CustomerToken::new("Bearer tok");
    client.adopt_script_reads(&token);
    assert!(left_behind().is_undefined());
    let err = client.list_apps(&token).await.unwrap_err();
    assert!(matches!(err, ApiError::NotEnvelope { .. }), "{err:?}");
}
