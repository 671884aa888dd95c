//! The SBOM writers over inventories with every package kind, odd names and licences: every
//! document validates against its official schema (from the shared corpora), and says what the
//! inventory holds.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use palisade_core::{Distro, Lang, Origin, Package, PackageKind, SourcePackage};
use serde_json::Value;

use super::*;
use crate::{History, ImageConfig, ImageInfo, Layer};

const LAYER0: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
const LAYER1: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
const MANIFEST: &str = "sha256:abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd";

fn package(
    kind: PackageKind,
    name: &str,
    version: &str,
    licenses: &[&str],
    layer: Option<&str>,
    path: &str,
) -> Package {
    Package {
        name: name.into(),
        version: version.into(),
        kind,
        arch: None,
        source: None,
        licenses: licenses.iter().map(|l| (*l).to_owned()).collect(),
        origin: Origin {
            layer: layer.map(Arc::from),
            path: Arc::from(path),
        },
        cataloger: "test",
    }
}

/// Every kind, with licences by id, by expression, by name, mixed, empty and repeated; names
/// with scopes, spaces, Unicode, control characters and URL syntax; a package found twice.
pub(crate) fn every_kind() -> Vec<Package> {
    let status = "/var/lib/dpkg/status";
    let mut libc = package(
        PackageKind::Deb,
        "libc6",
        "2.36-9+deb12u4",
        &["LGPL-2.1", "GPL-2.0-or-later"],
        Some(LAYER0),
        status,
    );
    libc.arch = Some("amd64".into());
    libc.source = Some(SourcePackage {
        name: "glibc".into(),
        version: None,
    });
    let mut passwd = package(
        PackageKind::Deb,
        "passwd",
        "1:4.13+dfsg1-1",
        &["GPL-2.0+", "BSD-3-clause", "public-domain"],
        Some(LAYER0),
        status,
    );
    passwd.arch = Some("amd64".into());
    passwd.source = Some(SourcePackage {
        name: "shadow".into(),
        version: Some("1:4.13+dfsg1-1+b1".into()),
    });
    let mut musl = package(
        PackageKind::Apk,
        "musl",
        "1.2.5-r0",
        &["MIT"],
        Some(LAYER0),
        "/lib/apk/db/installed",
    );
    musl.arch = Some("x86_64".into());
    let mut bash = package(
        PackageKind::Rpm,
        "bash",
        "2:5.1.8-9.el9",
        &["GPLv3+"],
        Some(LAYER0),
        "/var/lib/rpm/rpmdb.sqlite",
    );
    bash.arch = Some("x86_64".into());
    let app = Some(LAYER1);
    vec![
        bash,
        passwd,
        libc,
        musl,
        package(
            PackageKind::Cargo,
            "serde",
            "1.0.200",
            &["MIT OR Apache-2.0"],
            app,
            "/app/Cargo.lock",
        ),
        package(
            PackageKind::Cargo,
            "serde",
            "1.0.200",
            &["MIT OR Apache-2.0"],
            app,
            "/usr/local/bin/tool",
        ),
        package(
            PackageKind::Go,
            "github.com/sirupsen/logrus",
            "v1.9.3",
            &[],
            app,
            "/usr/local/bin/tool",
        ),
        package(
            PackageKind::Go,
            "stdlib",
            "go1.22.1",
            &["BSD-3-Clause"],
            app,
            "/usr/local/bin/tool",
        ),
        package(
            PackageKind::Npm,
            "@babel/core",
            "7.24.0",
            &["MIT", "MIT"],
            app,
            "/app/package-lock.json",
        ),
        package(
            PackageKind::Npm,
            "weird name?&=#",
            "1.0.0 beta",
            &["(MIT AND BSD-2-Clause)", "SEE LICENSE IN LICENSE.md"],
            app,
            "/app/package-lock.json",
        ),
        package(
            PackageKind::Python,
            "Typing_Extensions",
            "4.12.2",
            &["PSF-2.0"],
            app,
            "/usr/lib/python3/dist-packages/typing_extensions-4.12.2.dist-info/METADATA",
        ),
        package(
            PackageKind::Python,
            "中文包",
            "1.0",
            &["自由软件许可"],
            app,
            "/srv/requirements.txt",
        ),
        package(
            PackageKind::Maven,
            "org.apache.logging.log4j:log4j-core",
            "2.14.1",
            &["Apache-2.0"],
            app,
            "/app/a.war!/WEB-INF/lib/log4j-core-2.14.1.jar",
        ),
        package(
            PackageKind::Maven,
            "nogroup",
            "",
            &["Apache License, Version 2.0"],
            app,
            "/app/lib/nogroup.jar",
        ),
        package(
            PackageKind::Gem,
            "rails",
            "7.1.3",
            &["MIT", "GPL-2.0-only WITH Classpath-exception-2.0"],
            app,
            "/app/Gemfile.lock",
        ),
        package(
            PackageKind::Composer,
            "Monolog/Monolog",
            "3.5.0",
            &["MIT"],
            app,
            "/app/composer.lock",
        ),
        package(
            PackageKind::NuGet,
            "Newtonsoft.Json",
            "13.0.3",
            &["MIT", "Custom\u{1b}[31m licence"],
            app,
            "/app/app.deps.json",
        ),
        package(
            PackageKind::Npm,
            "left-pad",
            "1.3.0",
            &["WTFPL", "   "],
            None,
            "/app/node_modules/left-pad/package.json",
        ),
    ]
}

