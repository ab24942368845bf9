//! `hearth`: the server and its operator commands.

mod demo;

// glibc's allocator spent a sixth of the server's time in malloc and its locks under load
// (perf, bench/load.sh); mimalloc keeps per-thread heaps. docs/PERFORMANCE.md has the numbers.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use hearth_core::account::{self, Language};
use hearth_core::roles::Role;
use hearth_store::db::{self, Backend};
use hearth_store::users::{self, NewUser};
use hearth_web::mail::Mailer;
use hearth_web::state::AppState;
use hearth_web::Config;
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "hearth",
    version,
    about = "Hearth: community care for healing and recovery",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

impl Cli {
    /// Threads for blocking work. Database work is limited to one task per pooled connection
    /// and password hashing to `HASHING_AT_ONCE`; the rest (sending mail, reading files) gets
    /// eight more. Tokio's default of 512 let the pool grow to dozens of threads under load,
    /// each keeping its own allocator heap (about 20 MB more memory at peak,
    /// docs/PERFORMANCE.md).
    fn blocking_threads(&self) -> usize {
        let pool = match &self.command {
            Command::Serve(a) => a.web.db_pool_size,
            Command::Demo(a) => a.web.db_pool_size,
            _ => 8,
        };
        pool as usize + hearth_web::accounts::HASHING_AT_ONCE + 8
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve(ServeArgs),
    /// Apply database migrations to the configured database.
    Migrate(DbArgs),
    /// Run Hearth with a fictional demo practice on the embedded SQLite database.
    Demo(DemoArgs),
    /// Manage people.
    #[command(subcommand)]
    User(UserCommand),
    /// Crisis-language screening.
    #[command(subcommand)]
    Safety(SafetyCommand),
    /// The Find community directory: import and export.
    #[command(subcommand)]
    Directory(DirectoryCommand),
}

#[derive(Subcommand)]
enum DirectoryCommand {
    /// Import a file of community resources. The file is one transaction: records that
    /// cannot be used are listed with the reason; a file that cannot be read changes nothing.
    /// Importing the same source again updates its records.
    Import(DirectoryImportArgs),
    /// Write the directory as Open Referral HSDS 3.0 JSON (a page of services).
    Export(DirectoryExportArgs),
}

#[derive(Args)]
struct DirectoryImportArgs {
    /// hsds-json (HSDS 3.0: a service, an organization with services, a
    /// service-at-location, or a page of them), hsds-csv (an HSDS tabular data package: a
    /// folder of CSV files or a zip of them; 3.0, or 1.1/2.0 upgraded as read) or
    /// meeting-guide (a Meeting Guide JSON feed).
    #[arg(long, value_parser = ["hsds-json", "hsds-csv", "meeting-guide"])]
    format: String,
    path: PathBuf,
    /// Read and check everything, report, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The source the records count as; importing the same source again updates its
    /// records. Default: `hsds:<file name>` or `meeting-guide:<file name>`.
    #[arg(long)]
    source: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Args)]
struct DirectoryExportArgs {
    #[arg(long, value_parser = ["hsds-json"])]
    format: String,
    /// Write here instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Subcommand)]
enum SafetyCommand {
    /// Screen messages from standard input, one per line; writes one JSON object per line.
    /// Reads no database.
    Screen(ScreenArgs),
}

#[derive(Args)]
struct ScreenArgs {
    /// en, ko, or auto (detect per message).
    #[arg(long, default_value = "auto", value_parser = ["en", "ko", "auto"])]
    lang: String,
    /// Data folder whose safety/en.tsv and safety/ko.tsv add the practice's own terms.
    #[arg(long, env = "HEARTH_DATA_DIR", default_value = "./hearth-data")]
    data_dir: PathBuf,
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Folder for Hearth's data: the SQLite database and, without SMTP, outgoing mail.
    #[arg(long, env = "HEARTH_DATA_DIR", default_value = "./hearth-data")]
    data_dir: PathBuf,
    /// Database URL. Default: a SQLite file in the data dir. A postgres:// URL selects PostgreSQL.
    #[arg(long, env = "HEARTH_DATABASE_URL")]
    database_url: Option<String>,
}

impl DbArgs {
    fn url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            self.data_dir
                .join("hearth.sqlite3")
                .to_string_lossy()
                .into_owned()
        })
    }
}

