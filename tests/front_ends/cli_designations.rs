//! Solutions Partner designations through the real binary: `report
//! designations` in table, CSV and JSON, in English and 简体中文, refused to
//! people who are not the organization's admins; the operator's `admin
//! designation define|size|metrics`, with a bad file changing nothing.

use std::path::Path;

use assert_cmd::Command;

use crate::cli_harness::{bare, demo, json};
use crate::sandbox_clock::next_now;

fn as_(db: &Path, email: &str, args: &[&str]) -> Command {
    let mut c = bare(db);
    c.args(["--now", &next_now(), "--as", email])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .args(args);
    c
}

fn operator(db: &Path, args: &[&str]) -> Command {
    let mut c = bare(db);
    c.args(["--now", &next_now()]).args(args);
    c
}

fn infra(report: &serde_json::Value) -> serde_json::Value {
    report["designations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == "azure-infrastructure")
        .cloned()
        .unwrap()
}

#[test]
fn report_designations_in_every_format_and_language() {
    let (_d, db) = demo();
    let out = as_(
        &db,
        "ada@contoso.com",
        &["--format", "json", "report", "designations"],
    )
    .assert()
    .success();
    let report = json(&out);
    assert_eq!(report["mpn_id"], 1234567);
    assert_eq!(report["size"], "enterprise");
    assert_eq!(report["designations"].as_array().unwrap().len(), 6);
    let area = infra(&report);
    assert_eq!(
        (area["total"].clone(), area["qualified"].clone()),
        (68.0.into(), false.into())
    );
    let metric = &area["metrics"][0];
    assert_eq!(metric["next"]["next"], "meet-gate");
    assert!(
        metric["next_text"]
            .as_str()
            .unwrap()
            .starts_with("1 more person with Azure Administrator Associate meet step 1"),
        "{metric}"
    );
    assert_eq!(metric["people"][0]["email"], "alan@contoso.com");
    assert_eq!(metric["people"][0]["standing"], "counts");

    let out = as_(
        &db,
        "grace@contoso.com",
        &["--format", "csv", "report", "designations"],
    )
    .assert()
    .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("mpn_id,area,size,level,name,email,mcid,certification,standing,date,step")
    );
    assert!(
        csv.contains(
            "1234567,azure-infrastructure,enterprise,intermediate,Alan Turing,alan@contoso.com,10000001,azure-administrator-associate,counts,,1"
        ),
        "{csv}"
    );

    let out = as_(&db, "ada@contoso.com", &["report", "designations"])
        .assert()
        .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        table.contains("Azure Infrastructure: 68 of 100, not qualified (Enterprise; definitions 2026-05 Microsoft Learn)"),
        "{table}"
    );
    let out = as_(
        &db,
        "ada@contoso.com",
        &["--lang", "zh-CN", "report", "designations"],
    )
    .assert()
    .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        table.contains("Azure Infrastructure：68 / 100 分，不符合认定条件"),
        "{table}"
    );
    assert!(
        table.contains("再有 1 人持有 Azure Administrator Associate 即满足步骤 1"),
        "{table}"
    );

    // Not the organization's admin: refused with the rule, nothing printed.
    let out = as_(
        &db,
        "alan@contoso.com",
        &["--format", "json", "report", "designations"],
    )
    .assert()
    .failure();
    let refusal = json(&out);
    assert_eq!(refusal["error"]["code"], "not_permitted");
    assert_eq!(refusal["error"]["rule"], "R11");
}

#[test]
fn the_operator_defines_sizes_and_imports_metrics_and_a_bad_file_changes_nothing() {
    let (dir, db) = demo();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/designations.toml");
    let out = operator(
        &db,
        &[
            "admin",
            "designation",
            "define",
            "--file",
            example.to_str().unwrap(),
        ],
    )
    .assert()
    .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.starts_with("6 solution areas defined (2026-05 Microsoft Learn)"),
        "{said}"
    );

    // Contoso as SMB: Alan's Azure Administrator Associate meets step 1 for
    // 4 points: 38 + 30 + 4 = 72, qualified.
    operator(
        &db,
        &[
            "admin",
            "designation",
            "size",
            "--mpn-id",
            "1234567",
            "--size",
            "smb",
        ],
    )
    .assert()
    .success();
    let report = |db: &Path| {
        json(
            &as_(
                db,
                "ada@contoso.com",
                &["--format", "json", "report", "designations"],
            )
            .assert()
            .success(),
        )
    };
    let area = infra(&report(&db));
    assert_eq!(
        (area["total"].clone(), area["qualified"].clone()),
        (72.0.into(), true.into())
    );
    operator(
        &db,
        &[
            "admin",
            "designation",
            "size",
            "--mpn-id",
            "1234567",
            "--size",
            "huge",
        ],
    )
    .assert()
    .code(2);

    let metrics = dir.path().join("metrics.jsonl");
    std::fs::write(
        &metrics,
        concat!(
            r#"{"mpn_id": "1234567", "area": "azure-infrastructure", "performance": 10, "customer_success": 10, "as_of": "2026-11-01"}"#,
            "\n",
            r#"{"mpn_id": "1234567", "area": "no-such-area", "performance": 10, "customer_success": 10, "as_of": "2026-11-01"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = operator(
        &db,
        &[
            "admin",
            "designation",
            "metrics",
            "--file",
            metrics.to_str().unwrap(),
        ],
    )
    .assert()
    .code(2);
    let said = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("line 2: no solution area no-such-area"),
        "{said}"
    );
    assert_eq!(infra(&report(&db))["total"], 72.0, "nothing imported");

    std::fs::write(
        &metrics,
        r#"{"mpn_id": "1234567", "area": "azure-infrastructure", "performance": 10, "customer_success": 10, "as_of": "2026-11-01"}"#,
    )
    .unwrap();
    operator(
        &db,
        &[
            "admin",
            "designation",
            "metrics",
            "--file",
            metrics.to_str().unwrap(),
        ],
    )
    .assert()
    .success();
    let area = infra(&report(&db));
    assert_eq!(
        (area["total"].clone(), area["qualified"].clone()),
        (24.0.into(), false.into())
    );
    assert_eq!(area["metrics_as_of"], "2026-11-01");
}
