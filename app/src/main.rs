//! The browser entry point of the booking bundle (`index.html`, `/` and `/book/*`). For the
//! flow's start the page arrives with the first step drawn by the server (see `first_step`),
//! which stays on screen until the app has drawn the same (`components::mount_app`).

fn main() {
    app::components::mount_app(app::App);
}
