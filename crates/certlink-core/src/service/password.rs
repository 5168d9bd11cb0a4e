//! Password hashing (R1): argon2id PHC strings with the database's cost setting.
//! Verification reads the cost from the stored hash, so raising the setting never
//! locks anyone out.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use super::{InvalidInput, ServiceError, Unavailable};
use certlink_domain::Settings;

/// The shortest password accepted when one is set.
pub const MIN_PASSWORD_LEN: usize = 8;

pub fn hash(password: &str, settings: &Settings) -> Result<String, ServiceError> {
    let params = Params::new(
        settings.argon2_memory_kib,
        settings.argon2_iterations,
        settings.argon2_parallelism,
        None,
    )
    .map_err(|e| Unavailable::HashSettings(e.to_string()))?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Unavailable::Randomness(e.to_string()))?;
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let phc = hasher
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map_err(|e| Unavailable::Hashing(e.to_string()))?;
    Ok(phc.to_string())
}

/// True when `password` matches the stored hash. A damaged hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Checks a new password before it is hashed.
pub fn check_new(password: &str) -> Result<(), ServiceError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(InvalidInput::PasswordTooShort {
            min: MIN_PASSWORD_LEN,
        }
        .into());
    }
    certlink_domain::limits::check_chars(
        "the password",
        password,
        certlink_domain::limits::PASSWORD,
    )
    .map_err(InvalidInput::OutOfLimits)?;
    Ok(())
}

/// A temporary password (R13): 16 characters without look-alikes, ~90 bits.
pub fn temporary() -> Result<String, ServiceError> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Unavailable::Randomness(e.to_string()))?;
    // 256 is not a multiple of the alphabet's size; the slight bias is irrelevant
    // for a one-time password of this length.
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r1_hashes_are_argon2id_and_verify() {
        let s = Settings::sandbox();
        let h = hash("correct horse", &s).unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("correct horse"));
        assert!(verify("correct horse", &h));
        assert!(!verify("wrong horse", &h));
        assert!(!verify("correct horse", "not a hash"));
        assert_ne!(h, hash("correct horse", &s).unwrap(), "salted");
    }

    #[test]
    fn temporary_passwords_are_long_and_differ() {
        let a = temporary().unwrap();
        assert_eq!(a.len(), 16);
        assert_ne!(a, temporary().unwrap());
        assert!(check_new(&a).is_ok());
        assert!(check_new("short").is_err());
    }
}
