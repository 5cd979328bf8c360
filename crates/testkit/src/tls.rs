//! A throwaway certificate authority and a server certificate for
//! `localhost`, so the cluster speaks TLS and every sslmode can be tested:
//! connecting to 127.0.0.1 passes `verify-ca` but fails `verify-full`,
//! which only `localhost` passes.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
use std::path::Path;

pub(crate) struct TlsFiles {
    pub ca_cert: std::path::PathBuf,
    pub server_cert: std::path::PathBuf,
    pub server_key: std::path::PathBuf,
}

/// Writes ca.crt, server.crt and server.key into `dir`.
pub(crate) fn make(dir: &Path) -> Result<TlsFiles, String> {
    // rcgen, not OpenSSL: the tests need no system library either. P-256
    // keys, as the server and every client accept them.
    let fail = |e: rcgen::Error| format!("cannot make test certificates: {e}");
    let ca_key = KeyPair::generate().map_err(fail)?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(fail)?;
    ca.distinguished_name
        .push(DnType::CommonName, "retort test CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).map_err(fail)?;
    let server_key = KeyPair::generate().map_err(fail)?;
    let mut server = CertificateParams::new(vec!["localhost".to_string()]).map_err(fail)?;
    server
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    let server_cert = server
        .signed_by(&server_key, &ca_cert, &ca_key)
        .map_err(fail)?;
    let files = TlsFiles {
        ca_cert: dir.join("ca.crt"),
        server_cert: dir.join("server.crt"),
        server_key: dir.join("server.key"),
    };
    let write = |path: &Path, text: String| {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(&files.ca_cert, ca_cert.pem())?;
    write(&files.server_cert, server_cert.pem())?;
    write(&files.server_key, server_key.serialize_pem())?;
    // The server refuses a key that others can read.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&files.server_key, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| e.to_string())?;
    Ok(files)
}
