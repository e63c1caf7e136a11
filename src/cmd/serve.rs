//! `jobgen serve`: the web app and the HTTP API ([`jobgen::web`]) on this machine until Ctrl-C
//! or SIGTERM.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jobgen::Error;
use jobgen::diagnostics::Diagnostic;
use jobgen::web::{self, App};

use super::Console;
use crate::cli::ServeArgs;

/// Loads the data, listens, prints the address, and serves until asked to stop.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: ServeArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let limits = limits()?;
    let app = Arc::new(App::load(data.to_vec(), templates.map(Path::to_path_buf))?);
    // Rendering is all CPU: one blocking thread per core renders as fast as more would, and
    // more threads only hold more memory (each its own allocator arena and a document in
    // flight). Requests beyond that wait in the queue.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .max_blocking_threads(cores)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the server's threads: {e}")))?;
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| {
            Error::Usage(Box::new(
                Diagnostic::new(format!("cannot listen on {addr}: {e}"))
                    .at_key(if e.kind() == std::io::ErrorKind::AddrInUse {
                        "--port"
                    } else {
                        "--bind"
                    })
                    .help("choose another --port (0 takes any free one), or stop what uses it"),
            ))
        })?;
    let local = listener.local_addr().map_err(Error::Io)?;
    if !web::server::is_local(&local) {
        console.report(
            &Diagnostic::warning(format!(
                "jobgen serve listens on {local}, which other machines can reach, and it has no \
                 sign-in"
            ))
            .help(
                "put it behind the department's proxy and single sign-on, or use the default \
                 --bind 127.0.0.1",
            ),
        );
    }
    let host = match local {
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
        SocketAddr::V4(a) => a.to_string(),
    };
    console.line(format!("jobgen serves http://{host}/ (Ctrl-C stops it)"))?;
    console.flush()?;
    runtime
        .block_on(web::server::serve(
            listener,
            web::router(app),
            limits,
            web::server::stop_signal(),
        ))
        .map_err(Error::Io)?;
    console.status("stopped");
    Ok(())
}

/// The server's timeouts: the defaults, or shorter ones from the hidden variable
/// `JOBGEN_SERVE_TIMEOUTS` (`header=1000,body=1000`, milliseconds), which the tests of slow
/// clients and of the graceful stop set so that they take a second, not a minute. It is not in
/// `--help`: people have no reason to change them.
fn limits() -> Result<web::server::Limits, Error> {
    let name = web::server::Limits::ENV;
    match std::env::var(name) {
        Err(_) => Ok(web::server::Limits::default()),
        Ok(spec) => web::server::Limits::parse(&spec).map_err(|e| {
            Error::Usage(Box::new(
                Diagnostic::new(e)
                    .at_key(name)
                    .help("write header=MS,body=MS,request=MS,grace=MS, or unset it"),
            ))
        }),
    }
}
