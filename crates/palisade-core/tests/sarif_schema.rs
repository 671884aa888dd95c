//! The SARIF output validates against the official SARIF 2.1.0 schema (draft-04), offline: the
//! schema comes from the shared corpora and any remote `$ref` is refused rather than fetched.

mod common;

use palisade_core::Lang;
use palisade_core::render::{Format, RenderOptions, render};
use serde_json::Value;

/// Refuses every retrieval: the SARIF schema's references are all local, and a test must not
/// reach the network.
struct Offline;

impl jsonschema::Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!("offline: refusing to fetch {uri}").into())
    }
}

fn validator() -> Option<jsonschema::Validator> {
    let path = palisade_core::corpora::dir()?.join("schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    Some(
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .with_retriever(Offline)
            .build(&schema)
            .unwrap(),
    )
}

fn sarif(lang: Lang) -> Value {
    let options = RenderOptions {
        tool_version: "0.1.0",
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    render(&common::report(lang), Format::Sarif, &options, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let Some(validator) = validator() else { return };
    for lang in [Lang::En, Lang::Zh] {
        assert_valid(&validator, &sarif(lang));
    }
    let mut clean = Vec::new();
    render(
        &common::clean(Lang::En),
        Format::Sarif,
        &RenderOptions::default(),
        &mut clean,
    )
    .unwrap();
    assert_valid(&validator, &serde_json::from_slice(&clean).unwrap());
}

/// The validation is real: documents that break the schema in different ways are rejected.
#[test]
fn the_schema_rejects_broken_sarif() {
    let Some(validator) = validator() else { return };
    let good = sarif(Lang::En);
    assert!(validator.is_valid(&good));

    let mut wrong_version = good.clone();
    wrong_version["version"] = "2.0.0".into();
    let mut bad_level = good.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    let mut line_zero = good.clone();
    line_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    let mut unknown_key = good.clone();
    unknown_key["runs"][0]["tool"]["driver"]["colour"] = "red".into();
    let mut bad_uri = good;
    bad_uri["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    for (what, doc) in [
        ("version", wrong_version),
        ("level", bad_level),
        ("startLine", line_zero),
        ("unknown key", unknown_key),
        ("uri format", bad_uri),
    ] {
        assert!(
            !validator.is_valid(&doc),
            "a SARIF document with a bad {what} validated"
        );
    }
}
