//! The browser entry point of the health library bundle (`learn.html`, `/learn/*`). An article
//! arrives drawn by the server (see `article_page`), which stays on screen until the app has
//! drawn the same (`components::mount_app`).

fn main() {
    app::components::mount_app(app::pages::learn::LearnApp);
}
