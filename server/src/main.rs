use carebook::config::{AdminCommand, Cli, Command};
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    carebook::telemetry::init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => carebook::startup::serve(cli.settings).await,
        Command::Demo => {
            let db = carebook::db::connect(&cli.settings.database_url).await?;
            let now = cli.settings.clock().now();
            carebook::demo::seed(&db, now).await?;
            let password = cli
                .settings
                .demo_password
                .clone()
                .unwrap_or_else(|| carebook::domain::token::new_token()[..16].to_string());
            let accounts = carebook::demo::seed_staff(&db, &password, now).await?;
            carebook::demo::seed_history(&db, now).await?;
            // Printed, not logged: these are for the person starting the demo.
            println!("Demo clinic: {}/book/demo", cli.settings.public_url);
            println!(
                "Console sign-in ({}/console), password {password}:",
                cli.settings.public_url
            );
            for (email, role) in accounts {
                println!("  {role:<13} {email}");
            }
            carebook::startup::serve_with(cli.settings, db).await
        }
        Command::Admin {
            action:
                AdminCommand::Create {
                    clinic,
                    email,
                    name,
                    role,
                },
        } => {
            let db = carebook::db::connect(&cli.settings.database_url).await?;
            eprint!(
                "Password for {email} (at least {} characters): ",
                carebook::domain::password::MIN_LENGTH
            );
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let account = carebook::demo::StaffAccount {
                clinic_slug: &clinic,
                email: &email,
                name: &name,
                role: &role,
                practitioner_code: None,
            };
            carebook::demo::create_staff(&db, &account, password, chrono::Utc::now()).await?;
            println!("Created {role} {email} at clinic {clinic}.");
            Ok(())
        }
        Command::Backup { to } => {
            let db = carebook::db::connect(&cli.settings.database_url).await?;
            carebook::db::backup(&db, &to).await?;
            println!("Backed up to {}.", to.display());
            Ok(())
        }
        Command::MigrateData { from, to } => {
            let copied = carebook::db::transfer::migrate_data(&from, &to).await?;
            // Counts only: the operator sees that everything arrived, never what it says.
            println!("Copied into the new database:");
            for table in copied {
                println!("  {:<24} {:>8} rows", table.table, table.rows);
            }
            Ok(())
        }
        Command::Anonymise { older_than_days } => {
            let db = carebook::db::connect(&cli.settings.database_url).await?;
            let now = cli.settings.clock().now();
            let done = carebook::db::erasure::retention(&db, older_than_days, now).await?;
            // Counts only: what was anonymised is nobody's business any more.
            println!(
                "Anonymised {} visits that ended more than {older_than_days} days ago, and {} patient records with no later visit.",
                done.appointments, done.patients
            );
            Ok(())
        }
        Command::Migrate => {
            carebook::db::connect(&cli.settings.database_url).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
    }
}
