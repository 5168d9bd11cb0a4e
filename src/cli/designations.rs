//! Solutions Partner designations on the command line: `report designations`
//! for an organization's admins (and over SSH exec), and the operator's
//! `admin designation define|size|metrics`.

use std::io::{Read, Write};

use serde_json::json;

use super::args::{AdminDesignation, Format};
use super::{CliError, Ctx, Failure, plain, with_dates};
use certlink_core::report;
use certlink_core::service::{METRICS_FILE_BYTES, Service};
use certlink_domain::designations::AreaDefinition;
use certlink_domain::limits;
use certlink_i18n::Lang;

/// `report designations`: the scores of the signed-in admin's organization.
pub fn report(ctx: &Ctx) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    let named = service
        .designations_named(&session, usize::MAX)
        .map_err(with_dates(&service))?;
    let dates = ctx.dates(&service).map_err(plain)?;
    let lang = ctx.lang();
    match ctx.format() {
        Format::Json => ctx.print_json(&report::designations_json(&named, lang, &dates)),
        Format::Table => ctx.print(&report::designations_table(&named, lang, &dates)),
        Format::Csv => {
            let mut w = std::io::BufWriter::new(ctx.io.writer());
            report::write_designations_csv(&named, &dates, &mut w)
                .and_then(|_| w.flush())
                .map_err(|e| plain(CliError::Invalid(lang.cli_cannot_write("-", e.to_string()))))?;
        }
    }
    Ok(())
}

/// The file's text, at most `max` bytes and one more: the service refuses
/// a longer one in its own words, and no file fills the memory first.
fn read(lang: Lang, file: &std::path::Path, max: usize) -> Result<String, Failure> {
    let cannot = |e: std::io::Error| {
        plain(CliError::Invalid(
            lang.cli_cannot_read(file.display().to_string(), e.to_string()),
        ))
    };
    let mut text = String::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(max as u64 + 1).read_to_string(&mut text))
        .map_err(cannot)?;
    Ok(text)
}

/// `admin designation ...` (operator; audited by the service).
pub fn admin(ctx: &Ctx, svc: &Service, cmd: AdminDesignation) -> Result<(), Failure> {
    let err = with_dates(svc);
    let lang = ctx.lang();
    let message = match cmd {
        AdminDesignation::Define { file } => {
            let defined: Vec<AreaDefinition> = svc
                .define_designations(&read(lang, &file, limits::COMPETENCY_FILE_BYTES)?)
                .map_err(&err)?;
            let names: Vec<&str> = defined.iter().map(|a| a.name.as_str()).collect();
            let version = defined.first().map(|a| a.version.as_str()).unwrap_or("");
            lang.cli_designations_defined(defined.len(), version, names.join(", "))
        }
        AdminDesignation::Size { mpn_id, size } => {
            svc.set_org_size(&mpn_id, &size).map_err(&err)?;
            lang.cli_designation_size_set(mpn_id.as_str(), size.trim().to_lowercase())
        }
        AdminDesignation::Metrics { file } => {
            let summary = svc
                .import_designation_metrics(&read(lang, &file, METRICS_FILE_BYTES)?)
                .map_err(&err)?;
            lang.cli_designation_metrics_imported(summary.lines, summary.organizations)
        }
    };
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({"ok": true, "message": message})),
        Format::Table | Format::Csv => ctx.print(&format!("{message}\n")),
    }
    Ok(())
}
