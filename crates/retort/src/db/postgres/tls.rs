//! TLS for PostgreSQL connections: one rustls configuration per distinct
//! setting, built to libpq's `sslmode` rules. rustls (with the ring
//! provider) keeps OpenSSL out of both the build and the running binary.

use super::super::pg_params::{PgParams, SslMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Loading the platform's root certificates reads hundreds of files, so
/// each distinct TLS configuration is built once per process and shared.
pub(super) fn tls_config(params: &PgParams) -> Result<Arc<ClientConfig>, String> {
    type Key = (SslMode, Option<PathBuf>, Option<PathBuf>, Option<PathBuf>, bool);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<ClientConfig>>>> = OnceLock::new();
    let key: Key = (
        params.sslmode,
        params.sslrootcert.clone(),
        params.sslcert.clone(),
        params.sslkey.clone(),
        params.sslsni,
    );
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(config) = cache.get(&key) {
        return Ok(Arc::clone(config));
    }
    // Built with the lock held: threads that connect at the same time (the
    // two sides of an autogenerate comparison) wait for one build rather
    // than each making its own.
    let config = Arc::new(build_tls_config(params)?);
    cache.insert(key, Arc::clone(&config));
    Ok(config)
}

/// What is checked of the server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// `require` without a root certificate, `prefer`, `allow`: encrypt,
    /// whoever answers.
    Nothing,
    /// `verify-ca` (and `require` given a root certificate): the chain
    /// leads to a trusted root; the host name is not looked at.
    Chain,
    /// `verify-full`: the chain, and the certificate names the host.
    ChainAndName,
}

/// libpq's rules: `require` encrypts without checking the certificate
/// (unless a root certificate is given, when it acts as `verify-ca`).
fn check_for(params: &PgParams) -> Check {
    match params.sslmode {
        SslMode::VerifyFull => Check::ChainAndName,
        SslMode::VerifyCa => Check::Chain,
        SslMode::Require if params.sslrootcert.is_some() => Check::Chain,
        _ => Check::Nothing,
    }
}

fn build_tls_config(params: &PgParams) -> Result<ClientConfig, String> {
    let tls_error = |e: rustls::Error| crate::tr!("run-tls-setup-failed", reason = e.to_string());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match check_for(params) {
        Check::Nothing => Arc::new(AnyCertificate(Arc::clone(&provider))),
        check => {
            let (roots, pinned) = root_store(params.sslrootcert.as_deref())?;
            Arc::new(Trusted {
                roots: Arc::new(roots),
                pinned,
                provider: Arc::clone(&provider),
                check_name: check == Check::ChainAndName,
            })
        }
    };
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match &params.sslcert {
        Some(cert) => {
            let (chain, key) = client_identity(cert, params.sslkey.as_deref())?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| {
                    crate::tr!(
                        "run-tls-cannot-use-client-certificate",
                        path = cert,
                        reason = e.to_string()
                    )
                })?
        }
        None => builder.with_no_client_auth(),
    };
    config.enable_sni = params.sslsni;
    Ok(config)
}

