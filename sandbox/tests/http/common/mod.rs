//! Shared helpers: start a sandbox in-process on 127.0.0.1:0 and talk to it
//! over real HTTP.
#![allow(dead_code)]

use std::time::Duration;

use exotel_sandbox::config::{DEFAULT_CUSTOMER_ID, DEFAULT_CUSTOMER_SECRET};
use exotel_sandbox::{Config, Running};
use serde_json::{json, Value};

pub const CUSTOMER_ID: &str = DEFAULT_CUSTOMER_ID;
pub const CUSTOMER_SECRET: &str = DEFAULT_CUSTOMER_SECRET;
/// The 401 texts for a token of the wrong kind.
pub const NEEDS_CUSTOMER_TOKEN: &str =
    "this call needs a customer token (Entity \"customer\"), not an app token";
pub const NEEDS_APP_TOKEN: &str =
    "this call needs an app token (Entity \"app\"), not a customer token";
/// Every fault kind that answers by itself, with its HTTP status.
pub const FAULT_STATUSES: [(&str, u16); 7] = [
    ("failure200", 200),
    ("json500", 500),
    ("html502", 502),
    ("empty500", 500),
    ("bad400", 400),
    ("unauthorized401", 401),
    ("trial403", 403),
];

pub struct Sandbox {
    pub running: Running,
    pub client: reqwest::Client,
    pub root: String,
}

/// A sandbox with the test controls on and no demo apps.
pub async fn start() -> Sandbox {
    start_with(Config {
        faults: true,
        ..Config::default()
    })
    .await
}

/// A sandbox with `config`, always on a free loopback port.
pub async fn start_with(config: Config) -> Sandbox {
    let config = Config {
        host: "127.0.0.1".into(),
        port: 0,
        ..config
    };
    let running = exotel_sandbox::start(config).await.expect("sandbox starts");
    let client = reqwest::Client::builder()
        // A proxy from the environment must never see loopback test traffic.
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let root = format!("http://{}", running.addr);
    Sandbox {
        running,
        client,
        root,
    }
}

/// A valid POST /app body.
pub fn app_body(name: &str) -> Value {
    json!({
        "AppName": name,
        "ExotelAccountSid": "acme1",
        "ExotelApiKey": "key-123",
        "ExotelApiToken": "token-456",
        "ExotelDomain": "mumbai",
        "IsActive": true,
    })
}

/// Status and JSON body (Value::Null if the body is not JSON).
pub async fn status_json(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Asserts a well-formed envelope and returns it.
pub fn assert_envelope(v: &Value) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("not an envelope: {v}"));
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["Code", "Data", "Error", "RequestId", "Status"],
        "{v}"
    );
    let id = uuid::Uuid::parse_str(v["RequestId"].as_str().unwrap()).expect("RequestId is a uuid");
    assert_eq!(id.get_version_num(), 4);
}

/// Asserts a success envelope on HTTP 200 and returns its Data.
pub fn success(status: u16, v: &Value) -> Value {
    assert_eq!(status, 200, "{v}");
    assert_envelope(v);
    assert_eq!(v["Status"], "Success", "{v}");
    assert_eq!(v["Code"], 200);
    assert_eq!(v["Error"], "");
    v["Data"].clone()
}

/// Asserts a failure envelope with this HTTP status, Code and exact Error.
pub fn failure(status: u16, v: &Value, code: u16, error: &str) {
    assert_eq!(status, code, "{v}");
    assert_envelope(v);
    assert_eq!(v["Status"], "Failure", "{v}");
    assert_eq!(v["Code"], code);
    assert_eq!(v["Error"], error);
    assert!(v["Data"].is_null());
}

impl Sandbox {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/v2/integrations{path}", self.root)
    }

    pub async fn token_raw(&self, body: Value) -> (u16, Value) {
        let resp = self
            .client
            .post(self.api("/token"))
            .json(&body)
            .send()
            .await
            .unwrap();
        status_json(resp).await
    }

    pub async fn customer_token(&self) -> String {
        let (s, v) = self
            .token_raw(json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"}))
            .await;
        success(s, &v).as_str().unwrap().to_string()
    }

    pub async fn app_token(&self, app: &Value) -> String {
        let (s, v) = self
            .token_raw(json!({"Id": app["AppID"], "Secret": app["AppSecret"], "Entity": "app"}))
            .await;
        success(s, &v).as_str().unwrap().to_string()
    }

    pub async fn create_raw(&self, token: Option<&str>, body: &Value) -> (u16, Value) {
        let mut req = self.client.post(self.api("/app")).json(body);
        if let Some(t) = token {
            req = req.header("Authorization", t);
        }
        status_json(req.send().await.unwrap()).await
    }

    /// Creates an app through the API and returns the full app (Data).
    pub async fn create_app(&self, customer_token: &str, name: &str) -> Value {
        let (s, v) = self.create_raw(Some(customer_token), &app_body(name)).await;
        success(s, &v)
    }

    pub async fn get_app(&self, token: Option<&str>, entity: &str) -> (u16, Value) {
        let mut req = self.client.get(self.api(&format!("/app?entity={entity}")));
        if let Some(t) = token {
            req = req.header("Authorization", t);
        }
        status_json(req.send().await.unwrap()).await
    }

    pub async fn list(&self, token: &str) -> (u16, Value) {
        self.get_app(Some(token), "customer").await
    }

    pub async fn detail(&self, token: &str) -> (u16, Value) {
        self.get_app(Some(token), "app").await
    }

    pub async fn delete(&self, token: Option<&str>) -> (u16, Value) {
        let mut req = self.client.delete(self.api("/app"));
        if let Some(t) = token {
            req = req.header("Authorization", t);
        }
        status_json(req.send().await.unwrap()).await
    }

    /// AppIDs in a successful customer list.
    pub async fn listed_ids(&self, customer_token: &str) -> Vec<String> {
        let (s, v) = self.list(customer_token).await;
        success(s, &v)
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["AppID"].as_str().unwrap().to_string())
            .collect()
    }

    pub async fn control(&self, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.client.post(self.url(&format!("/__sandbox{path}")));
        if let Some(b) = body {
            req = req.json(&b);
        }
        status_json(req.send().await.unwrap()).await
    }

    pub async fn state(&self) -> Value {
        let resp = self
            .client
            .get(self.url("/__sandbox/state"))
            .send()
            .await
            .unwrap();
        let (s, v) = status_json(resp).await;
        assert_eq!(s, 200, "{v}");
        v
    }

    pub async fn fault(&self, body: Value) {
        let (s, v) = self.control("/faults", Some(body)).await;
        assert_eq!(s, 200, "{v}");
    }
}

