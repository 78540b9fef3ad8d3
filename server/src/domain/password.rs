//! Staff passwords: argon2id hashes, never the password itself.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Shortest password staff may set.
pub const MIN_LENGTH: usize = 12;
/// Longest: enough for any passphrase, short enough that hashing it costs nothing extra.
pub const MAX_LENGTH: usize = 256;

/// Letters and digits that cannot be mistaken for one another when read aloud or copied by
/// hand (no 0/O, 1/l/I), so a one-time password survives being handed over on paper.
const ONE_TIME_ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
/// 20 characters of a 56-letter alphabet: about 116 random bits.
pub const ONE_TIME_LENGTH: usize = 20;

/// A password for a new account, shown once to the admin who made it; the person changes it
/// after signing in.
pub fn one_time() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..ONE_TIME_LENGTH)
        .map(|_| char::from(ONE_TIME_ALPHABET[rng.gen_range(0..ONE_TIME_ALPHABET.len())]))
        .collect()
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("cannot hash a password: {error}"))
}

pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real hash of nothing anyone knows, checked when the email matches no account, so a wrong
/// email takes as long to refuse as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&crate::domain::token::new_token()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse battery!", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn one_time_passwords_are_long_unambiguous_and_different() {
        let a = one_time();
        let b = one_time();
        assert_eq!(a.chars().count(), ONE_TIME_LENGTH);
        assert!(a.chars().count() >= 16 && a.chars().count() >= MIN_LENGTH);
        assert!(a.bytes().all(|c| ONE_TIME_ALPHABET.contains(&c)), "{a}");
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(a, b);
    }
}
