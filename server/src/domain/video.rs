//! Telehealth video links: the clinic's room URL template and each visit's link.
//!
//! Carebook runs no video of its own. A clinic names its video service by a template such as
//! `https://video.example.org/{room}`; each telehealth visit has its own unguessable room
//! (`token::new_video_room`), and its link is the template with the room filled in, when read —
//! so a changed template applies to visits already booked.

use app::wire::ServiceKind;

/// Where a visit's room name goes in the template.
pub const ROOM: &str = "{room}";
/// Longer than any real video link; keeps the clinic row and every message small.
const MAX_TEMPLATE_LEN: usize = 500;

/// Why a template is refused, as the field's reason code (`None`: fine, empty included).
pub fn template_problem(template: &str) -> Option<&'static str> {
    if template.is_empty() {
        return None;
    }
    if template.len() > MAX_TEMPLATE_LEN {
        return Some("too_long");
    }
    if !template.starts_with("https://") {
        return Some("not_https");
    }
    match template.matches(ROOM).count() {
        0 => return Some("no_room"),
        1 => {}
        _ => return Some("room_repeated"),
    }
    if template
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Some("invalid_url");
    }
    // A room name in the host would make every visit a different (and unknown) server.
    let sample = "Room_sample-1";
    match url::Url::parse(&template.replace(ROOM, sample)) {
        Ok(parsed)
            if parsed.scheme() == "https"
                && parsed.host_str().is_some_and(|host| !host.is_empty())
                && !parsed
                    .host_str()
                    .unwrap_or_default()
                    .contains("room_sample")
                && parsed.username().is_empty()
                && parsed.password().is_none() =>
        {
            None
        }
        _ => Some("invalid_url"),
    }
}

/// The link to a visit's video room: only for telehealth visits, with a room, at a clinic
/// that has a template.
pub fn video_url(template: &str, kind: ServiceKind, room: Option<&str>) -> Option<String> {
    let room = room.filter(|room| !room.is_empty())?;
    if kind != ServiceKind::Telehealth || template.is_empty() {
        return None;
    }
    Some(template.replacen(ROOM, room, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_templates_pass_and_empty_means_no_video() {
        for template in [
            "",
            "https://video.example.org/{room}",
            "https://meet.jit.si/carebook-{room}",
            "https://video.example.org:8443/rooms/{room}?lang=en",
            "https://video.example.org/join?room={room}",
        ] {
            assert_eq!(template_problem(template), None, "{template}");
        }
    }

    #[test]
    fn bad_templates_are_named() {
        let cases = [
            ("http://video.example.org/{room}", "not_https"),
            ("video.example.org/{room}", "not_https"),
            ("https://video.example.org/room", "no_room"),
            ("https://video.example.org/{room}/{room}", "room_repeated"),
            ("https://{room}.example.org/", "invalid_url"),
            ("https://video.example.org/{room} now", "invalid_url"),
            ("https:///{room}", "invalid_url"),
            ("https://user:pw@video.example.org/{room}", "invalid_url"),
        ];
        for (template, code) in cases {
            assert_eq!(template_problem(template), Some(code), "{template}");
        }
        let long = format!("https://video.example.org/{}{ROOM}", "a".repeat(500));
        assert_eq!(template_problem(&long), Some("too_long"));
    }

    #[test]
    fn only_telehealth_visits_with_a_room_and_a_template_get_a_link() {
        let template = "https://video.example.org/{room}";
        assert_eq!(
            video_url(template, ServiceKind::Telehealth, Some("abc")).as_deref(),
            Some("https://video.example.org/abc")
        );
        assert_eq!(
            video_url(template, ServiceKind::InPerson, Some("abc")),
            None
        );
        assert_eq!(video_url(template, ServiceKind::Telehealth, None), None);
        assert_eq!(video_url("", ServiceKind::Telehealth, Some("abc")), None);
    }
}
