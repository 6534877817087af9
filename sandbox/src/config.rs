//! Run-time settings of the sandbox and the hand-rolled command-line parser.
//!
//! The parser is hand-rolled on purpose: a dozen flags do not justify a CLI
//! framework in a crate that every browser test has to build.

use std::path::PathBuf;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The customer the sandbox pretends to be: the id is the one in the seed
/// document's examples, so screenshots and docs look familiar.
pub const DEFAULT_CUSTOMER_ID: &str = "99fa98a1-2ce0-457c-9371-0d3a01eb6ef0";
/// A demo secret, printed at start-up so newcomers can sign in.
pub const DEFAULT_CUSTOMER_SECRET: &str = "sandbox-secret";
pub const DEFAULT_CUSTOMER_NAME: &str = "Acme Support Desk";
pub const DEFAULT_CUSTOMER_EMAIL: &str = "admin@acme.example";
/// The spellings the console must accept for the next-page field of
/// `GET /usermapping`: Exotel's documented `LastEvaluatedValue` first (the
/// default), then the names older or other deployments were guessed to use.
pub const NEXT_KEY_NAMES: [&str; 5] = [
    DOCUMENTED_NEXT_KEY,
    "NextKey",
    "LastValue",
    "last_value",
    "next_key",
];
/// The next-page field Exotel's page documents; only with this name does a
/// page also report its `PageSize`, as the documented answer does.
pub const DOCUMENTED_NEXT_KEY: &str = "LastEvaluatedValue";
pub const DEFAULT_PORT: u16 = 8787;
pub const DEFAULT_HOST: &str = "127.0.0.1";

/// Everything that shapes one sandbox instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub host: String,
    /// 0 asks the OS for a free port (what the tests use).
    pub port: u16,
    pub customer_id: String,
    pub customer_secret: String,
    /// `GET /customer`'s CustomerName and Email.
    pub customer_name: String,
    pub customer_email: String,
    /// Name of the next-page field in `GET /usermapping` pages, one of
    /// [`NEXT_KEY_NAMES`].
    pub next_key_name: String,
    /// The most users a `GET /usermapping` page serves, whatever
    /// `page_size` asks (a server that caps its pages); `None`: no cap.
    pub max_page_size: Option<usize>,
    /// Number of demo apps created at start (and the default after nothing else).
    pub seed: usize,
    /// Users created for each seeded app.
    pub seed_users: usize,
    /// Answer CORS preflights, for a console served from another origin.
    pub cors: bool,
    /// Expose the `/__sandbox/` test-control endpoints.
    pub faults: bool,
    /// Serve a built console from this folder at `/`, with SPA fallback.
    pub static_dir: Option<PathBuf>,
    /// `--fixed-clock`: unix seconds the clock stands at, with ids and secrets
    /// from counters (see `fixed`); `None`: the system clock, random ids.
    pub fixed_clock: Option<i64>,
    /// One line per request on stdout (method, path, status, duration).
    /// Off by default so in-process tests stay quiet; the binary turns it on.
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: DEFAULT_HOST.to_string(),
            port: DEFAULT_PORT,
            customer_id: DEFAULT_CUSTOMER_ID.to_string(),
            customer_secret: DEFAULT_CUSTOMER_SECRET.to_string(),
            customer_name: DEFAULT_CUSTOMER_NAME.to_string(),
            customer_email: DEFAULT_CUSTOMER_EMAIL.to_string(),
            next_key_name: NEXT_KEY_NAMES[0].to_string(),
            max_page_size: None,
            seed: 0,
            seed_users: 0,
            cors: false,
            faults: false,
            static_dir: None,
            fixed_clock: None,
            log_requests: false,
        }
    }
}

/// What the command line asked for.
// Made once at start-up and matched at once: boxing the config would buy
// nothing but noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Boxed: a Config is large next to `Help` (clippy's large_enum_variant).
    Run(Box<Config>),
    Help,
}

pub const USAGE: &str = "\
exotel-sandbox: a local stand-in for Exotel's integrations API (/v2/integrations)

USAGE:
    exotel-sandbox [OPTIONS]

