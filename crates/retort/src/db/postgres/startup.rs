//! Opening a PostgreSQL connection that cannot hang.
//!
//! libpq's `connect_timeout` bounds each host's whole start-up: the TCP
//! connect, the TLS request and handshake, authentication and the wait for
//! the server to be ready. The `postgres` crate's own `connect_timeout`
//! bounds only the TCP connect, so a server (or a proxy, or a half-broken
//! network) that accepts the connection and then says nothing would hold
//! retort forever. Here, each host is tried in turn with its own deadline:
//!
//! - over TCP, the socket is wrapped in a [`Guarded`] stream from the
//!   moment it connects: until the connection is ready, every read and
//!   write that would wait past the deadline fails with "timeout expired",
//!   and a server that sends more than [`MAX_STARTUP_BYTES`] before it is
//!   ready (a huge length header, not a PostgreSQL server) is refused. To
//!   get hold of the socket that early, the crate is told to hand it to
//!   the TLS connector at once (`sslnegotiation=direct`), and the
//!   connector below does PostgreSQL's own negotiation (the SSLRequest)
//!   itself, as `sslmode` asks;
//! - anything else that might wait (a name lookup, a Unix socket) runs on
//!   a helper thread that is given up on shortly after the deadline. A
//!   thread given up on ends with its attempt.
//!
//! Once connected, the stream's guard is disarmed: statements may take as
//! long as they take, and TCP keepalives and `tcp_user_timeout` watch the
//! connection from then on.

use super::super::pg_params::{ChannelBinding, PgParams, SslMode, TargetSession};
use super::super::DbError;
use postgres::tls::{MakeTlsConnect, NoTls, TlsConnect};
use postgres::{Client, Socket};
use rand::seq::SliceRandom;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};

/// More than any server sends before it is ready (authentication requests,
/// a certificate chain, parameter statuses, notices) by a wide margin.
pub const MAX_STARTUP_BYTES: usize = 1 << 20;

/// How long after a host's deadline the helper thread is given up on: the
/// guard fires first, with the better message.
const BACKSTOP_GRACE: Duration = Duration::from_secs(1);

/// PostgreSQL's SSLRequest: length 8, code 1234.5679.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

type TlsError = Box<dyn std::error::Error + Send + Sync>;