pub(crate) fn image_inventory() -> Inventory {
    Inventory {
        target: "registry:127.0.0.1:5000/team/debian-test:1".into(),
        image: Some(ImageInfo {
            reference: Some("127.0.0.1:5000/team/debian-test:1".into()),
            manifest_digest: MANIFEST.into(),
            config_digest: "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc".into(),
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
            config: ImageConfig {
                user: Some("app".into()),
                labels: BTreeMap::new(),
                ..ImageConfig::default()
            },
            history: vec![History::default()],
            layers: vec![
                Layer {
                    digest: LAYER0.into(),
                    diff_id: "sha256:3333333333333333333333333333333333333333333333333333333333333333".into(),
                    media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
                    size: 10,
                },
                Layer {
                    digest: LAYER1.into(),
                    diff_id: String::new(),
                    media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
                    size: 20,
                },
            ],
        }),
        distro: Some(Distro {
            id: "debian".into(),
            version_id: Some("12".into()),
            codename: Some("bookworm".into()),
            pretty_name: Some("Debian GNU/Linux 12 (bookworm)".into()),
            id_like: vec![],
        }),
        packages: every_kind(),
        ..Inventory::default()
    }
}

fn folder_inventory() -> Inventory {
    Inventory {
        target: "dir:/home/me/my project".into(),
        packages: every_kind()
            .into_iter()
            .filter(|p| !p.kind.is_os())
            .map(|mut p| {
                p.origin.layer = None;
                p
            })
            .collect(),
        ..Inventory::default()
    }
}

fn empty_inventory() -> Inventory {
    Inventory {
        target: "rootfs:/".into(),
        ..Inventory::default()
    }
}

pub(crate) fn fixed_options() -> SbomOptions {
    SbomOptions {
        tool_version: "0.1.0".into(),
        timestamp: time::macros::datetime!(2025-03-04 05:06:07.891 UTC),
        uuid: [
            0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x4d, 0xef, 0x80, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
        ],
        lang: Lang::En,
    }
}

fn render(inventory: &Inventory, format: SbomFormat) -> Vec<u8> {
    let mut out = Vec::new();
    write_sbom(inventory, format, &fixed_options(), &mut out).unwrap();
    out
}

fn json_of(inventory: &Inventory, format: SbomFormat) -> Value {
    serde_json::from_slice(&render(inventory, format)).unwrap()
}

/// Serves the schemas' `$ref`s from the folder of the schema being validated, by file name;
/// refuses anything else, so no test reaches the network.
struct Local(std::path::PathBuf);

impl jsonschema::Retrieve for Local {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let path = self.0.join(&name);
        if name.is_empty() || !path.is_file() {
            return Err(format!("offline: refusing to fetch {uri}").into());
        }
        Ok(serde_json::from_slice(&std::fs::read(path)?)?)
    }
}

pub(crate) fn validator(relative: &str) -> Option<jsonschema::Validator> {
    let path = palisade_core::corpora::dir()?.join("schemas").join(relative);
    let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .with_retriever(Local(folder))
            .build(&schema)
            .unwrap(),
    )
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}",
        errors.join("\n")
    );
}

