//! Find community's services: importing a file as one transaction with a report, and
//! exporting the directory as HSDS. The command line and the pages both call these, so
//! an upload and `hearth directory import` behave the same.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::Connection;
use hearth_core::directory::{
    hsds, meeting_guide, FileError, Parsed, ReadOptions, Resource, SourceKey,
};
use hearth_store::DbConn;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    HsdsJson,
    /// An HSDS tabular data package: CSV files, as a zip archive or (from the command line)
    /// a folder. HSDS 3.0, or the 1.1/2.0 layout upgraded as it is read.
    HsdsCsv,
    MeetingGuide,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "hsds-json" => Some(Format::HsdsJson),
            "hsds-csv" => Some(Format::HsdsCsv),
            "meeting-guide" => Some(Format::MeetingGuide),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub format: Format,
    /// Which source the records count as; re-importing the same source updates them.
    pub source: String,
    /// For schedules that name no zone: the practice's.
    pub default_tz: String,
    pub today: NaiveDate,
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Added,
    Updated,
    Rejected,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The record's place in the file, from 1.
    pub position: usize,
    pub source_id: Option<String>,
    pub name: Option<String>,
    pub outcome: Outcome,
    /// Hearth's id for an added or updated record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Line {
    /// The Fluent id of this line's outcome, for pages.
    pub fn outcome_key(&self) -> &'static str {
        match self.outcome {
            Outcome::Added => "community-import-added",
            Outcome::Updated => "community-import-updated",
            Outcome::Rejected => "community-import-rejected",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub source: String,
    pub dry_run: bool,
    pub added: usize,
    pub updated: usize,
    pub rejected: usize,
    pub lines: Vec<Line>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file as a whole could not be read; nothing was written.
    #[error("{0}")]
    File(#[from] FileError),
    #[error("database error: {0}")]
    Db(#[from] diesel::result::Error),
}

/// The most a zip archive may hold once unpacked, and the most files: enough for any real
/// directory, and a stop for archives built to explode.
const ZIP_MAX_BYTES: u64 = 128 * 1024 * 1024;
const ZIP_MAX_FILES: usize = 200;

/// The CSV files of an HSDS package in a zip archive, by file name (folders ignored).
pub fn tables_from_zip(bytes: &[u8]) -> Result<Vec<(String, String)>, FileError> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| FileError(format!("the file is not a zip archive: {e}")))?;
    if zip.len() > ZIP_MAX_FILES {
        return Err(FileError(format!(
            "the archive holds {} files; an HSDS package has at most {ZIP_MAX_FILES}",
            zip.len()
        )));
    }
    let mut total = 0u64;
    let mut out = vec![];
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| FileError(format!("the archive cannot be read: {e}")))?;
        let name = f.name().rsplit('/').next().unwrap_or("").to_string();
        // Only the tables the reader uses are unpacked: a stray file (another encoding,
        // macOS's `__MACOSX/._services.csv`) is left alone.
        if f.is_dir()
            || f.name().contains("__MACOSX")
            || !hearth_core::directory::tabular::reads(&name)
        {
            continue;
        }
        let mut buf = vec![];
        // Read at most what is left of the allowance, whatever the entry claims its size is.
        (&mut f)
            .take(ZIP_MAX_BYTES - total + 1)
            .read_to_end(&mut buf)
            .map_err(|e| FileError(format!("{name} cannot be read from the archive: {e}")))?;
        total += buf.len() as u64;
        if total > ZIP_MAX_BYTES {
            return Err(FileError(
                "the archive unpacks to more than 128 MB; split it or import a folder".into(),
            ));
        }
        let text = text_of(buf, &name)?;
        out.push((name, text));
    }
    Ok(out)
}

/// A CSV file as text: UTF-8, with any byte-order mark dropped.
pub fn text_of(mut bytes: Vec<u8>, name: &str) -> Result<String, FileError> {
    // No copy: the bytes become the text.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| FileError(format!("{name} is not UTF-8 text")))
}

impl ImportOptions {
    fn read(&self) -> ReadOptions {
        ReadOptions {
            source: self.source.clone(),
            default_tz: self.default_tz.clone(),
            today: self.today,
        }
    }
}

/// Reads a file and writes what it holds in one transaction. Records that cannot be used
/// are listed with the reason and skipped; a file that cannot be read changes nothing.
/// With `dry_run` the same work is done and then rolled back, so the report is exact.
/// For `HsdsCsv` the bytes are a zip archive; `import_tables` takes a folder's files.
pub fn import(
    conn: &mut DbConn,
    bytes: &[u8],
    opt: &ImportOptions,
    now: NaiveDateTime,
) -> Result<Report, ImportError> {
    let parsed: Vec<Parsed> = match opt.format {
        Format::HsdsCsv => {
            let tables = tables_from_zip(bytes)?;
            return import_tables(conn, &tables, opt, now);
        }
        Format::MeetingGuide => meeting_guide::parse(bytes, &opt.read())?,
        Format::HsdsJson => hsds::parse(bytes, &opt.read())?,
    };
    write(conn, parsed, opt, now)
}