#[derive(Args, Clone)]
struct WebArgs {
    /// Address to listen on.
    #[arg(long, env = "HEARTH_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Where people reach Hearth, used in emailed links. Default: http://<addr>.
    #[arg(long, env = "HEARTH_BASE_URL")]
    base_url: Option<String>,
    /// SMTP server URL, e.g. smtps://user:pass@mail.example.org. Without it, email is written to <data-dir>/mail/.
    #[arg(long, env = "HEARTH_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of Hearth's email.
    #[arg(
        long,
        env = "HEARTH_MAIL_FROM",
        default_value = "Hearth <hearth@localhost>"
    )]
    mail_from: String,
    /// Database connections per server.
    #[arg(long, env = "HEARTH_DB_POOL_SIZE", default_value_t = 8)]
    db_pool_size: u32,
    /// Behind a load balancer: take each client's address from the last X-Forwarded-For entry.
    #[arg(long, env = "HEARTH_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Args)]
struct DemoArgs {
    /// Folder for the demo practice; created on first run and reused after.
    #[arg(long, env = "HEARTH_DEMO_DIR", default_value = "./hearth-demo")]
    data_dir: PathBuf,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a person. Without --password-stdin, prints a one-time invitation link.
    Create(UserCreateArgs),
    /// List everyone with an account.
    List(DbArgs),
}

#[derive(Args)]
struct UserCreateArgs {
    #[arg(long)]
    email: String,
    /// member, facilitator, clinician or admin; repeat for several.
    #[arg(long = "role", required = true, value_parser = parse_role)]
    roles: Vec<Role>,
    #[arg(long)]
    display_name: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
    #[command(flatten)]
    db: DbArgs,
    /// Where people reach Hearth, for the invitation link.
    #[arg(long, env = "HEARTH_BASE_URL", default_value = "http://127.0.0.1:8080")]
    base_url: String,
    #[arg(long, env = "HEARTH_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    #[arg(
        long,
        env = "HEARTH_MAIL_FROM",
        default_value = "Hearth <hearth@localhost>"
    )]
    mail_from: String,
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s)
        .ok_or_else(|| format!("unknown role '{s}' (use member, facilitator, clinician or admin)"))
}

fn main() -> ExitCode {
    // A panic is a bug; the person running the command still gets one plain sentence.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned());
        eprintln!(
            "hearth: internal error: {}",
            msg.unwrap_or_else(|| "unexpected failure".into())
        );
    }));
    let cli = Cli::parse();
    init_tracing();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(cli.blocking_threads())
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hearth: could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hearth: {}", one_sentence(&e));
            ExitCode::FAILURE
        }
    }
}

fn one_sentence(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("HEARTH_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("HEARTH_LOG_FORMAT").is_ok_and(|v| v == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(a) => serve(a.db, a.web, None).await,
        Command::Migrate(a) => migrate(&a),
        Command::Demo(a) => {
            let dbargs = DbArgs {
                data_dir: a.data_dir.clone(),
                database_url: None,
            };
            let url = prepare(&dbargs)?;
            let signins = tokio::task::spawn_blocking(move || demo::seed(&url)).await??;
            serve(dbargs, a.web, Some(signins)).await
        }
        Command::User(UserCommand::Create(a)) => user_create(a).await,
        Command::User(UserCommand::List(a)) => user_list(&a),
        Command::Safety(SafetyCommand::Screen(a)) => safety_screen(a),
        Command::Directory(DirectoryCommand::Import(a)) => directory_import(a),
        Command::Directory(DirectoryCommand::Export(a)) => directory_export(a),
    }
}

/// Opens the database for a command: creates the data dir, and on SQLite applies
/// migrations (one file, one process: nothing to coordinate). PostgreSQL must be current.
fn prepare(a: &DbArgs) -> Result<String> {
    std::fs::create_dir_all(&a.data_dir)
        .with_context(|| format!("could not create the data folder {}", a.data_dir.display()))?;
    let url = a.url();
    let mut conn = db::establish(&url).map_err(|e| anyhow!("{e}"))?;
    match conn.backend() {
        Backend::Sqlite => {
            conn.run_migrations().map_err(|e| anyhow!("{e}"))?;
        }
        Backend::Postgres => {
            if conn.has_pending_migrations().map_err(|e| anyhow!("{e}"))? {
                bail!("the PostgreSQL schema is not up to date; run `hearth migrate` first");
            }
        }
    }
    Ok(url)
}

