//! The `exotel-sandbox` binary: parse the command line, run the server.

use std::process::ExitCode;

use exotel_sandbox::config::{parse_args, Command, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("exotel-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (host, port) = (config.host.clone(), config.port);
    match exotel_sandbox::serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("exotel-sandbox: cannot serve on {host}:{port}: {e}");
            ExitCode::FAILURE
        }
    }
}
