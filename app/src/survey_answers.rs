//! The answers being given, kept out of the page's markup: the form is drawn from them again
//! whenever the page is redrawn (a language switch, an error), so nothing typed is lost.

use crate::wire::feedback::{CommunicationAnswer, SurveyAnswers};

/// The server's limit for the comment; the textarea stops there too.
pub const MAX_COMMENT: usize = 2000;

/// The id of the comment's textarea.
pub const COMMENT: &str = "comment";

/// The id of the "May we contact you?" checkbox.
pub const MAY_CONTACT: &str = "may_contact";

/// The four communication items: the id prefix of their radios, in the order asked.
pub const ITEMS: [&str; 4] = ["explained", "listened", "respected", "enough_time"];

/// The id of one radio of a question: `rating-4`, `recommend-10`, `listened-no`.
pub fn radio_id(question: &str, value: &str) -> String {
    let mut id = String::from(question);
    id.push('-');
    id.push_str(value);
    id
}

/// The answer to a communication item, by its id prefix.
pub fn item(answers: &SurveyAnswers, name: &str) -> Option<CommunicationAnswer> {
    match name {
        "explained" => answers.explained,
        "listened" => answers.listened,
        "respected" => answers.respected,
        "enough_time" => answers.enough_time,
        _ => None,
    }
}

/// Records what a form control now says (its id, value and checked state, from its `input`
/// event). Radios report only when they become checked.
pub fn apply(answers: &mut SurveyAnswers, id: &str, value: &str, checked: bool) {
    if id == COMMENT {
        answers.comment = Some(value.to_string());
        return;
    }
    if id == MAY_CONTACT {
        answers.may_contact = checked;
        return;
    }
    let Some((question, choice)) = id.rsplit_once('-') else {
        return;
    };
    match question {
        "rating" => {
            if let Some(rating) = choice.parse().ok().filter(|r| (1..=5).contains(r)) {
                answers.rating = rating;
            }
        }
        "recommend" => answers.recommend = choice.parse().ok().filter(|r| *r <= 10),
        _ => {
            let answer = CommunicationAnswer::from_code(choice);
            match question {
                "explained" => answers.explained = answer,
                "listened" => answers.listened = answer,
                "respected" => answers.respected = answer,
                "enough_time" => answers.enough_time = answer,
                _ => {}
            }
        }
    }
}

/// The answers as sent: a blank comment is no comment. `None` while the one required answer,
/// the rating, is missing.
pub fn to_send(answers: &SurveyAnswers) -> Option<SurveyAnswers> {
    if !(1..=5).contains(&answers.rating) {
        return None;
    }
    let mut sent = answers.clone();
    sent.comment = answers
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|comment| !comment.is_empty())
        .map(|comment| comment.chars().take(MAX_COMMENT).collect());
    Some(sent)
}

/// Whether these answers put the visit in the clinic's follow-up queue (the server's rule: a
/// rating of 1–2, a recommendation of 0–6, or a "No"), so the thank-you can say that someone
/// will get in touch when the patient agreed to it.
pub fn needs_call_back(answers: &SurveyAnswers) -> bool {
    answers.rating <= 2
        || answers.recommend.is_some_and(|score| score <= 6)
        || ITEMS
            .iter()
            .any(|name| item(answers, name) == Some(CommunicationAnswer::No))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(changes: &[(&str, &str, bool)]) -> SurveyAnswers {
        let mut answers = SurveyAnswers::default();
        for (id, value, checked) in changes {
            apply(&mut answers, id, value, *checked);
        }
        answers
    }

    #[test]
    fn radios_checkbox_and_comment_fill_the_answers() {
        let answers = answered(&[
            ("rating-2", "2", true),
            ("recommend-10", "10", true),
            ("explained-definitely", "definitely", true),
            ("listened-somewhat", "somewhat", true),
            ("respected-no", "no", true),
            ("enough_time-no", "no", true),
            ("comment", "Long wait", false),
            ("may_contact", "on", true),
        ]);
        assert_eq!(
            answers,
            SurveyAnswers {
                rating: 2,
                recommend: Some(10),
                explained: Some(CommunicationAnswer::Definitely),
                listened: Some(CommunicationAnswer::Somewhat),
                respected: Some(CommunicationAnswer::No),
                enough_time: Some(CommunicationAnswer::No),
                comment: Some("Long wait".into()),
                may_contact: true,
            }
        );
    }

    #[test]
    fn a_later_choice_replaces_the_earlier_one_and_unticking_says_no_contact() {
        let answers = answered(&[
            ("rating-1", "1", true),
            ("rating-5", "5", true),
            ("may_contact", "on", true),
            ("may_contact", "on", false),
        ]);
        assert_eq!(answers.rating, 5);
        assert!(!answers.may_contact);
    }

    #[test]
    fn values_outside_the_scales_are_ignored() {
        let answers = answered(&[("rating-6", "6", true), ("recommend-11", "11", true)]);
        assert_eq!(answers.rating, 0);
        assert_eq!(answers.recommend, None);
    }

    #[test]
    fn nothing_is_sent_without_a_rating() {
        let answers = answered(&[("recommend-9", "9", true), ("comment", "Great", false)]);
        assert_eq!(to_send(&answers), None);
    }

    #[test]
    fn a_blank_comment_is_sent_as_none_and_a_comment_is_trimmed() {
        let blank = answered(&[("rating-4", "4", true), ("comment", "  \n ", false)]);
        assert_eq!(to_send(&blank).map(|a| a.comment), Some(None));
        let said = answered(&[
            ("rating-4", "4", true),
            ("comment", " Kind staff \n", false),
        ]);
        assert_eq!(
            to_send(&said).and_then(|a| a.comment).as_deref(),
            Some("Kind staff")
        );
    }

    #[test]
    fn low_ratings_detractors_and_a_no_need_a_call_back() {
        assert!(needs_call_back(&answered(&[("rating-2", "2", true)])));
        assert!(!needs_call_back(&answered(&[("rating-3", "3", true)])));
        assert!(needs_call_back(&answered(&[
            ("rating-5", "5", true),
            ("recommend-6", "6", true)
        ])));
        assert!(!needs_call_back(&answered(&[
            ("rating-5", "5", true),
            ("recommend-7", "7", true)
        ])));
        assert!(needs_call_back(&answered(&[
            ("rating-5", "5", true),
            ("enough_time-no", "no", true)
        ])));
        assert!(!needs_call_back(&answered(&[
            ("rating-4", "4", true),
            ("recommend-9", "9", true),
            ("explained-somewhat", "somewhat", true)
        ])));
    }
}