/// The roots a chain must lead to: the `sslrootcert` file, or with
/// `sslrootcert=system` (or none) the platform's store, falling back on
/// Mozilla's bundled roots where the platform has none at all (a bare
/// container image), so that a public CA still verifies there. Also the
/// file's certificates as they are, for a server that presents one of them
/// itself (see [`Trusted`]).
fn root_store(
    sslrootcert: Option<&Path>,
) -> Result<(RootCertStore, Vec<CertificateDer<'static>>), String> {
    let mut store = RootCertStore::empty();
    let mut pinned = Vec::new();
    match sslrootcert {
        Some(path) if path.as_os_str() != "system" => {
            let unreadable = |e: &dyn std::fmt::Display| {
                crate::tr!(
                    "run-tls-cannot-read-root-certificate",
                    path = path,
                    reason = e.to_string()
                )
            };
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| unreadable(&e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| unreadable(&e))?;
            if certs.is_empty() {
                return Err(unreadable(&crate::tr!("run-tls-no-pem-certificate")));
            }
            for cert in &certs {
                store.add(cert.clone()).map_err(|e| unreadable(&e))?;
            }
            pinned = certs;
        }
        _ => {
            // Unreadable entries of the platform's store are skipped, as
            // OpenSSL skips them.
            let native = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(native.certs);
            if store.is_empty() {
                store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
        }
    }
    Ok((store, pinned))
}

/// `sslcert` and its key (`sslkey`, or the certificate file itself when it
/// holds the key too).
fn client_identity(
    cert: &Path,
    key: Option<&Path>,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            crate::tr!(
                "run-tls-cannot-read-client-certificate",
                path = cert,
                reason = e.to_string()
            )
        })?;
    if chain.is_empty() {
        return Err(crate::tr!(
            "run-tls-cannot-read-client-certificate",
            path = cert,
            reason = crate::tr!("run-tls-no-pem-certificate")
        ));
    }
    let key_path = key.unwrap_or(cert);
    let key = PrivateKeyDer::from_pem_file(key_path)
        .map_err(|e| {
            crate::tr!(
                "run-tls-cannot-read-client-key",
                path = key_path,
                reason = e.to_string()
            )
        })?;
    Ok((chain, key))
}

/// The handshake's signatures are checked in every mode (they prove the
/// server holds the key of the certificate it sent); only what the
/// certificate itself is worth differs.
fn verify_signature_12(
    provider: &CryptoProvider,
    message: &[u8],
    cert: &CertificateDer<'_>,
    dss: &DigitallySignedStruct,
) -> Result<HandshakeSignatureValid, rustls::Error> {
    verify_tls12_signature(
        message,
        cert,
        dss,
        &provider.signature_verification_algorithms,
    )
}

fn verify_signature_13(
    provider: &CryptoProvider,
    message: &[u8],
    cert: &CertificateDer<'_>,
    dss: &DigitallySignedStruct,
) -> Result<HandshakeSignatureValid, rustls::Error> {
    verify_tls13_signature(
        message,
        cert,
        dss,
        &provider.signature_verification_algorithms,
    )
}

/// `require`, `prefer`, `allow`: any certificate.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_signature_12(&self.0, message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_signature_13(&self.0, message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca` and `verify-full`: the certificate chains to a trusted root
/// (validity dates and key usage included, by webpki); `verify-full` also
/// checks that it names the host (`check_name`), `verify-ca` does not.
///
/// A server certificate that is itself in the `sslrootcert` file is
/// trusted as it is, as OpenSSL (and so libpq) trusts it: PostgreSQL's
/// documentation has users make a self-signed server certificate with
/// `openssl req -x509` — marked as a CA — and give the same file as the
/// root, which webpki alone refuses as "a CA used as an end entity".
#[derive(Debug)]
struct Trusted {
    roots: Arc<RootCertStore>,
    pinned: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
    check_name: bool,
}

