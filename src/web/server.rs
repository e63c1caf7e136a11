//! Listening: one connection task per client, HTTP/1.1, with limits for slow or stuck clients,
//! and a graceful stop on Ctrl-C or SIGTERM that lets requests in flight finish.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// How long a slow or stuck client may hold the server, and how long a stop waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client may take to send a request's headers (then the connection is closed).
    pub header: Duration,
    /// How long a client may take to send a request's body (then 408).
    pub body: Duration,
    /// How long a request may take in all, from its headers to its response (then 408).
    pub request: Duration,
    /// How long requests in flight may take to finish once a stop is asked for.
    pub grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header: Duration::from_secs(10),
            body: Duration::from_secs(20),
            request: Duration::from_secs(60),
            grace: Duration::from_secs(30),
        }
    }
}

impl Limits {
    /// The environment variable that shortens the limits, for tests only (not documented in
    /// `--help`): `header=1000,body=1000,request=5000,grace=5000`, milliseconds, any subset.
    pub const ENV: &'static str = "JOBGEN_SERVE_TIMEOUTS";

    /// The default limits with those `spec` names replaced (see [`Limits::ENV`]); an unknown
    /// name or a value that is not a whole number of milliseconds is an error naming it.
    pub fn parse(spec: &str) -> Result<Limits, String> {
        let mut limits = Limits::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, ms) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not NAME=MILLISECONDS"))?;
            let ms: u64 = ms
                .trim()
                .parse()
                .map_err(|_| format!("`{ms}` is not a whole number of milliseconds"))?;
            let d = Duration::from_millis(ms);
            match name.trim() {
                "header" => limits.header = d,
                "body" => limits.body = d,
                "request" => limits.request = d,
                "grace" => limits.grace = d,
                other => {
                    return Err(format!(
                        "unknown limit `{other}`: the limits are header, body, request and grace"
                    ));
                }
            }
        }
        Ok(limits)
    }
}

/// The router with the timeouts for slow clients.
pub fn with_timeouts(router: Router, limits: Limits) -> Router {
    router
        .layer(RequestBodyTimeoutLayer::new(limits.body))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            limits.request,
        ))
}

/// True for an address only this machine can reach.
pub fn is_local(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Serves `router` on `listener` until `stop` completes, then waits up to `limits.grace` for
/// the connections still open.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let service = TowerToHyperService::new(with_timeouts(router, limits));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header)
        .max_buf_size(64 * 1024);
    let http = Arc::new(http);
    tokio::pin!(stop);
    loop {
        let (stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                // Out of file descriptors or a connection reset before it was accepted: wait
                // a moment and go on; the server must not stop for one client.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let conn = http.serve_connection(TokioIo::new(stream), service.clone());
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that goes away or sends nonsense ends only its own connection.
            let _ = conn.await;
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.grace) => {}
    }
    Ok(())
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_in_milliseconds_and_a_bad_name_is_named() {
        let l = Limits::parse("header=1000, body=250").unwrap();
        assert_eq!(l.header, Duration::from_secs(1));
        assert_eq!(l.body, Duration::from_millis(250));
        assert_eq!(l.request, Limits::default().request);
        assert_eq!(Limits::parse("").unwrap(), Limits::default());
        let e = Limits::parse("headr=1").unwrap_err();
        assert!(e.contains("`headr`") && e.contains("header, body"), "{e}");
        assert!(Limits::parse("body=soon").unwrap_err().contains("`soon`"));
        assert!(
            Limits::parse("body")
                .unwrap_err()
                .contains("NAME=MILLISECONDS")
        );
    }
}
