//! The `gazette` program: JSON Lines in order with error lines, invalid UTF-8,
//! offsets in characters, exit codes.

#[path = "support/cli.rs"]
mod cli;

use cli::gazette;
use std::process::Output;

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn jsonl_keeps_one_line_per_input_line_in_order() {
    let mut input = Vec::new();
    let mut expected_errors = 0;
    for i in 0..10_000 {
        match i % 97 {
            13 => {
                input.extend_from_slice(b"{not json\n");
                expected_errors += 1;
            }
            29 => {
                input.extend_from_slice(format!("{{\"id\": {i}, \"body\": \"no text\"}}\n").as_bytes());
                expected_errors += 1;
            }
            41 => {
                input.extend_from_slice(b"\xff\xfe broken bytes\n");
                expected_errors += 1;
            }
            _ => input.extend_from_slice(
                format!("{{\"id\": {i}, \"text\": \"Talks between Kenya and Brazil, line {i}.\"}}\n")
                    .as_bytes(),
            ),
        }
    }
    let out = gazette(&["extract", "--jsonl"], &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = lines(&out);
    assert_eq!(records.len(), 10_000);
    let mut errors = 0;
    for (i, r) in records.iter().enumerate() {
        if r.get("error").is_some() {
            errors += 1;
            match i % 97 {
                29 => assert_eq!(r["id"], i),
                13 | 41 => assert!(r["id"].is_null()),
                _ => panic!("unexpected error on line {i}: {r}"),
            }
        } else {
            assert_eq!(r["id"], i, "line {i} out of order");
            let names: Vec<&str> =
                r["entities"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
            assert_eq!(names, ["Kenya", "Brazil"]);
        }
    }
    assert_eq!(errors, expected_errors);
}

#[test]
fn invalid_utf8_file_is_reported_and_others_still_run() {
    let dir = std::env::temp_dir().join(format!("gazette-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    let good = dir.join("good.txt");
    std::fs::write(&bad, b"Kenya \xc3\x28 Brazil").unwrap();
    std::fs::write(&good, "Officials in Kenya met their peers from Brazil.").unwrap();
    let out = gazette(&["extract", bad.to_str().unwrap(), good.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.txt") && stderr.contains("UTF-8"), "{stderr}");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON array");
    let files = value.as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert!(files[0]["file"].as_str().unwrap().ends_with("good.txt"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn char_offsets_count_code_points() {
    let out = gazette(&["extract", "--offsets", "chars"], "Côte d’Ivoire and Ghana".as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["offsets"], "chars");
    let ghana = v["mentions"].as_array().unwrap().iter().find(|m| m["text"] == "Ghana").unwrap();
    assert_eq!((ghana["start"].as_u64(), ghana["end"].as_u64()), (Some(18), Some(23)));
}

#[test]
fn spans_format_is_the_evaluation_format() {
    let input = "{\"id\": \"a\", \"text\": \"Nigerians in Nigeria\"}\n";
    let out = gazette(&["extract", "--jsonl", "--format", "spans", "--offsets", "chars"], input.as_bytes());
    let records = lines(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "a");
    // The demonym is not an entity span; the country is.
    assert_eq!(records[0]["entities"], serde_json::json!([{"start": 13, "end": 20, "kind": "country"}]));
    assert!(records[0]["quotes"].is_array());
}

#[test]
fn a_bad_user_list_is_a_usage_error_naming_file_and_line() {
    let dir = std::env::temp_dir().join(format!("gazette-list-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("mine.tsv");
    std::fs::write(&list, "# mine\nAcme\torganization\nBroken line without kind\n").unwrap();
    let out = gazette(&["extract", "--list", list.to_str().unwrap()], b"Acme");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mine.tsv:3"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn empty_input_gives_an_empty_analysis() {
    let out = gazette(&["extract"], b"");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["entities"], serde_json::json!([]));
    let out = gazette(&["extract", "--jsonl"], b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}