impl ServerCertVerifier for Trusted {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let cert = ParsedCertificate::try_from(end_entity)?;
        let pinned = self.pinned.iter().any(|p| p.as_ref() == end_entity.as_ref());
        if pinned {
            within_validity(end_entity, now)?;
        } else {
            rustls::client::verify_server_cert_signed_by_trust_anchor(
                &cert,
                &self.roots,
                intermediates,
                now,
                self.provider.signature_verification_algorithms.all,
            )?;
        }
        if self.check_name {
            rustls::client::verify_server_name(&cert, server_name)?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_signature_12(&self.provider, message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_signature_13(&self.provider, message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The certificate's dates, as OpenSSL checks them for a trusted
/// self-signed certificate.
fn within_validity(cert: &CertificateDer<'_>, now: UnixTime) -> Result<(), rustls::Error> {
    use rustls::CertificateError;
    use x509_cert::der::Decode;
    let parsed = x509_cert::Certificate::from_der(cert.as_ref())
        .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
    let validity = &parsed.tbs_certificate.validity;
    let now = std::time::Duration::from_secs(now.as_secs());
    if now < validity.not_before.to_unix_duration() {
        return Err(rustls::Error::InvalidCertificate(
            CertificateError::NotValidYet,
        ));
    }
    if now > validity.not_after.to_unix_duration() {
        return Err(rustls::Error::InvalidCertificate(CertificateError::Expired));
    }
    Ok(())
}

/// A handshake failure in libpq's words where the certificate was the
/// reason ("certificate verify failed"), so that users and scripts that
/// look for them find them.
pub(super) fn describe_handshake_error(e: std::io::Error) -> String {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        Some(rustls::Error::InvalidCertificate(reason)) => {
            crate::tr!("run-tls-certificate-verify-failed", reason = reason.to_string())
        }
        Some(other) => crate::tr!("run-tls-handshake-failed", reason = other.to_string()),
        None => crate::tr!("run-tls-handshake-failed", reason = e.to_string()),
    }
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
    fn each_sslmode_checks_what_libpq_checks() {
        let check = |q: &str| check_for(&params(&format!("postgresql://h/db?{q}")));
        assert_eq!(check("sslmode=disable"), Check::Nothing);
        assert_eq!(check("sslmode=allow"), Check::Nothing);
        assert_eq!(check("sslmode=prefer"), Check::Nothing);
        assert_eq!(check("sslmode=require"), Check::Nothing);
        assert_eq!(
            check("sslmode=require&sslrootcert=/ca.pem"),
            Check::Chain,
            "require with a root certificate acts as verify-ca"
        );
        assert_eq!(check("sslmode=verify-ca"), Check::Chain);
        assert_eq!(check("sslmode=verify-full"), Check::ChainAndName);
    }

    /// A self-signed certificate marked as a CA, as `openssl req -x509`
    /// makes one, for `names`, in a PEM file of its own.
    fn self_signed(dir: &Path, file: &str, names: &[&str]) -> (PathBuf, CertificateDer<'static>) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params =
            rcgen::CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let cert = params.self_signed(&key).unwrap();
        let path = dir.join(file);
        std::fs::write(&path, cert.pem()).unwrap();
        (path, cert.der().clone())
    }

    fn trusted(rootcert: &Path, check_name: bool) -> Trusted {
        let (roots, pinned) = root_store(Some(rootcert)).unwrap();
        Trusted {
            roots: Arc::new(roots),
            pinned,
            provider: Arc::new(rustls::crypto::ring::default_provider()),
            check_name,
        }
    }

    #[test]
    fn a_self_signed_server_certificate_named_as_the_root_is_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (root, cert) = self_signed(dir.path(), "server.crt", &["db.internal"]);
        let (_, other) = self_signed(dir.path(), "other.crt", &["db.internal"]);
        let name = ServerName::try_from("db.internal").unwrap();
        let wrong = ServerName::try_from("elsewhere").unwrap();
        let now = UnixTime::now();
        let verify = |v: &Trusted, c: &CertificateDer<'_>, n: &ServerName<'_>| {
            v.verify_server_cert(c, &[], n, &[], now)
        };
        // verify-ca: the certificate itself is in sslrootcert.
        assert!(verify(&trusted(&root, false), &cert, &wrong).is_ok());
        // verify-full: and the name must match.
        assert!(verify(&trusted(&root, true), &cert, &name).is_ok());
        assert!(verify(&trusted(&root, true), &cert, &wrong).is_err());
        // Another self-signed certificate is not trusted by this root.
        assert!(verify(&trusted(&root, false), &other, &name).is_err());
        // Past its dates (rcgen's run to the year 4096), a pinned
        // certificate is refused too.
        let later = UnixTime::since_unix_epoch(std::time::Duration::from_secs(100_000_000_000));
        let expired = trusted(&root, false).verify_server_cert(&cert, &[], &name, &[], later);
        assert!(
            matches!(
                expired,
                Err(rustls::Error::InvalidCertificate(rustls::CertificateError::Expired))
            ),
            "{expired:?}"
        );
    }

    #[test]
    fn the_system_store_is_never_empty() {
        assert!(!root_store(Some(Path::new("system"))).unwrap().0.is_empty());
        assert!(!root_store(None).unwrap().0.is_empty());
    }
}
