//! The browser entry point of the visit bundle (`visit.html`, `/a/{token}`). The page arrives
//! with the visit drawn by the server (see `visit_page`), which stays on screen until the app
//! has drawn the same (`components::mount_app`).

fn main() {
    app::components::mount_app(app::VisitApp);
}
