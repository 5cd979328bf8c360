//! A throwaway certificate authority and a server certificate for
//! `localhost`, so the cluster speaks TLS and every sslmode can be tested:
//! connecting to 127.0.0.1 passes `verify-ca` but fails `verify-full`,
//! which only `localhost` passes.

use openssl::asn1::Asn1Time;
use openssl::bn::{BigNum, MsbOption};
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::x509::extension::{BasicConstraints, KeyUsage, SubjectAlternativeName};
use openssl::x509::{X509NameBuilder, X509};
use std::path::Path;

pub(crate) struct TlsFiles {
    pub ca_cert: std::path::PathBuf,
    pub server_cert: std::path::PathBuf,
    pub server_key: std::path::PathBuf,
}

fn key() -> Result<PKey<Private>, openssl::error::ErrorStack> {
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1)?;
    PKey::from_ec_key(EcKey::generate(&group)?)
}

fn certificate(
    common_name: &str,
    key: &PKey<Private>,
    issuer: Option<(&X509, &PKey<Private>)>,
) -> Result<X509, openssl::error::ErrorStack> {
    let mut name = X509NameBuilder::new()?;
    name.append_entry_by_nid(Nid::COMMONNAME, common_name)?;
    let name = name.build();
    let mut cert = X509::builder()?;
    cert.set_version(2)?;
    let mut serial = BigNum::new()?;
    serial.rand(64, MsbOption::MAYBE_ZERO, false)?;
    let serial = serial.to_asn1_integer()?;
    cert.set_serial_number(&serial)?;
    cert.set_subject_name(&name)?;
    cert.set_pubkey(key)?;
    cert.set_not_before(&*Asn1Time::days_from_now(0)?)?;
    cert.set_not_after(&*Asn1Time::days_from_now(2)?)?;
    match issuer {
        None => {
            cert.set_issuer_name(&name)?;
            cert.append_extension(BasicConstraints::new().critical().ca().build()?)?;
            cert.append_extension(KeyUsage::new().key_cert_sign().crl_sign().build()?)?;
            cert.sign(key, MessageDigest::sha256())?;
        }
        Some((ca_cert, ca_key)) => {
            cert.set_issuer_name(ca_cert.subject_name())?;
            let san = SubjectAlternativeName::new()
                .dns(common_name)
                .build(&cert.x509v3_context(Some(ca_cert), None))?;
            cert.append_extension(san)?;
            cert.sign(ca_key, MessageDigest::sha256())?;
        }
    }
    Ok(cert.build())
}

/// Writes ca.crt, server.crt and server.key into `dir`.
pub(crate) fn make(dir: &Path) -> Result<TlsFiles, String> {
    let fail = |e: openssl::error::ErrorStack| format!("cannot make test certificates: {e}");
    let ca_key = key().map_err(fail)?;
    let ca_cert = certificate("retort test CA", &ca_key, None).map_err(fail)?;
    let server_key = key().map_err(fail)?;
    let server_cert =
        certificate("localhost", &server_key, Some((&ca_cert, &ca_key))).map_err(fail)?;
    let files = TlsFiles {
        ca_cert: dir.join("ca.crt"),
        server_cert: dir.join("server.crt"),
        server_key: dir.join("server.key"),
    };
    let write = |path: &Path, bytes: Vec<u8>| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(&files.ca_cert, ca_cert.to_pem().map_err(fail)?)?;
    write(&files.server_cert, server_cert.to_pem().map_err(fail)?)?;
    write(
        &files.server_key,
        server_key.private_key_to_pem_pkcs8().map_err(fail)?,
    )?;
    // The server refuses a key that others can read.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&files.server_key, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| e.to_string())?;
    Ok(files)
}