fn inventories() -> [(&'static str, Inventory); 3] {
    [
        ("image", image_inventory()),
        ("folder", folder_inventory()),
        ("empty", empty_inventory()),
    ]
}

#[test]
fn cyclonedx_validates_against_the_1_6_schema() {
    let Some(v) = validator("cyclonedx-1.6/bom-1.6.schema.json") else {
        return;
    };
    for (what, inventory) in inventories() {
        assert_valid(&v, &json_of(&inventory, SbomFormat::CycloneDxJson), what);
    }
}

#[test]
fn spdx_validates_against_both_2_3_schemas() {
    for schema in [
        "spdx-2.3/spdx-schema.json",
        "spdx-2.3/spdx-schema-support-2.3.1.json",
    ] {
        let Some(v) = validator(schema) else { return };
        for (what, inventory) in inventories() {
            assert_valid(
                &v,
                &json_of(&inventory, SbomFormat::SpdxJson),
                &format!("{what} ({schema})"),
            );
        }
    }
}

/// The validation is real: documents broken in ways a writer could break them are refused.
#[test]
fn the_schemas_refuse_broken_documents() {
    let (Some(cdx), Some(spdx)) = (
        validator("cyclonedx-1.6/bom-1.6.schema.json"),
        validator("spdx-2.3/spdx-schema-support-2.3.1.json"),
    ) else {
        return;
    };
    let good = json_of(&image_inventory(), SbomFormat::CycloneDxJson);
    assert!(cdx.is_valid(&good));
    let mut unknown_id = good.clone();
    unknown_id["components"][0]["licenses"] = serde_json::json!([{"license": {"id": "NOT-A-LICENCE"}}]);
    let mut mixed = good.clone();
    mixed["components"][0]["licenses"] =
        serde_json::json!([{"license": {"id": "MIT"}}, {"expression": "MIT OR Apache-2.0"}]);
    let mut bad_type = good.clone();
    bad_type["components"][0]["type"] = "os".into();
    let mut bad_serial = good.clone();
    bad_serial["serialNumber"] = "urn:uuid:not-a-uuid".into();
    let mut bad_time = good;
    bad_time["metadata"]["timestamp"] = "yesterday".into();
    for (what, doc) in [
        ("licence id", unknown_id),
        ("licence mix", mixed),
        ("type", bad_type),
        ("serial", bad_serial),
        ("timestamp", bad_time),
    ] {
        assert!(
            !cdx.is_valid(&doc),
            "a CycloneDX document with a bad {what} validated"
        );
    }
    let good = json_of(&image_inventory(), SbomFormat::SpdxJson);
    assert!(spdx.is_valid(&good));
    let mut no_namespace = good.clone();
    no_namespace.as_object_mut().unwrap().remove("documentNamespace");
    let mut bad_category = good.clone();
    bad_category["packages"][1]["externalRefs"] =
        serde_json::json!([{"referenceCategory": "NPM", "referenceType": "purl", "referenceLocator": "x"}]);
    let mut bad_relation = good;
    bad_relation["relationships"][0]["relationshipType"] = "HAS".into();
    for (what, doc) in [
        ("namespace", no_namespace),
        ("reference category", bad_category),
        ("relationship", bad_relation),
    ] {
        assert!(
            !spdx.is_valid(&doc),
            "an SPDX document with a bad {what} validated"
        );
    }
}

#[test]
fn cyclonedx_says_what_the_inventory_holds() {
    let doc = json_of(&image_inventory(), SbomFormat::CycloneDxJson);
    let root = &doc["metadata"]["component"];
    assert_eq!(root["type"], "container");
    assert_eq!(root["version"], MANIFEST);
    assert_eq!(
        root["purl"],
        format!(
            "pkg:oci/debian-test@{MANIFEST}?arch=amd64&repository_url=127.0.0.1:5000%2Fteam%2Fdebian-test&tag=1"
        )
    );
    assert_eq!(root["bom-ref"], root["purl"]);
    assert_eq!(
        doc["serialNumber"],
        "urn:uuid:12345678-9abc-4def-8011-223344556677"
    );
    assert_eq!(doc["metadata"]["timestamp"], "2025-03-04T05:06:07Z");
    assert_eq!(doc["metadata"]["tools"]["components"][0]["name"], "palisade");
    let components = doc["components"].as_array().unwrap();
    assert_eq!(components.len(), every_kind().len() + 1);
    assert_eq!(components[0]["type"], "operating-system");
    assert_eq!(components[0]["name"], "debian");
    assert_eq!(components[0]["version"], "12");
    // OS packages first, sorted by kind then name.
    let names: Vec<&str> = components[1..5]
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["libc6", "passwd", "musl", "bash"]);
    let libc = &components[1];
    assert_eq!(
        libc["purl"],
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc"
    );
    assert_eq!(
        libc["licenses"],
        serde_json::json!([{"license": {"id": "LGPL-2.1"}}, {"license": {"id": "GPL-2.0-or-later"}}])
    );
    assert_eq!(
        libc["evidence"]["occurrences"][0]["location"],
        "/var/lib/dpkg/status"
    );
    let prop = |c: &Value, name: &str| -> Option<String> {
        c["properties"]
            .as_array()?
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["value"].as_str().unwrap().to_owned())
    };
    assert_eq!(prop(libc, "palisade:location:layer").as_deref(), Some(LAYER0));
    assert_eq!(
        prop(libc, "palisade:location:diff-id").as_deref(),
        Some("sha256:3333333333333333333333333333333333333333333333333333333333333333")
    );
    assert_eq!(
        prop(libc, "palisade:package:source-name").as_deref(),
        Some("glibc")
    );
    let by_name = |name: &str| {
        components
            .iter()
            .filter(|c| c["name"] == name)
            .collect::<Vec<_>>()
    };
    // A non-SPDX name next to SPDX ids keeps every licence, the expression by name.
    assert_eq!(
        by_name("passwd")[0]["licenses"],
        serde_json::json!([{"license": {"id": "GPL-2.0+"}}, {"license": {"name": "BSD-3-clause"}}, {"license": {"name": "public-domain"}}])
    );
    assert_eq!(
        by_name("serde")[0]["licenses"],
        serde_json::json!([{"expression": "MIT OR Apache-2.0"}])
    );
    assert_eq!(
        by_name("rails")[0]["licenses"],
        serde_json::json!([{"expression": "MIT AND (GPL-2.0-only WITH Classpath-exception-2.0)"}])
    );
    assert_eq!(
        by_name("@babel/core")[0]["licenses"],
        serde_json::json!([{"license": {"id": "MIT"}}])
    );
    assert!(
        by_name("logrus").is_empty() && by_name("github.com/sirupsen/logrus")[0].get("licenses").is_none()
    );
    let log4j = by_name("log4j-core")[0];
    assert_eq!(log4j["group"], "org.apache.logging.log4j");
    assert_eq!(
        log4j["purl"],
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
    );
    // A package found at two places is two components with distinct refs.
    let serde = by_name("serde");
    assert_eq!(serde.len(), 2);
    assert_ne!(serde[0]["bom-ref"], serde[1]["bom-ref"]);
    // The tree: the image holds the OS and the language packages; the OS its packages.
    let deps = doc["dependencies"].as_array().unwrap();
    assert_eq!(deps[0]["ref"], root["bom-ref"]);
    assert_eq!(
        deps[0]["dependsOn"].as_array().unwrap().len(),
        every_kind().len() - 4 + 1
    );
    assert_eq!(deps[1]["ref"], "os:debian@12");
    assert_eq!(deps[1]["dependsOn"].as_array().unwrap().len(), 4);
}

