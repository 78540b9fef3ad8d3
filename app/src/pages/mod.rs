//! One module per screen.

pub mod book;
pub mod coming;
pub mod home;
pub mod learn;
pub mod not_found;
pub mod survey;
pub mod visit;
pub mod waitlist;
