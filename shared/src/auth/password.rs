//! Password hashing with argon2id.
//!
//! Parameters follow OWASP's recommendation for argon2id: 19 MiB memory, 2 iterations,
//! 1 lane (`m=19456,t=2,p=1`); they are stored inside each PHC hash string, so raising them
//! later keeps old hashes verifiable.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19_456, 2, 1, None).expect("valid params"))
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash to verify against when the email is unknown, so that a login for an unknown email
/// takes as long as one with a wrong password (no account enumeration by timing).
pub fn verify_dummy(password: &str) {
    static DUMMY: LazyLock<String> = LazyLock::new(|| hash("dummy password for timing").unwrap_or_default());
    let _ = verify(password, &DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let phc = hash("doğru parola 123").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("doğru parola 123", &phc));
        assert!(!verify("yanlış parola 123", &phc));
        assert!(!verify("doğru parola 123", "not a hash"));
    }
}