/// Tries each host in turn (in a random order with
/// `load_balance_hosts=random`), each within the connect timeout.
pub(super) fn connect(
    params: &PgParams,
    notices: Option<&crate::db::NoticeSink>,
) -> Result<Client, DbError> {
    let mut order: Vec<usize> = (0..params.hosts.len()).collect();
    if params.load_balance_random {
        order.shuffle(&mut rand::thread_rng());
    }
    let mut failures: Vec<(usize, String, bool)> = Vec::new();
    for i in order {
        match connect_host(params, i, notices) {
            Ok(client) => return Ok(client),
            Err(Failure::Fatal(e)) => return Err(e),
            Err(Failure::Host { reason, retryable }) => failures.push((i, reason, retryable)),
        }
    }
    let retryable = failures.iter().any(|(_, _, r)| *r);
    let reason = if failures.len() == 1 {
        failures.remove(0).1
    } else {
        failures
            .iter()
            .map(|(i, reason, _)| format!("{}: {reason}", params.place(*i)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Err(DbError::Connect {
        target: params.describe(),
        reason,
        retryable,
    })
}

enum Failure {
    /// This host did not work out; the next one may.
    Host { reason: String, retryable: bool },
    /// Nothing will work (the TLS settings cannot be used).
    Fatal(DbError),
}

/// The `postgres` configuration for the `i`th host: everything from the
/// parameters but the TLS handling, which [`connect_host`] adds.
pub(crate) fn host_config(params: &PgParams, i: usize) -> postgres::Config {
    let mut config = postgres::Config::new();
    config
        .user(&params.user)
        .dbname(&params.dbname)
        .host(&params.hosts[i])
        .port(params.port_of(i));
    if let Some(addr) = params.hostaddrs.get(i) {
        config.hostaddr(*addr);
    }
    if let Some(password) = &params.password {
        config.password(password);
    }
    if let Some(name) = &params.application_name {
        config.application_name(name);
    }
    if let Some(options) = &params.options {
        config.options(options);
    }
    if let Some(timeout) = params.connect_timeout {
        config.connect_timeout(timeout);
    }
    let keepalives = &params.keepalives;
    config.keepalives(keepalives.enabled);
    if let Some(idle) = keepalives.idle {
        config.keepalives_idle(idle);
    }
    if let Some(interval) = keepalives.interval {
        config.keepalives_interval(interval);
    }
    if let Some(count) = keepalives.count {
        config.keepalives_retries(count);
    }
    if let Some(timeout) = params.tcp_user_timeout {
        config.tcp_user_timeout(timeout);
    }
    config.target_session_attrs(match params.target_session {
        TargetSession::Any => postgres::config::TargetSessionAttrs::Any,
        TargetSession::ReadWrite => postgres::config::TargetSessionAttrs::ReadWrite,
        TargetSession::ReadOnly => postgres::config::TargetSessionAttrs::ReadOnly,
    });
    config.channel_binding(match params.channel_binding {
        ChannelBinding::Disable => postgres::config::ChannelBinding::Disable,
        ChannelBinding::Prefer => postgres::config::ChannelBinding::Prefer,
        ChannelBinding::Require => postgres::config::ChannelBinding::Require,
    });
    config
}

fn connect_host(
    params: &PgParams,
    i: usize,
    notices: Option<&crate::db::NoticeSink>,
) -> Result<Client, Failure> {
    // No deadline when it lies beyond what an `Instant` can hold: a very
    // long timeout is "wait", not a panic.
    let deadline = params
        .connect_timeout
        .and_then(|t| Instant::now().checked_add(t));
    let mut config = host_config(params, i);
    if let Some(sink) = notices {
        // RAISE NOTICE from a migration (a backfill's progress) reaches
        // the caller as the server sends it, not when the statement ends.
        let sink = std::sync::Arc::clone(sink);
        config.notice_callback(move |notice| {
            sink(&format!("{}: {}", notice.severity(), notice.message()))
        });
    }
    if params.hosts[i].starts_with('/') {
        // A Unix socket: libpq never uses TLS on one, whatever sslmode says.
        config.ssl_mode(postgres::config::SslMode::Disable);
        let outcome = bounded(deadline, move || config.connect(NoTls));
        return finish(params, outcome, None);
    }
    if matches!(
        params.sslmode,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull
    ) {
        // Settings that cannot work fail before anything is sent.
        super::tls::tls_config(params).map_err(|reason| {
            Failure::Fatal(DbError::Connect {
                target: params.describe(),
                reason,
                retryable: false,
            })
        })?;
    }
    let guard = Arc::new(Guard::new(deadline));
    // The socket comes to `Negotiate` as soon as it is connected; it does
    // the SSLRequest itself.
    config
        .ssl_mode(postgres::config::SslMode::Require)
        .ssl_negotiation(postgres::config::SslNegotiation::Direct);
    let tls = Negotiate {
        params: params.clone(),
        guard: Arc::clone(&guard),
    };
    let outcome = bounded(deadline, move || config.connect(tls));
    if let Bounded::Done(Ok(_)) = outcome {
        // Ready: from now on statements take as long as they take. An
        // attempt given up on stays guarded, so that its thread ends.
        guard.armed.store(false, Ordering::Release);
    }
    finish(params, outcome, Some(&guard))
}

/// How long a cancel request may take to reach the server: it is sent
/// while the user waits for Ctrl-C to take effect.
const CANCEL_DEADLINE: Duration = Duration::from_secs(10);

/// Sends the server a cancel request for the statement `token`'s session
/// runs, over a new connection made as the session's was (TLS as
/// `sslmode` says; `params` None: a client opened elsewhere, plain).
/// Best effort: a request that cannot be sent leaves the statement running
/// until the session's connection closes.
pub(super) fn cancel(token: &postgres::CancelToken, params: Option<&PgParams>) {
    let _ = match params {
        Some(params) => {
            let guard = Arc::new(Guard::new(Some(Instant::now() + CANCEL_DEADLINE)));
            token.cancel_query(Negotiate {
                params: params.clone(),
                guard,
            })
        }
        None => token.cancel_query(NoTls),
    };
}

fn finish(
    params: &PgParams,
    outcome: Bounded<Result<Client, postgres::Error>>,
    guard: Option<&Guard>,
) -> Result<Client, Failure> {
    let timeout_secs = params.connect_timeout.map_or(0, |t| t.as_secs());
    match outcome {
        Bounded::Done(Ok(client)) => Ok(client),
        Bounded::Done(Err(e)) => {
            if let Some(guard) = guard.filter(|g| g.expired.load(Ordering::Acquire)) {
                return Err(Failure::Host {
                    reason: crate::tr!(
                        "run-connect-startup-timeout",
                        seconds = timeout_secs,
                        phase = guard.phase()
                    ),
                    retryable: true,
                });
            }
            let (reason, retryable) = connect_failure(&e);
            Err(Failure::Host { reason, retryable })
        }
        Bounded::GaveUp => Err(Failure::Host {
            reason: crate::tr!("run-connect-timeout", seconds = timeout_secs),
            retryable: true,
        }),
    }
}

enum Bounded<T> {
    Done(T),
    /// The deadline passed; the helper thread is left to end on its own.
    GaveUp,
}

/// Runs `attempt` and waits for it until shortly after `deadline`; without
/// a deadline, waits as long as it takes (here, on this thread).
fn bounded<T: Send + 'static>(
    deadline: Option<Instant>,
    attempt: impl FnOnce() -> T + Send + 'static,
) -> Bounded<T> {
    let Some(deadline) = deadline else {
        return Bounded::Done(attempt());
    };
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("retort-connect".to_string())
        .spawn(move || {
            // The receiver is gone when the attempt was given up on; what
            // it made is dropped here, closing any connection.
            let _ = tx.send(attempt());
        });
    if spawned.is_err() {
        return Bounded::GaveUp;
    }
    let wait = (deadline + BACKSTOP_GRACE).saturating_duration_since(Instant::now());
    match rx.recv_timeout(wait) {
        Ok(result) => Bounded::Done(result),
        Err(_) => Bounded::GaveUp,
    }
}

// ---- the guard on the socket -------------------------------------------

/// Shared between a connection attempt's streams and the code waiting for it.
struct Guard {
    deadline: Option<Instant>,
    /// Until the connection is ready.
    armed: AtomicBool,
    /// The deadline passed during the start-up.
    expired: AtomicBool,
    received: AtomicUsize,
    phase: AtomicU8,
}

const PHASE_STARTUP: u8 = 0;
const PHASE_TLS_REQUEST: u8 = 1;
const PHASE_TLS_HANDSHAKE: u8 = 2;

impl Guard {
    fn new(deadline: Option<Instant>) -> Guard {
        Guard {
            deadline,
            armed: AtomicBool::new(true),
            expired: AtomicBool::new(false),
            received: AtomicUsize::new(0),
            phase: AtomicU8::new(PHASE_STARTUP),
        }
    }

    fn set_phase(&self, phase: u8) {
        self.phase.store(phase, Ordering::Release);
    }

    fn phase(&self) -> String {
        match self.phase.load(Ordering::Acquire) {
            PHASE_TLS_REQUEST => crate::tr!("run-connect-phase-tls-request"),
            PHASE_TLS_HANDSHAKE => crate::tr!("run-connect-phase-tls-handshake"),
            _ => crate::tr!("run-connect-phase-startup"),
        }
    }
}

/// A stream that, while its guard is armed, fails any wait past the
/// deadline and any flood of bytes.
struct Guarded<S> {
    inner: S,
    guard: Arc<Guard>,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S> Guarded<S> {
    fn new(inner: S, guard: Arc<Guard>) -> Guarded<S> {
        Guarded {
            inner,
            guard,
            sleep: None,
        }
    }

    fn armed(&mut self) -> bool {
        let armed = self.guard.armed.load(Ordering::Acquire);
        if !armed {
            self.sleep = None;
        }
        armed
    }

    /// Called when the inner stream would wait: an error once the
    /// deadline has passed, else Pending with the timer set to wake us.
    fn poll_deadline(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let Some(deadline) = self.guard.deadline else {
            return Poll::Pending;
        };
        let sleep = self.sleep.get_or_insert_with(|| {
            Box::pin(tokio::time::sleep_until(tokio::time::Instant::from_std(
                deadline,
            )))
        });
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.guard.expired.store(true, Ordering::Release);
                Poll::Ready(io::Error::new(
                    io::ErrorKind::TimedOut,
                    crate::tr!("run-connect-timeout-expired"),
                ))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.armed() {
            return Pin::new(&mut this.inner).poll_read(cx, buf);
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let n = buf.filled().len() - before;
                let total = this.guard.received.fetch_add(n, Ordering::AcqRel) + n;
                if total > MAX_STARTUP_BYTES {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        crate::tr!(
                            "run-connect-too-much-before-ready",
                            kib = MAX_STARTUP_BYTES / 1024
                        ),
                    )));
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.poll_deadline(cx).map(Err),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if !this.armed() {
            return Pin::new(&mut this.inner).poll_write(cx, buf);
        }
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Pending => this.poll_deadline(cx).map(Err),
            ready => ready,
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.armed() {
            return Pin::new(&mut this.inner).poll_flush(cx);
        }
        match Pin::new(&mut this.inner).poll_flush(cx) {
            Poll::Pending => this.poll_deadline(cx).map(Err),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

impl<S: std::fmt::Debug> std::fmt::Debug for Guarded<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Guarded").field(&self.inner).finish()
    }
}

// ---- PostgreSQL's TLS negotiation, done here -----------------------------

/// The connection's stream: TLS or not, as the negotiation went.
enum StartupStream {
    Plain(Guarded<Socket>),
    // The crate does not name its stream type; the trait does. Boxed: a
    // TLS session is a kilobyte, the plain socket a few words.
    Tls(Box<<tokio_postgres_rustls::MakeRustlsConnect as MakeTlsConnect<Guarded<Socket>>>::Stream>),
}

impl AsyncRead for StartupStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            StartupStream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            StartupStream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for StartupStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            StartupStream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            StartupStream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            StartupStream::Plain(s) => Pin::new(s).poll_flush(cx),
            StartupStream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            StartupStream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            StartupStream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

impl postgres::tls::TlsStream for StartupStream {
    fn channel_binding(&self) -> postgres::tls::ChannelBinding {
        match self {
            StartupStream::Plain(_) => postgres::tls::ChannelBinding::none(),
            StartupStream::Tls(s) => s.as_ref().channel_binding(),
        }
    }
}

/// Does what `sslmode` asks once the socket is connected: nothing
/// (`disable`), or an SSLRequest and, if the server agrees, a TLS
/// handshake; the TLS context is built only then, as it costs tens of
/// milliseconds that a server without TLS would otherwise cost every command.
struct Negotiate {
    params: PgParams,
    guard: Arc<Guard>,
}

struct NegotiateConnect {
    params: PgParams,
    guard: Arc<Guard>,
    domain: String,
}

impl MakeTlsConnect<Socket> for Negotiate {
    type Stream = StartupStream;
    type TlsConnect = NegotiateConnect;
    type Error = TlsError;

    fn make_tls_connect(&mut self, domain: &str) -> Result<NegotiateConnect, TlsError> {
        Ok(NegotiateConnect {
            params: self.params.clone(),
            guard: Arc::clone(&self.guard),
            domain: domain.to_string(),
        })
    }
}

impl TlsConnect<Socket> for NegotiateConnect {
    type Stream = StartupStream;
    type Error = TlsError;
    type Future = Pin<Box<dyn Future<Output = Result<StartupStream, TlsError>> + Send>>;

    fn connect(self, socket: Socket) -> Self::Future {
        Box::pin(negotiate(self, socket))
    }
}

async fn negotiate(how: NegotiateConnect, socket: Socket) -> Result<StartupStream, TlsError> {
    let guard = Arc::clone(&how.guard);
    let mut stream = Guarded::new(socket, Arc::clone(&guard));
    if how.params.sslmode == SslMode::Disable {
        return Ok(StartupStream::Plain(stream));
    }
    guard.set_phase(PHASE_TLS_REQUEST);
    stream.write_all(&SSL_REQUEST).await?;
    let mut answer = [0u8; 1];
    stream.read_exact(&mut answer).await?;
    if answer[0] != b'S' {
        guard.set_phase(PHASE_STARTUP);
        return match how.params.sslmode {
            // `allow` tries plain first in libpq; asking for TLS first
            // reaches the same servers.
            SslMode::Allow | SslMode::Prefer => Ok(StartupStream::Plain(stream)),
            _ => Err(crate::tr!("run-connect-no-tls-on-server").into()),
        };
    }
    guard.set_phase(PHASE_TLS_HANDSHAKE);
    let config = super::tls::tls_config(&how.params)?;
    // The host name is checked (verify-full) or not by the configuration's
    // verifier; SNI is sent as `sslsni` says.
    let tls = MakeTlsConnect::<Guarded<Socket>>::make_tls_connect(
        &mut tokio_postgres_rustls::MakeRustlsConnect::new((*config).clone()),
        &how.domain,
    )?;
    let stream = TlsConnect::connect(tls, stream)
        .await
        .map_err(super::tls::describe_handshake_error)?;
    guard.set_phase(PHASE_STARTUP);
    Ok(StartupStream::Tls(Box::new(stream)))
}

/// Why a connection attempt failed, and whether waiting may help.
fn connect_failure(e: &postgres::Error) -> (String, bool) {
    match e.as_db_error() {
        // The server answered: only "starting up" (57P03) and "database
        // does not exist" (3D000) are worth waiting for — a container's
        // server is up before its init scripts have created the database.
        Some(db) => (
            db.message().to_string(),
            matches!(db.code().code(), "57P03" | "3D000"),
        ),
        None => {
            let text = super::error_text::error_chain(e);
            let nobody_answered =
                has_io_source(e) || text.contains("timeout") || text.contains("timed out");
            (text, nobody_answered)
        }
    }
}

fn has_io_source(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = e.source();
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::DatabaseUrl;

    fn params(text: &str) -> PgParams {
        let DatabaseUrl::Postgres(url) = DatabaseUrl::parse(text).unwrap() else {
            panic!("not postgres");
        };
        PgParams::resolve(&url, &Default::default(), Some("me")).unwrap()
    }

    #[test]
    fn keepalive_settings_reach_the_connection_config() {
        let p = params(
            "postgresql://h/db?keepalives=1&keepalives_idle=30&keepalives_interval=5&keepalives_count=4&tcp_user_timeout=9000&connect_timeout=7",
        );
        let config = host_config(&p, 0);
        assert!(config.get_keepalives());
        assert_eq!(config.get_keepalives_idle(), Duration::from_secs(30));
        assert_eq!(
            config.get_keepalives_interval(),
            Some(Duration::from_secs(5))
        );
        assert_eq!(config.get_keepalives_retries(), Some(4));
        assert_eq!(
            config.get_tcp_user_timeout(),
            Some(&Duration::from_millis(9000))
        );
        assert_eq!(config.get_connect_timeout(), Some(&Duration::from_secs(7)));

        let off = host_config(&params("host=h keepalives=0 dbname=db"), 0);
        assert!(!off.get_keepalives());
    }

    #[test]
    fn the_connect_timeout_has_a_default_bound() {
        let config = host_config(&params("postgresql://h/db"), 0);
        assert_eq!(
            config.get_connect_timeout(),
            Some(&crate::db::pg_params::DEFAULT_CONNECT_TIMEOUT)
        );
        // connect_timeout=0 is libpq's "wait forever".
        let config = host_config(&params("postgresql://h/db?connect_timeout=0"), 0);
        assert_eq!(config.get_connect_timeout(), None);
    }

    #[test]
    fn each_host_gets_its_own_port_and_address() {
        let p = params("host=a,b port=5433,5434 hostaddr=10.0.0.1,10.0.0.2 dbname=db");
        let config = host_config(&p, 1);
        assert_eq!(config.get_ports(), &[5434]);
        assert_eq!(
            config.get_hostaddrs(),
            &["10.0.0.2".parse::<std::net::IpAddr>().unwrap()]
        );
        assert_eq!(
            config.get_hosts(),
            &[postgres::config::Host::Tcp("b".to_string())]
        );
    }
}