OPTIONS:
    --port <PORT>              Port to listen on (default 8787; 0 picks a free one)
    --host <HOST>              Address to bind (default 127.0.0.1)
    --customer-id <ID>         Id of the customer that exists at start, accepted by POST /token
                               (default 99fa98a1-2ce0-457c-9371-0d3a01eb6ef0)
    --customer-secret <SECRET> Customer secret accepted by POST /token (default sandbox-secret)
    --customer-name <NAME>     CustomerName in GET /customer (default Acme Support Desk)
    --customer-email <EMAIL>   Email in GET /customer (default admin@acme.example)
    --seed <N>                 Create N demo apps at start (default 0); the 1st, 3rd,
                               5th... have settings (popup, record), the others none
    --seed-users <N>           Create N users in each seeded app (default 0)
    --next-key-name <NAME>     Next-page field of GET /usermapping pages:
                               LastEvaluatedValue (default, with PageSize, as
                               documented), NextKey, LastValue, last_value or next_key
    --max-page-size <N>        Serve at most N users a GET /usermapping page,
                               whatever page_size asks (default: no cap)
    --cors                     Answer CORS preflights and allow cross-origin calls
    --faults                   Enable the /__sandbox/ test-control endpoints
    --static-dir <DIR>         Serve DIR at / with single-page-app fallback to index.html
    --fixed-clock <RFC3339>    Stop the clock at this instant and make ids and secrets
                               from counters: the same calls get the same answers
                               every run (scripts/screenshots)
    --quiet                    Do not log one line per request
    -h, --help                 Print this help

Besides /token and /app, the API serves GET, POST and DELETE /customer (POST
creates further customers, each signing in with its own id and secret), GET and
POST /app_setting, GET, POST, PUT and DELETE /usermapping, PUT /device,
GET /call/inbound_call/<AppID> and POST /call/outbound_call, quirks included.
The calls send nothing: the webhooks Exotel would POST are recorded for
GET /__sandbox/deliveries. The test controls (--faults) and every rule the
sandbox applies are described in sandbox/README.md.
";

/// Parses the arguments after the program name. Accepts `--flag value` and
/// `--flag=value`.
pub fn parse_args<I, S>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut config = Config {
        log_requests: true,
        ..Config::default()
    };
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--cors" | "--faults" | "--quiet" => {
                if inline.is_some() {
                    return Err(format!("{flag} takes no value"));
                }
                match flag.as_str() {
                    "--cors" => config.cors = true,
                    "--faults" => config.faults = true,
                    _ => config.log_requests = false,
                }
            }
            _ if is_valued(&flag) => {
                let value = inline
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{flag} needs a value"))?;
                set_valued(&mut config, &flag, value)?;
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(Command::Run(Box::new(config)))
}

const VALUED: [&str; 12] = [
    "--port",
    "--host",
    "--customer-id",
    "--customer-secret",
    "--customer-name",
    "--customer-email",
    "--seed",
    "--seed-users",
    "--next-key-name",
    "--max-page-size",
    "--static-dir",
    "--fixed-clock",
];

fn is_valued(flag: &str) -> bool {
    VALUED.contains(&flag)
}

/// Applies one `--flag value`.
fn set_valued(config: &mut Config, flag: &str, v: String) -> Result<(), String> {
    let count = |v: &str| {
        v.parse::<usize>()
            .map_err(|_| format!("{flag} must be a non-negative number, got {v:?}"))
    };
    match flag {
        "--port" => {
            config.port = v
                .parse()
                .map_err(|_| format!("--port must be a number from 0 to 65535, got {v:?}"))?
        }
        "--host" => config.host = non_empty(flag, v)?,
        "--customer-id" => config.customer_id = non_empty(flag, v)?,
        "--customer-secret" => config.customer_secret = non_empty(flag, v)?,
        "--customer-name" => config.customer_name = non_empty(flag, v)?,
        "--customer-email" => config.customer_email = non_empty(flag, v)?,
        "--seed" => config.seed = count(&v)?,
        "--seed-users" => config.seed_users = count(&v)?,
        "--next-key-name" if NEXT_KEY_NAMES.contains(&v.as_str()) => config.next_key_name = v,
        "--next-key-name" => {
            return Err(format!(
                "--next-key-name must be one of {}, got {v:?}",
                NEXT_KEY_NAMES.join(", ")
            ))
        }
        "--max-page-size" => match count(&v)? {
            0 => return Err(format!("{flag} must be at least 1, got {v:?}")),
            n => config.max_page_size = Some(n),
        },
        "--static-dir" => {
            let dir = PathBuf::from(non_empty(flag, v)?);
            if !dir.is_dir() {
                return Err(format!("--static-dir {} is not a directory", dir.display()));
            }
            config.static_dir = Some(dir);
        }
        "--fixed-clock" => match OffsetDateTime::parse(&v, &Rfc3339) {
            Ok(at) => config.fixed_clock = Some(at.unix_timestamp()),
            Err(_) => return Err(format!("{flag} must be an RFC 3339 time, got {v:?}")),
        },
        other => return Err(format!("unknown argument {other:?} (try --help)")),
    }
    Ok(())
}

