//! Rules for staff accounts, without I/O: what an email and a name must look like, and which
//! changes an admin may make to their own account.

use app::wire::console::StaffRole;

/// Longest display name, in characters.
pub const NAME_MAX: usize = 120;
/// Longest email (the SMTP limit).
const EMAIL_MAX: usize = 254;

/// Trimmed and lower-cased, as sign-in and `carebook admin create` store and look it up.
/// Deliberately loose: an `@` with something either side and no spaces; a typo shows up when the
/// person cannot sign in, and the admin is standing next to them.
pub fn normalise_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err("required");
    }
    let plausible = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    });
    if !plausible || email.chars().any(char::is_whitespace) || email.chars().count() > EMAIL_MAX {
        return Err("invalid");
    }
    Ok(email)
}

/// Trimmed, control characters dropped, at most `NAME_MAX` characters.
pub fn clean_display_name(raw: &str) -> Result<String, &'static str> {
    let name: String = raw.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    if name.is_empty() {
        Err("required")
    } else if name.chars().count() > NAME_MAX {
        Err("too_long")
    } else {
        Ok(name.to_string())
    }
}

/// An admin may not change their own role or disable themselves: locking yourself out is one
/// click away otherwise, and another admin should look at it.
pub fn touches_own_access(
    current_role: StaffRole,
    currently_disabled: bool,
    new_role: StaffRole,
    disable: bool,
) -> bool {
    new_role != current_role || (disable && !currently_disabled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased_and_need_an_at() {
        assert_eq!(
            normalise_email("  New.Person@Demo.Carebook.Test "),
            Ok("new.person@demo.carebook.test".to_string())
        );
        assert_eq!(normalise_email("   "), Err("required"));
        for bad in [
            "no-at-sign",
            "@demo.test",
            "someone@",
            "a@b@c",
            "two words@x.test",
        ] {
            assert_eq!(normalise_email(bad), Err("invalid"), "{bad}");
        }
        assert_eq!(
            normalise_email(&format!("{}@x.test", "a".repeat(250))),
            Err("invalid")
        );
    }

    #[test]
    fn names_are_required_and_at_most_120_characters() {
        assert_eq!(
            clean_display_name(" Sam\u{7} Lee "),
            Ok("Sam Lee".to_string())
        );
        assert_eq!(clean_display_name("\n\t"), Err("required"));
        assert_eq!(clean_display_name(&"é".repeat(120)), Ok("é".repeat(120)));
        assert_eq!(clean_display_name(&"é".repeat(121)), Err("too_long"));
    }

    #[test]
    fn an_admin_may_resave_their_account_but_not_demote_or_disable_it() {
        use StaffRole::*;
        assert!(!touches_own_access(Admin, false, Admin, false));
        assert!(touches_own_access(Admin, false, FrontDesk, false));
        assert!(touches_own_access(Admin, false, Admin, true));
    }
}
