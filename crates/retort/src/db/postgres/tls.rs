//! TLS for PostgreSQL connections: one OpenSSL context per distinct
//! configuration, built to libpq's `sslmode` rules.

use super::super::pg_params::{PgParams, SslMode};
use openssl::ssl::{SslConnector, SslFiletype, SslMethod, SslVerifyMode};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Building an OpenSSL context costs tens of milliseconds, so each distinct
/// TLS configuration is built once per process and shared.
pub(super) fn tls_connector(params: &PgParams) -> Result<SslConnector, String> {
    type Key = (SslMode, Option<PathBuf>, Option<PathBuf>, Option<PathBuf>);
    static CACHE: OnceLock<Mutex<HashMap<Key, SslConnector>>> = OnceLock::new();
    let key: Key = (
        params.sslmode,
        params.sslrootcert.clone(),
        params.sslcert.clone(),
        params.sslkey.clone(),
    );
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(connector) = cache.get(&key) {
        return Ok(connector.clone());
    }
    // Built with the lock held: threads that connect at the same time (the
    // two sides of an autogenerate comparison) wait for one build rather
    // than each making its own.
    let connector = build_tls_connector(params)?;
    cache.insert(key, connector.clone());
    Ok(connector)
}

/// libpq's rules: `require` encrypts without checking the certificate
/// (unless a root certificate is given, when it acts as `verify-ca`);
/// `verify-ca` checks the chain, `verify-full` the chain and the host name
/// (set on each connection, in [`startup`]).
fn build_tls_connector(params: &PgParams) -> Result<SslConnector, String> {
    let tls_error = |e: openssl::error::ErrorStack| format!("TLS setup failed: {e}");
    let mut builder = SslConnector::builder(SslMethod::tls_client()).map_err(tls_error)?;
    let verify = match params.sslmode {
        SslMode::VerifyCa | SslMode::VerifyFull => true,
        SslMode::Require => params.sslrootcert.is_some(),
        _ => false,
    };
    if verify {
        builder.set_verify(SslVerifyMode::PEER);
        match params.sslrootcert.as_deref() {
            Some(path) if path.as_os_str() != "system" => builder
                .set_ca_file(path)
                .map_err(|e| format!("cannot read root certificate {}: {e}", path.display()))?,
            _ => builder.set_default_verify_paths().map_err(tls_error)?,
        }
    } else {
        builder.set_verify(SslVerifyMode::NONE);
    }
    if let Some(cert) = &params.sslcert {
        builder
            .set_certificate_file(cert, SslFiletype::PEM)
            .map_err(|e| format!("cannot read client certificate {}: {e}", cert.display()))?;
    }
    if let Some(key) = &params.sslkey {
        builder
            .set_private_key_file(key, SslFiletype::PEM)
            .map_err(|e| format!("cannot read client key {}: {e}", key.display()))?;
    }
    Ok(builder.build())
}