#[test]
fn spdx_says_what_the_inventory_holds() {
    let doc = json_of(&image_inventory(), SbomFormat::SpdxJson);
    assert_eq!(
        doc["documentNamespace"],
        "https://palisade.dev/spdxdocs/127.0.0.1-5000-team-debian-test-1-12345678-9abc-4def-8011-223344556677"
    );
    assert_eq!(doc["creationInfo"]["created"], "2025-03-04T05:06:07Z");
    let packages = doc["packages"].as_array().unwrap();
    assert_eq!(packages.len(), every_kind().len() + 2);
    assert_eq!(packages[0]["primaryPackagePurpose"], "CONTAINER");
    assert_eq!(packages[0]["versionInfo"], MANIFEST);
    assert_eq!(packages[1]["primaryPackagePurpose"], "OPERATING_SYSTEM");
    let find = |name: &str| packages.iter().find(|p| p["name"] == name).unwrap();
    let libc = find("libc6");
    assert_eq!(libc["licenseDeclared"], "LGPL-2.1 AND GPL-2.0-or-later");
    assert_eq!(
        libc["externalRefs"][0]["referenceLocator"],
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc"
    );
    assert_eq!(
        libc["sourceInfo"],
        format!("found by the test cataloger in layer {LAYER0} at /var/lib/dpkg/status")
    );
    assert_eq!(
        find("github.com/sirupsen/logrus")["licenseDeclared"],
        "NOASSERTION"
    );
    let passwd = find("passwd")["licenseDeclared"].as_str().unwrap().to_owned();
    assert!(
        passwd.starts_with("GPL-2.0+ AND LicenseRef-BSD-3-clause-"),
        "{passwd}"
    );
    // Every LicenseRef used is explained, and the whole is a valid SPDX expression.
    let extracted: Vec<&str> = doc["hasExtractedLicensingInfos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["licenseId"].as_str().unwrap())
        .collect();
    for p in packages {
        let declared = p["licenseDeclared"].as_str().unwrap();
        if declared != "NOASSERTION" {
            assert!(
                ::spdx::Expression::parse_mode(declared, super::license::MODE).is_ok(),
                "{declared}"
            );
        }
        for word in declared
            .split([' ', '(', ')'])
            .filter(|w| w.starts_with("LicenseRef-"))
        {
            assert!(
                extracted.contains(&word),
                "{word} is not in hasExtractedLicensingInfos"
            );
        }
    }
    let ids: std::collections::HashSet<&str> =
        packages.iter().map(|p| p["SPDXID"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), packages.len(), "SPDXIDs are unique");
    let rels = doc["relationships"].as_array().unwrap();
    assert_eq!(rels[0]["relationshipType"], "DESCRIBES");
    assert_eq!(
        rels.iter()
            .filter(|r| r["relationshipType"] == "CONTAINS")
            .count(),
        packages.len() - 1
    );
}

#[test]
fn documents_are_deterministic_and_runs_are_unique() {
    for format in SbomFormat::ALL {
        assert_eq!(
            render(&image_inventory(), format),
            render(&image_inventory(), format)
        );
        // The order packages were found in does not matter.
        let mut reversed = image_inventory();
        reversed.packages.reverse();
        assert_eq!(
            render(&image_inventory(), format),
            render(&reversed, format),
            "{}",
            format.as_str()
        );
    }
    let a = SbomOptions::now("0.1.0", Lang::En);
    let b = SbomOptions::now("0.1.0", Lang::En);
    assert_ne!(a.uuid_string(), b.uuid_string());
    assert_eq!(&a.uuid_string()[14..15], "4");
}

#[test]
fn palisade_json_is_the_inventory_with_purls() {
    let doc = json_of(&image_inventory(), SbomFormat::Json);
    assert_eq!(doc["schema"], "palisade.sbom/v1");
    assert_eq!(doc["distro"]["id"], "debian");
    assert_eq!(doc["image"]["manifest_digest"], MANIFEST);
    let packages = doc["packages"].as_array().unwrap();
    assert_eq!(packages.len(), every_kind().len());
    assert_eq!(packages[0]["name"], "libc6");
    assert_eq!(packages[0]["kind"], "deb");
    assert_eq!(packages[0]["ecosystem"], "Debian:12");
    assert_eq!(packages[0]["origin"]["layer"], LAYER0);
    let pypi = packages
        .iter()
        .find(|p| p["name"] == "Typing_Extensions")
        .unwrap();
    assert_eq!(pypi["purl"], "pkg:pypi/typing-extensions@4.12.2");
    assert_eq!(pypi["ecosystem"], "PyPI");
}

#[test]
fn the_table_groups_by_kind_in_both_languages() {
    let text = String::from_utf8(render(&image_inventory(), SbomFormat::Table)).unwrap();
    assert!(text.starts_with(&format!("Target: registry:127.0.0.1:5000/team/debian-test:1 ({MANIFEST})\nOS: Debian GNU/Linux 12 (bookworm)\n")), "{text}");
    assert!(text.contains("\ndeb (dpkg) (2 packages)\n"), "{text}");
    assert!(text.contains("\nnpm (3 packages)\n"), "{text}");
    let deb_header = text.lines().find(|l| l.trim_start().starts_with("NAME")).unwrap();
    assert!(deb_header.contains("SOURCE"), "{deb_header}");
    assert!(text.contains("glibc"), "{text}");
    assert!(text.contains("shadow (1:4.13+dfsg1-1+b1)"));
    // An escape sequence in a licence or name never reaches the terminal raw.
    assert!(!text.contains('\u{1b}'));
    let mut options = fixed_options();
    options.lang = Lang::Zh;
    let mut zh = Vec::new();
    write_sbom(&image_inventory(), SbomFormat::Table, &options, &mut zh).unwrap();
    let zh = String::from_utf8(zh).unwrap();
    assert!(
        zh.contains("扫描对象") && zh.contains("名称") && zh.contains("个软件包"),
        "{zh}"
    );
    let empty = String::from_utf8(render(&empty_inventory(), SbomFormat::Table)).unwrap();
    assert_eq!(empty, "Target: rootfs:/\n\nno packages found\n");
}

#[test]
fn formats_parse() {
    for format in SbomFormat::ALL {
        assert_eq!(format.as_str().parse::<SbomFormat>(), Ok(format));
    }
    assert!(
        "xml"
            .parse::<SbomFormat>()
            .unwrap_err()
            .contains("cyclonedx-json")
    );
}
