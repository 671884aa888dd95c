//! The SBOM as a table for terminals: what was read, then the packages grouped by kind, each
//! with its version, source package and where it was found.

use std::io;

use palisade_core::{Lang, Package, PackageKind};

use super::{SbomOptions, Subject};
use crate::Inventory;

pub(super) fn write(inventory: &Inventory, options: &SbomOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let lang = options.lang;
    let subject = Subject::of(inventory);
    let (l_target, l_os, l_none, l_count) = match lang {
        Lang::En => ("Target", "OS", "no packages found", "packages"),
        Lang::Zh => ("扫描对象", "操作系统", "未发现软件包", "个软件包"),
    };
    write!(out, "{l_target}: {}", inventory.target)?;
    if let Some(digest) = &subject.version {
        write!(out, " ({digest})")?;
    }
    writeln!(out)?;
    if let Some(d) = &inventory.distro {
        let name = d
            .pretty_name
            .clone()
            .unwrap_or_else(|| format!("{} {}", d.id, d.version_id.as_deref().unwrap_or_default()));
        writeln!(out, "{l_os}: {}", name.trim())?;
    }
    let packages = super::sorted(inventory);
    if packages.is_empty() {
        writeln!(out, "\n{l_none}")?;
        return Ok(());
    }
    let headers: [&str; 4] = match lang {
        Lang::En => ["NAME", "VERSION", "SOURCE", "PATH"],
        Lang::Zh => ["名称", "版本", "源码包", "路径"],
    };
    let mut start = 0;
    while start < packages.len() {
        let kind = packages[start].kind;
        let end = start + packages[start..].iter().take_while(|p| p.kind == kind).count();
        let group = &packages[start..end];
        writeln!(out, "\n{} ({} {l_count})", heading(kind), group.len())?;
        let rows: Vec<[String; 4]> = group.iter().map(|p| row(p)).collect();
        let mut widths = headers.map(width);
        for r in &rows {
            for (w, cell) in widths.iter_mut().zip(r) {
                *w = (*w).max(width(cell));
            }
        }
        // The source column only where some package names one.
        let show_source = rows.iter().any(|r| !r[2].is_empty());
        let line = |cells: [&str; 4], out: &mut dyn io::Write| -> io::Result<()> {
            let mut text = String::from(" ");
            for (i, cell) in cells.iter().enumerate() {
                if i == 2 && !show_source {
                    continue;
                }
                text.push(' ');
                text.push_str(cell);
                if i < 3 {
                    text.push_str(&" ".repeat(widths[i] - width(cell) + 1));
                }
            }
            writeln!(out, "{}", text.trim_end())
        };
        line(headers, out)?;
        for r in &rows {
            line([&r[0], &r[1], &r[2], &r[3]], out)?;
        }
        start = end;
    }
    Ok(())
}

fn heading(kind: PackageKind) -> &'static str {
    match kind {
        PackageKind::Deb => "deb (dpkg)",
        PackageKind::Apk => "apk",
        PackageKind::Rpm => "rpm",
        PackageKind::Cargo => "cargo (Rust)",
        PackageKind::Go => "go",
        PackageKind::Npm => "npm",
        PackageKind::Python => "python",
        PackageKind::Maven => "maven (Java)",
        PackageKind::Gem => "gem (Ruby)",
        PackageKind::Composer => "composer (PHP)",
        PackageKind::NuGet => "nuget (.NET)",
    }
}

fn row(p: &Package) -> [String; 4] {
    let source = p.source.as_ref().map_or(String::new(), |s| match &s.version {
        Some(v) => format!("{} ({v})", s.name),
        None => s.name.clone(),
    });
    let place = match &p.origin.layer {
        Some(layer) => format!("{} [{}]", p.origin.path, short_digest(layer)),
        None => p.origin.path.to_string(),
    };
    [clean(&p.name), clean(&p.version), clean(&source), clean(&place)]
}

/// `sha256:0123456789ab…` → `0123456789ab`.
fn short_digest(digest: &str) -> &str {
    let hex = digest.split_once(':').map_or(digest, |(_, h)| h);
    &hex[..hex.len().min(12)]
}

/// Control characters in names from hostile images would move the cursor: shown escaped.
fn clean(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// Columns a text takes on a terminal: wide (CJK) characters take two.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let c = u32::from(c);
            if (0x1100..=0x115f).contains(&c)
                || (0x2e80..=0xa4cf).contains(&c)
                || (0xac00..=0xd7a3).contains(&c)
                || (0xf900..=0xfaff).contains(&c)
                || (0xfe30..=0xfe4f).contains(&c)
                || (0xff00..=0xff60).contains(&c)
                || (0xffe0..=0xffe6).contains(&c)
            {
                2
            } else {
                1
            }
        })
        .sum()
}
