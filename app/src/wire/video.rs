//! When a video visit's link may be joined: from `OPENS_MINUTES_BEFORE` minutes before the
//! start until the end. The one rule, used by the visit page (with the browser's clock) and by
//! the server's messages (which say when the link opens).

/// How long before the start the "Join video visit" link appears.
pub const OPENS_MINUTES_BEFORE: i64 = 15;

/// Where a video visit stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinWindow {
    /// The link opens in this many whole minutes (rounded up, so never "0 min").
    NotYet { minutes_left: i64 },
    /// From the opening (inclusive) to the end (exclusive).
    Open,
    /// The visit has ended.
    Over,
}

/// The window at `now`; all three are epoch seconds.
pub fn join_window(start: i64, end: i64, now: i64) -> JoinWindow {
    let opens = start - OPENS_MINUTES_BEFORE * 60;
    if now >= end {
        JoinWindow::Over
    } else if now >= opens {
        JoinWindow::Open
    } else {
        JoinWindow::NotYet {
            minutes_left: (opens - now + 59) / 60,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: i64 = 1_796_000_400;
    const END: i64 = START + 20 * 60;

    #[test]
    fn the_link_opens_fifteen_minutes_before_the_start() {
        let opens = START - 15 * 60;
        assert_eq!(
            join_window(START, END, opens - 1),
            JoinWindow::NotYet { minutes_left: 1 }
        );
        assert_eq!(join_window(START, END, opens), JoinWindow::Open);
        assert_eq!(join_window(START, END, START), JoinWindow::Open);
    }

    #[test]
    fn the_link_closes_at_the_end() {
        assert_eq!(join_window(START, END, END - 1), JoinWindow::Open);
        assert_eq!(join_window(START, END, END), JoinWindow::Over);
        assert_eq!(join_window(START, END, END + 86_400), JoinWindow::Over);
    }

    #[test]
    fn the_countdown_rounds_up_to_whole_minutes() {
        let opens = START - 15 * 60;
        assert_eq!(
            join_window(START, END, opens - 60),
            JoinWindow::NotYet { minutes_left: 1 }
        );
        assert_eq!(
            join_window(START, END, opens - 61),
            JoinWindow::NotYet { minutes_left: 2 }
        );
        // An hour before the start: 45 minutes until the link opens.
        assert_eq!(
            join_window(START, END, START - 3600),
            JoinWindow::NotYet { minutes_left: 45 }
        );
    }
}
