use carebook::config::{Cli, Command};
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    carebook::telemetry::init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => carebook::startup::serve(cli.settings).await,
        Command::Demo => {
            let db = carebook::db::connect(&cli.settings.database_url).await?;
            carebook::demo::seed(&db, cli.settings.clock().now()).await?;
            tracing::info!("demo clinic ready at /book/demo");
            carebook::startup::serve_with(cli.settings, db).await
        }
        Command::Migrate => {
            carebook::db::connect(&cli.settings.database_url).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
    }
}
