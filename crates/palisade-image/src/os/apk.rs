//! Alpine and Wolfi packages: apk's database `/lib/apk/db/installed`, stanzas of `X:value`
//! lines separated by blank lines, read as a stream one line at a time. Kept: `P` name, `V`
//! version, `A` architecture, `o` origin (the source package, `aports` directory name) and `L`
//! licence (an SPDX expression on current Alpine, kept as written).

use std::io::BufReader;

use palisade_core::{Origin, Package, PackageKind, SourcePackage};

use super::lines::Lines;
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct Apk;

impl Cataloger for Apk {
    fn name(&self) -> &'static str {
        "apk"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        path == "/lib/apk/db/installed"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let origin = file.origin().clone();
        let mut lines = Lines::new(BufReader::with_capacity(64 * 1024, file.reader()));
        let mut stanza = Stanza::default();
        while let Some(line) = lines.next_line().map_err(CatalogError::Io)? {
            if line.iter().all(u8::is_ascii_whitespace) {
                stanza.finish(&origin, out);
                continue;
            }
            if line.len() < 2 || line[1] != b':' {
                continue;
            }
            let value = || Some(String::from_utf8_lossy(&line[2..]).trim().to_owned());
            match line[0] {
                b'P' => stanza.name = value(),
                b'V' => stanza.version = value(),
                b'A' => stanza.arch = value(),
                b'o' => stanza.origin = value(),
                b'L' => stanza.license = value(),
                _ => {}
            }
        }
        stanza.finish(&origin, out);
        Ok(())
    }
}

#[derive(Default)]
struct Stanza {
    name: Option<String>,
    version: Option<String>,
    arch: Option<String>,
    origin: Option<String>,
    license: Option<String>,
}

impl Stanza {
    fn finish(&mut self, origin: &Origin, out: &mut Vec<Found>) {
        let stanza = std::mem::take(self);
        let (Some(name), Some(version)) = (stanza.name, stanza.version) else {
            return;
        };
        if name.is_empty() || version.is_empty() {
            return;
        }
        out.push(Found::Package(Package {
            name,
            version,
            kind: PackageKind::Apk,
            arch: stanza.arch.filter(|a| !a.is_empty()),
            source: stanza
                .origin
                .filter(|o| !o.is_empty())
                .map(|name| SourcePackage { name, version: None }),
            licenses: stanza.license.filter(|l| !l.is_empty()).into_iter().collect(),
            origin: origin.clone(),
            cataloger: "apk",
        }));
    }
}
