//! The unguessable link to a visit page: 256 random bits, URL-safe base64.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

const TOKEN_BYTES: usize = 32;
/// Length of the base64url text of `TOKEN_BYTES` bytes, without padding.
const TOKEN_LEN: usize = 43;

pub fn new_token() -> String {
    random_base64(TOKEN_BYTES)
}

/// A calendar UID that stays the same for the life of an appointment and reveals nothing.
pub fn new_calendar_uid(host: &str) -> String {
    format!("{}@{host}", random_base64(18))
}

/// A telehealth visit's video room name: 192 random bits, so nobody finds a room by guessing
/// and no two visits ever share one (the database also refuses a repeat).
pub fn new_video_room() -> String {
    random_base64(24)
}

fn random_base64(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// Whether a path segment could be a token at all; anything else is answered 404 without a query.
pub fn is_well_formed(candidate: &str) -> bool {
    candidate.len() == TOKEN_LEN
        && candidate
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_url_safe_and_different() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), TOKEN_LEN);
        assert!(is_well_formed(&a));
        assert_ne!(a, b);
    }

    #[test]
    fn video_rooms_are_url_safe_and_different() {
        let a = new_video_room();
        assert_eq!(a.len(), 32);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(a, new_video_room());
    }

    #[test]
    fn malformed_tokens_are_rejected_before_any_lookup() {
        assert!(!is_well_formed(""));
        assert!(!is_well_formed("short"));
        assert!(!is_well_formed(&"a".repeat(42)));
        assert!(!is_well_formed(&format!("{}/", "a".repeat(42))));
        assert!(!is_well_formed(&format!("{}é", "a".repeat(41))));
    }
}