impl Sandbox {
    /// Any API call: method, path below the API prefix (with its query),
    /// optional raw Authorization value, optional JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self.client.request(method.parse().unwrap(), self.api(path));
        if let Some(t) = token {
            req = req.header("Authorization", t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        status_json(req.send().await.unwrap()).await
    }

    /// Like `call`, with a body sent verbatim (for malformed JSON).
    pub async fn call_text(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: &str,
    ) -> (u16, Value) {
        let req = self
            .client
            .request(method.parse().unwrap(), self.api(path))
            .header("Authorization", token)
            .header("Content-Type", "application/json")
            .body(body.to_string());
        status_json(req.send().await.unwrap()).await
    }

    /// GET on a control path (with its query).
    pub async fn control_get(&self, path: &str) -> (u16, Value) {
        let resp = self
            .client
            .get(self.url(&format!("/__sandbox{path}")))
            .send()
            .await
            .unwrap();
        status_json(resp).await
    }

    /// A new app through the API and its app token: (customer token, app,
    /// app token).
    pub async fn app_with_token(&self, name: &str) -> (String, Value, String) {
        let ct = self.customer_token().await;
        let app = self.create_app(&ct, name).await;
        let at = self.app_token(&app).await;
        (ct, app, at)
    }
}

/// A valid POST /usermapping item.
pub fn user_body(id: &str, name: &str) -> Value {
    json!({
        "AppUserId": id,
        "AppUsername": name,
        "Email": format!("{}@acme.example", id.replace(['+', '@'], ".")),
        "ExotelAccountSid": "acme1",
        "ExotelUserName": name,
        "VirtualNumber": "+918047000001",
        "AgentNumber": "+919812345678",
    })
}

impl Sandbox {
    /// POST /customer without Authorization: (status, envelope).
    pub async fn create_customer_raw(&self, body: Value) -> (u16, Value) {
        self.call("POST", "/customer", None, Some(body)).await
    }

    /// A new customer through the API and its customer token: (customer
    /// record with its secret, token).
    pub async fn new_customer(&self, name: &str) -> (Value, String) {
        let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
        let (s, v) = self
            .create_customer_raw(json!({"CustomerName": name, "Email": email}))
            .await;
        let customer = success(s, &v);
        let token = self.token_for_customer(&customer).await;
        (customer, token)
    }

    /// A customer token for a customer record that carries its secret.
    pub async fn token_for_customer(&self, customer: &Value) -> String {
        let (s, v) = self
            .token_raw(json!({
                "Id": customer["CustomerID"], "Secret": customer["CustomerSecret"], "Entity": "customer"
            }))
            .await;
        success(s, &v).as_str().unwrap().to_string()
    }

    /// The recorded webhook deliveries, oldest first.
    pub async fn deliveries(&self) -> Vec<Value> {
        let (s, v) = self.control_get("/deliveries").await;
        assert_eq!(s, 200, "{v}");
        v["deliveries"].as_array().unwrap().clone()
    }

    /// POSTs one user to the app and switches its SIP device on, so it can
    /// place calls: the stored user.
    pub async fn sip_user(&self, at: &str, id: &str) -> Value {
        let (s, v) = self
            .call(
                "POST",
                "/usermapping",
                Some(at),
                Some(json!([user_body(id, "Priya Sharma")])),
            )
            .await;
        success(s, &v);
        self.switch_device(at, id, "sip", true).await
    }

    /// PUT /device; the updated user.
    pub async fn switch_device(&self, at: &str, id: &str, device: &str, on: bool) -> Value {
        let body = json!({"UserId": id, "DeviceName": device, "DeviceStatus": on});
        let (s, v) = self.call("PUT", "/device", Some(at), Some(body)).await;
        success(s, &v)
    }

    /// POST /app_setting, expecting success.
    pub async fn save_setting(&self, at: &str, key: &str, value: &str) {
        let body = json!({"Key": key, "Value": value});
        let (s, v) = self
            .call("POST", "/app_setting", Some(at), Some(body))
            .await;
        success(s, &v);
    }
}

impl Sandbox {
    /// The last record of the request log.
    pub async fn last_request(&self) -> Value {
        let state = self.state().await;
        state["requests"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone()
    }
}

/// True when the call broke off before its body was read whole, as the
/// disconnect fault makes it.
pub async fn broke_off(resp: reqwest::Result<reqwest::Response>) -> bool {
    match resp {
        Ok(r) => r.text().await.is_err(),
        Err(_) => true,
    }
}