fn non_empty(flag: &str, v: String) -> Result<String, String> {
    if v.trim().is_empty() {
        Err(format!("{flag} must not be empty"))
    } else {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Config {
        match parse_args(args.iter().copied()) {
            Ok(Command::Run(c)) => *c,
            other => panic!("expected a config, got {other:?}"),
        }
    }

    #[test]
    fn defaults_match_the_documented_ones() {
        let c = run(&[]);
        assert_eq!(c.port, 8787);
        assert_eq!(c.host, "127.0.0.1");
        assert_eq!(c.customer_id, DEFAULT_CUSTOMER_ID);
        assert_eq!(c.customer_secret, "sandbox-secret");
        assert_eq!(c.seed, 0);
        assert_eq!(c.seed_users, 0);
        assert_eq!(c.customer_name, "Acme Support Desk");
        assert_eq!(c.customer_email, "admin@acme.example");
        assert_eq!(c.next_key_name, "LastEvaluatedValue");
        assert_eq!(c.max_page_size, None);
        assert_eq!(c.fixed_clock, None);
        assert!(!c.cors && !c.faults && c.static_dir.is_none());
        assert!(c.log_requests);
    }

    #[test]
    fn every_flag_is_understood_in_both_spellings() {
        let c = run(&[
            "--port=9000",
            "--host",
            "0.0.0.0",
            "--customer-id",
            "cust",
            "--customer-secret=s3",
            "--seed",
            "12",
            "--cors",
            "--faults",
            "--static-dir",
            ".",
            "--quiet",
            "--customer-name",
            "Zed Corp",
            "--customer-email=ops@zed.example",
            "--seed-users",
            "7",
            "--next-key-name=last_value",
            "--max-page-size",
            "50",
            "--fixed-clock=2025-01-15T10:00:00+05:30",
        ]);
        assert_eq!(c.fixed_clock, Some(1_736_915_400));
        assert_eq!(c.max_page_size, Some(50));
        assert_eq!(c.customer_name, "Zed Corp");
        assert_eq!(c.customer_email, "ops@zed.example");
        assert_eq!(c.seed_users, 7);
        assert_eq!(c.next_key_name, "last_value");
        assert_eq!(c.port, 9000);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.customer_id, "cust");
        assert_eq!(c.customer_secret, "s3");
        assert_eq!(c.seed, 12);
        assert!(c.cors && c.faults && !c.log_requests);
        assert_eq!(c.static_dir, Some(PathBuf::from(".")));
    }

    #[test]
    fn help_names_every_flag() {
        for flag in VALUED
            .iter()
            .chain(&["--cors", "--faults", "--quiet", "--help"])
        {
            assert!(USAGE.contains(flag), "{flag}");
        }
    }

    #[test]
    fn help_and_errors() {
        assert_eq!(parse_args(["--help"]), Ok(Command::Help));
        assert_eq!(parse_args(["-h"]), Ok(Command::Help));
        assert!(parse_args(["--port", "x"]).unwrap_err().contains("--port"));
        assert!(parse_args(["--port"])
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse_args(["--seed", "-1"]).unwrap_err().contains("--seed"));
        assert!(parse_args(["--nope"])
            .unwrap_err()
            .contains("unknown argument"));
        assert!(parse_args(["--next-key-name", "Cursor"])
            .unwrap_err()
            .contains("LastEvaluatedValue, NextKey, LastValue, last_value, next_key"));
        assert!(parse_args(["--max-page-size", "0"])
            .unwrap_err()
            .contains("at least 1"));
        assert!(parse_args(["--seed-users", "x"])
            .unwrap_err()
            .contains("--seed-users"));
        assert!(parse_args(["--customer-name", " "])
            .unwrap_err()
            .contains("must not be empty"));
        assert!(parse_args(["--fixed-clock", "yesterday"])
            .unwrap_err()
            .contains("RFC 3339"));
        assert!(parse_args(["--cors=yes"])
            .unwrap_err()
            .contains("takes no value"));
        assert!(parse_args(["--static-dir", "/definitely/not/here"])
            .unwrap_err()
            .contains("not a directory"));
    }
}
