//! A clinic's brand colour in the booking widget: whether white text stays readable on it.
//! Pure, so the widget's frame (which applies the colour) and the console's Embed page (which
//! warns while the admin chooses it) give the same answer, and it is unit-tested natively.

/// The three channels of `RRGGBB` (six hex digits, no `#`).
pub fn rgb(hex: &str) -> Option<[u8; 3]> {
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG contrast of white text on this colour is at least 4.5:1; a lighter brand colour is
/// not used (the widget keeps Carebook's green) rather than make buttons unreadable.
pub fn readable_on_white(hex: &str) -> bool {
    let Some(channels) = rgb(hex) else {
        return false;
    };
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = channels.map(linear);
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    1.05 / (luminance + 0.05) >= 4.5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_colours_keep_white_text_readable() {
        // Carebook's own green, navy, a deep red, black.
        for hex in ["0b6e4f", "1d4ed8", "b91c1c", "000000", "0B6E4F"] {
            assert!(readable_on_white(hex), "{hex}");
        }
    }

    #[test]
    fn light_colours_are_refused() {
        // White, yellow, a light sky blue, and #777 (4.48:1, just under the line).
        for hex in ["ffffff", "facc15", "7dd3fc", "777777"] {
            assert!(!readable_on_white(hex), "{hex}");
        }
    }

    #[test]
    fn anything_but_six_hex_digits_is_no_colour() {
        for hex in ["", "#0b6e4f", "0b6e4", "0b6e4f0", "zz6e4f", "é6e4f"] {
            assert_eq!(rgb(hex), None, "{hex}");
            assert!(!readable_on_white(hex), "{hex}");
        }
        assert_eq!(rgb("0b6e4f"), Some([0x0b, 0x6e, 0x4f]));
    }
}