/// `import` reading as it goes, for the command line: an HSDS JSON file is read a service at
/// a time, never held whole (a 100,000-service page is about 250 MB of text).
pub fn import_read(
    conn: &mut DbConn,
    mut reader: impl std::io::Read,
    opt: &ImportOptions,
    now: NaiveDateTime,
) -> Result<Report, ImportError> {
    if opt.format == Format::HsdsJson {
        let parsed = hsds::parse_reader(reader, &opt.read())?;
        return write(conn, parsed, opt, now);
    }
    let mut bytes = vec![];
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| FileError(format!("the file cannot be read: {e}")))?;
    import(conn, &bytes, opt, now)
}

/// Imports an HSDS tabular package given as its CSV files (name, text).
pub fn import_tables(
    conn: &mut DbConn,
    tables: &[(String, String)],
    opt: &ImportOptions,
    now: NaiveDateTime,
) -> Result<Report, ImportError> {
    let parsed = hearth_core::directory::tabular::parse(tables, &opt.read())?;
    write(conn, parsed, opt, now)
}

fn write(
    conn: &mut DbConn,
    parsed: Vec<Parsed>,
    opt: &ImportOptions,
    now: NaiveDateTime,
) -> Result<Report, ImportError> {
    let mut report = Report {
        source: opt.source.clone(),
        dry_run: opt.dry_run,
        added: 0,
        updated: 0,
        rejected: 0,
        lines: vec![],
    };
    let result = conn.transaction(|c| {
        let mut first_at: HashMap<String, usize> = HashMap::new();
        // Records to write, with their line in the report; written together at the end.
        let mut accepted: Vec<(SourceKey, Resource)> = vec![];
        let mut accepted_line: Vec<usize> = vec![];
        for p in parsed {
            let source_id = p.key.as_ref().map(|k| k.source_id.clone());
            let mut line = Line {
                position: p.position,
                source_id: source_id.clone(),
                name: p.outcome.as_ref().ok().map(|r| r.name.clone()),
                outcome: Outcome::Rejected,
                id: None,
                reason: None,
                warnings: p.warnings,
            };
            let dup = source_id
                .as_ref()
                .and_then(|s| first_at.get(s).copied())
                .map(|at| {
                    format!(
                        "the id {:?} was already used by record {at} of this file",
                        source_id.as_deref().unwrap_or_default()
                    )
                });
            match (p.key, p.outcome, dup) {
                (_, _, Some(why)) | (_, Err(why), None) => line.reason = Some(why),
                (None, Ok(_), None) => line.reason = Some("the record has no id".into()),
                (Some(key), Ok(res), None) => {
                    first_at.insert(key.source_id.clone(), p.position);
                    accepted.push((key, res));
                    accepted_line.push(report.lines.len());
                    line.outcome = Outcome::Added;
                }
            }
            if line.outcome == Outcome::Rejected {
                report.rejected += 1;
            }
            report.lines.push(line);
        }
        let written = hearth_store::directory::upsert_many(c, &accepted, now)?;
        if accepted.len() >= 1000 {
            hearth_store::directory::refresh_statistics(c)?;
        }
        for ((id, created), at) in written.into_iter().zip(accepted_line) {
            let line = &mut report.lines[at];
            if created {
                report.added += 1;
            } else {
                line.outcome = Outcome::Updated;
                report.updated += 1;
            }
            line.id = Some(id);
        }
        if opt.dry_run {
            // Undo everything; the report already says what would have happened.
            return Err(diesel::result::Error::RollbackTransaction);
        }
        Ok(())
    });
    match result {
        Ok(()) | Err(diesel::result::Error::RollbackTransaction) => Ok(report),
        Err(e) => Err(e.into()),
    }
}

/// Stable HSDS ids: UUIDv5 of the resource id and the part's name.
struct V5;

/// Hearth's namespace for derived HSDS ids (a fixed random UUID).
const NAMESPACE: uuid::Uuid = uuid::uuid!("6f1d3a52-3b4e-4c59-9a57-2b0d0c7a9e61");

impl hsds::IdMaker for V5 {
    fn id(&self, resource_id: &str, part: &str) -> String {
        uuid::Uuid::new_v5(&NAMESPACE, format!("{resource_id}/{part}").as_bytes()).to_string()
    }
}

/// The directory's live records as an HSDS 3.0 `Page` of services.
pub fn export_hsds(conn: &mut DbConn) -> Result<serde_json::Value, diesel::result::Error> {
    let services = hearth_store::directory::all(conn)?
        .into_iter()
        .filter(|s| s.retired_at.is_none())
        .map(|s| hsds::export_service(&s.id, &s.resource, &V5))
        .collect();
    Ok(hsds::export_page(services))
}

/// Recomputes stored next meetings that have passed, every few minutes, so searches rarely
/// have to. Search stays exact without it; this only saves it the work.
pub async fn keep_next_meetings_fresh(state: crate::state::AppState) {
    const BATCH: i64 = 500;
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        loop {
            let now = state.now();
            match state
                .db(move |c| Ok(hearth_store::directory::refresh_next(c, now, BATCH)?))
                .await
            {
                Ok(n) if n as i64 == BATCH => continue,
                Ok(n) => {
                    if n > 0 {
                        tracing::info!(resources = n, "next meetings refreshed");
                    }
                    break;
                }
                Err(e) => {
                    tracing::warn!(?e, "next meetings not refreshed");
                    break;
                }
            }
        }
    }
}