fn migrate(a: &DbArgs) -> Result<()> {
    std::fs::create_dir_all(&a.data_dir)
        .with_context(|| format!("could not create the data folder {}", a.data_dir.display()))?;
    let mut conn = db::establish(&a.url()).map_err(|e| anyhow!("{e}"))?;
    let n = conn.run_migrations().map_err(|e| anyhow!("{e}"))?;
    println!(
        "Applied {n} migration(s) to the {} database.",
        conn.backend().name()
    );
    Ok(())
}

fn app_state(
    url: &str,
    data_dir: &std::path::Path,
    base_url: String,
    smtp_url: Option<&str>,
    from: &str,
    pool_size: u32,
    trust_forwarded_for: bool,
) -> Result<AppState> {
    let mailer = Mailer::from_config(smtp_url, from, data_dir)?;
    let screener = screener(data_dir)?;
    let instruments = instruments(data_dir)?;
    let pool = db::lazy_pool(url, pool_size);
    let config = Config {
        base_url,
        data_dir: data_dir.to_path_buf(),
        trust_forwarded_for,
    };
    let state = AppState::with_screener(pool, url, config, mailer, screener);
    state.set_instruments(instruments);
    Ok(state)
}

/// The shipped instruments, with item text the practice supplied in
/// `<data-dir>/instruments/*.json` (see docs/measures.md). A bad file stops the start.
fn instruments(data_dir: &std::path::Path) -> Result<Vec<hearth_core::measures::Instrument>> {
    let mut list = hearth_core::measures::builtin();
    let dir = data_dir.join("instruments");
    let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![],
        Err(e) => return Err(anyhow!("could not read {}: {e}", dir.display())),
    };
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow!("could not read {}: {e}", path.display()))?;
        hearth_core::measures::supply_text(&mut list, &path.display().to_string(), &text)
            .map_err(|e| anyhow!("the instrument file {e}"))?;
    }
    Ok(list)
}

async fn serve(
    db: DbArgs,
    web: WebArgs,
    demo_signins: Option<Vec<(String, String)>>,
) -> Result<()> {
    let url = prepare(&db)?;
    let base_url = web
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", web.addr));
    let state = app_state(
        &url,
        &db.data_dir,
        base_url.clone(),
        web.smtp_url.as_deref(),
        &web.mail_from,
        web.db_pool_size,
        web.trust_forwarded_for,
    )?;
    let listener = tokio::net::TcpListener::bind(web.addr)
        .await
        .with_context(|| format!("could not listen on {}", web.addr))?;
    tracing::info!(addr = %web.addr, backend = db::backend_of(&url).name(), "hearth is listening");
    if let Some(signins) = demo_signins {
        println!("\nHearth demo is running at {base_url}/\n");
        println!("Sign in as (password for everyone: {}):", demo::PASSWORD);
        for (who, email) in signins {
            println!("  {email:<34} {who}");
        }
        println!(
            "\nEmail is written to {}/mail/. Press Ctrl-C to stop.\n",
            db.data_dir.display()
        );
    }
    tokio::spawn(housekeeping(state.clone()));
    tokio::spawn(hearth_web::jobs::worker(state.clone()));
    tokio::spawn(hearth_web::directory::keep_next_meetings_fresh(
        state.clone(),
    ));
    let app = hearth_web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped")?;
    tracing::info!("hearth stopped");
    Ok(())
}

