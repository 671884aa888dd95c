//! `docker run` lines inside a Dockerfile's shell-form `RUN` are checked by the DR rules, at
//! their place in the Dockerfile (continuation lines included); exec-form `RUN`s are not shell.

use std::sync::Arc;

use palisade_rules::{Settings, scan_dockerfile};

#[test]
fn run_lines_in_dockerfiles() {
    let text = "FROM docker:27\nRUN apk add curl \\\n && docker run -d --privileged \\\n      -v /var/run/docker.sock:/var/run/docker.sock alpine:3.20 true\nRUN [\"docker\", \"run\", \"--privileged\", \"alpine\"]\n";
    let scan = scan_dockerfile(&Arc::from("Dockerfile"), text, &Settings::default());
    let at = |code: &str| -> Vec<(u32, u32)> {
        scan.findings
            .iter()
            .filter(|f| f.rule == code)
            .map(|f| (f.location.line, f.location.column))
            .collect()
    };
    assert_eq!(at("DR001"), [(3, 19)], "{:?}", scan.findings);
    assert_eq!(at("DR007"), [(4, 10)]);
}