/// Removes ended sessions and stale sign-in failure counts, hourly. Several servers may do
/// this at once; the deletes are idempotent.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let done = state
            .db(|c| {
                Ok((
                    hearth_store::sessions::purge_expired(c)?,
                    hearth_store::throttle::purge_old(c)?,
                    hearth_store::jobs::purge_done(c, hearth_store::now(), 30)?,
                ))
            })
            .await;
        match done {
            Ok((s, t, j)) => {
                tracing::info!(
                    sessions = s,
                    throttle_rows = t,
                    jobs = j,
                    "housekeeping done"
                )
            }
            Err(e) => tracing::warn!(?e, "housekeeping skipped"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn user_create(a: UserCreateArgs) -> Result<()> {
    let url = prepare(&a.db)?;
    let email = account::normalize_email(&a.email)
        .map_err(|_| anyhow!("'{}' is not a valid email address", a.email))?;
    let name = match &a.display_name {
        Some(n) => account::validate_display_name(n)
            .map_err(|_| anyhow!("the display name must be 1 to 60 characters"))?,
        None => email.split('@').next().unwrap_or("").to_string(),
    };
    if a.password_stdin {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("could not read the password from standard input")?;
        let password = input.lines().next().unwrap_or("").to_string();
        if let Err(p) = hearth_core::password::check(&password, &[&email, &name]) {
            bail!("{}", hearth_web::i18n::Tr(Language::En).get(p.message_id()));
        }
        let hash = hearth_web::accounts::hash_password(&password);
        let roles = a.roles.clone();
        let mut conn = db::establish(&url).map_err(|e| anyhow!("{e}"))?;
        use diesel::Connection;
        let user = conn
            .transaction(|c| {
                let new = NewUser {
                    email: &email,
                    display_name: &name,
                    password_hash: Some(&hash),
                    roles: &roles,
                    language: Language::En,
                };
                hearth_web::accounts::create_with_password(c, new, false, None)
            })
            .map_err(|e| anyhow!("{e}"))?
            .ok_or_else(|| anyhow!("an account with the email {email} already exists"))?;
        println!(
            "Created {} ({}) with roles {}.",
            user.email,
            user.id,
            a.roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(());
    }
    let state = app_state(
        &url,
        &a.db.data_dir,
        a.base_url.clone(),
        a.smtp_url.as_deref(),
        &a.mail_from,
        2,
        false,
    )?;
    match hearth_web::accounts::invite(
        &state,
        None,
        &email,
        &name,
        a.roles.clone(),
        Language::En,
        None,
    )
    .await
    {
        Ok(Ok(inv)) => {
            println!(
                "Invited {email}. One-time link (valid 7 days):\n{}",
                inv.link
            );
            Ok(())
        }
        Ok(Err(errs)) => {
            let t = hearth_web::i18n::Tr(Language::En);
            bail!(
                "{}",
                errs.iter()
                    .map(|e| format!("{}: {}", e.field, t.get(e.message_id)))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        }
        Err(_) => bail!("the database did not answer"),
    }
}

/// The screening engine with the practice's own lexicon files from `<data-dir>/safety/`,
/// if present. A bad line stops start-up with the file and line named.
fn screener(data_dir: &std::path::Path) -> Result<hearth_core::safety::Screener> {
    let read = |lang: &str| -> Result<Vec<(String, String)>> {
        let path = data_dir.join("safety").join(format!("{lang}.tsv"));
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(vec![(path.display().to_string(), text)]),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(vec![]),
            Err(e) => Err(anyhow!("could not read {}: {e}", path.display())),
        }
    };
    hearth_core::safety::Screener::with_additions(&read("en")?, &read("ko")?)
        .map_err(|e| anyhow!("the safety lexicon {e}"))
}

fn safety_screen(a: ScreenArgs) -> Result<()> {
    use std::io::{BufRead, Write};
    let screener = screener(&a.data_dir)?;
    let lang = hearth_core::safety::Lang::parse(&a.lang);
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.context("could not read standard input")?;
        let s = screener.screen(&line, lang);
        let json = serde_json::json!({"level": s.level.as_str(), "concern_for_other": s.concern_for_other, "rules": s.rules});
        writeln!(out, "{json}").context("could not write the result")?;
    }
    out.flush().context("could not write the result")?;
    Ok(())
}

fn user_list(a: &DbArgs) -> Result<()> {
    let url = prepare(a)?;
    let mut conn = db::establish(&url).map_err(|e| anyhow!("{e}"))?;
    let list = users::list(&mut conn).map_err(|e| anyhow!("{e}"))?;
    let roles = users::all_roles(&mut conn).map_err(|e| anyhow!("{e}"))?;
    println!(
        "{:<36}  {:<32}  {:<24}  {:<28}  state",
        "id", "email", "display name", "roles"
    );
    for u in list {
        let r = roles
            .iter()
            .filter(|(id, _)| *id == u.id)
            .map(|(_, r)| r.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let state = if u.is_pending() { "invited" } else { "active" };
        println!(
            "{:<36}  {:<32}  {:<24}  {:<28}  {state}",
            u.id, u.email, u.display_name, r
        );
    }
    Ok(())
}

fn directory_import(a: DirectoryImportArgs) -> Result<()> {
    use hearth_web::directory::{
        import_read, import_tables, text_of, Format, ImportOptions, Outcome,
    };
    let format = Format::parse(&a.format).expect("clap checked the format");
    // A tabular package may be a folder of CSV files; everything else is one file.
    let folder = a.path.is_dir();
    if folder && format != Format::HsdsCsv {
        bail!(
            "{} is a folder; only --format hsds-csv reads a folder",
            a.path.display()
        );
    }
    let file = if folder {
        None
    } else {
        Some(
            std::fs::File::open(&a.path)
                .with_context(|| format!("could not read {}", a.path.display()))?,
        )
    };
    let tables = if folder {
        let mut t = vec![];
        for e in std::fs::read_dir(&a.path)
            .with_context(|| format!("could not read {}", a.path.display()))?
        {
            let p = e?.path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if p.is_file() && hearth_core::directory::tabular::reads(&name) {
                let raw =
                    std::fs::read(&p).with_context(|| format!("could not read {}", p.display()))?;
                t.push((
                    name.clone(),
                    text_of(raw, &name).map_err(|e| anyhow!("{e}"))?,
                ));
            }
        }
        t
    } else {
        vec![]
    };
    let url = prepare(&a.db)?;
    let mut conn = db::establish(&url).map_err(|e| anyhow!("{e}"))?;
    let settings = hearth_store::settings::load(&mut conn).map_err(|e| anyhow!("{e}"))?;
    let file_name = a
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = a.source.clone().unwrap_or_else(|| match format {
        Format::HsdsJson | Format::HsdsCsv => format!("hsds:{file_name}"),
        Format::MeetingGuide => format!("meeting-guide:{file_name}"),
    });
    let now = hearth_store::now();
    let opt = ImportOptions {
        format,
        source,
        default_tz: settings.tz().name().to_string(),
        // Weekly schedules start from today where the practice is, not in UTC.
        today: chrono::TimeZone::from_utc_datetime(&settings.tz(), &now).date_naive(),
        dry_run: a.dry_run,
    };
    let report = match file {
        None => import_tables(&mut conn, &tables, &opt, now),
        Some(f) => import_read(&mut conn, f, &opt, now),
    }
    .map_err(|e| anyhow!("{} was not imported: {e}", a.path.display()))?;
    if a.json {
        // Written as it is made: a report on 100,000 records is tens of megabytes.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, &report)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        return Ok(());
    }
    for l in &report.lines {
        let what = match l.outcome {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Rejected => "REJECTED",
        };
        let id = l.source_id.as_deref().unwrap_or("(no id)");
        match &l.reason {
            Some(why) => println!("#{:<5} {what:<9} {id}: {why}", l.position),
            None => println!(
                "#{:<5} {what:<9} {id}: {}",
                l.position,
                l.name.as_deref().unwrap_or_default()
            ),
        }
        for w in &l.warnings {
            println!("       note      {w}");
        }
    }
    println!(
        "{}{}: {} added, {} updated, {} rejected (source {})",
        if report.dry_run {
            "dry run, nothing written — "
        } else {
            ""
        },
        a.path.display(),
        report.added,
        report.updated,
        report.rejected,
        report.source
    );
    Ok(())
}

fn directory_export(a: DirectoryExportArgs) -> Result<()> {
    let url = prepare(&a.db)?;
    let mut conn = db::establish(&url).map_err(|e| anyhow!("{e}"))?;
    let page = hearth_web::directory::export_hsds(&mut conn).map_err(|e| anyhow!("{e}"))?;
    let text = serde_json::to_string_pretty(&page)?;
    match &a.output {
        Some(p) => std::fs::write(p, text + "\n")
            .with_context(|| format!("could not write {}", p.display()))?,
        None => println!("{text}"),
    }
    Ok(())
}
