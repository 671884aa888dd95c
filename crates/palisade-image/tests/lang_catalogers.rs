//! The Python, Java, Ruby and PHP catalogers over `tests/fixtures/lang/rootfs`, a root file
//! system of installed metadata, lockfiles and real jars (built by `fixtures/lang/java/build.sh`
//! with the JDK's `jar`): exactly what each finds, where, and what a project folder gets.

use std::path::{Path, PathBuf};

use palisade_core::{Package, PackageKind};
use palisade_image::{Found, catalog_tree, catalogers};

fn rootfs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lang/rootfs")
}

fn packages(project: bool) -> Vec<Package> {
    let tree = catalog_tree(&rootfs(), project, &catalogers());
    assert!(tree.diagnostics.is_empty(), "{:#?}", tree.diagnostics);
    let mut out: Vec<Package> = tree
        .found
        .into_iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some(p),
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| (&a.origin.path, &a.name, &a.version).cmp(&(&b.origin.path, &b.name, &b.version)));
    out
}

fn rows(packages: &[Package]) -> Vec<String> {
    packages
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {}{}",
                p.origin.path,
                p.cataloger,
                p.name,
                p.version,
                if p.licenses.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", p.licenses.join(", "))
                }
            )
        })
        .collect()
}

#[test]
fn every_package_of_the_root_filesystem() {
    let found = packages(false);
    let expected = [
        "/opt/app/boot-app-0.9.0.jar java-archive org.example:boot-app 0.9.0",
        "/opt/app/boot-app-0.9.0.jar!/BOOT-INF/lib/bundle-thing.jar java-archive org.example.osgi:bundle-thing 3.2.0",
        "/opt/app/lib/bundle-thing.jar java-archive org.example.osgi:bundle-thing 3.2.0",
        "/opt/app/lib/commons-demo-1.4.2.jar java-archive org.example.commons:commons-demo 1.4.2",
        "/opt/app/lib/plain-util-2.0.1.jar java-archive org.example.util:plain-util 2.0.1",
        "/opt/app/lib/shaded-app-1.0.0.jar java-archive com.google.guava:guava 32.1.2-jre",
        "/opt/app/lib/shaded-app-1.0.0.jar java-archive org.example:shaded-app 1.0.0",
        "/opt/app/lib/shaded-app-1.0.0.jar java-archive org.slf4j:slf4j-api 2.0.9",
        "/opt/app/platform.ear java-archive platform 5.1",
        "/opt/app/platform.ear!/shop.war java-archive org.example:shop 2.3.0",
        "/opt/app/platform.ear!/shop.war!/WEB-INF/lib/commons-demo-1.4.2.jar java-archive org.example.commons:commons-demo 1.4.2",
        "/opt/app/platform.ear!/shop.war!/WEB-INF/lib/plain-util-2.0.1.jar java-archive org.example.util:plain-util 2.0.1",
        "/opt/app/shop.war java-archive org.example:shop 2.3.0",
        "/opt/app/shop.war!/WEB-INF/lib/commons-demo-1.4.2.jar java-archive org.example.commons:commons-demo 1.4.2",
        "/opt/app/shop.war!/WEB-INF/lib/plain-util-2.0.1.jar java-archive org.example.util:plain-util 2.0.1",
        "/srv/api/requirements-base.txt python-requirements Flask 3.0.2",
        "/srv/api/requirements-base.txt python-requirements Werkzeug 3.0.1",
        "/srv/api/requirements.txt python-requirements PyYAML 6.0.1",
        "/srv/api/requirements.txt python-requirements certifi 2024.2.2",
        "/srv/api/requirements.txt python-requirements charset-normalizer 3.3.2",
        "/srv/api/requirements.txt python-requirements requests 2.31.0",
        "/srv/api/requirements.txt python-requirements typing_extensions 4.10.0",
        "/srv/api/requirements.txt python-requirements urllib3 2.2.1",
        "/srv/billing/gradle.lockfile java-gradle-lockfile com.fasterxml.jackson.core:jackson-core 2.16.1",
        "/srv/billing/gradle.lockfile java-gradle-lockfile com.fasterxml.jackson.core:jackson-databind 2.16.1",
        "/srv/billing/gradle.lockfile java-gradle-lockfile com.google.guava:guava 32.1.3-jre",
        "/srv/billing/gradle.lockfile java-gradle-lockfile junit:junit 4.13.2",
        "/srv/billing/gradle.lockfile java-gradle-lockfile org.hamcrest:hamcrest-core 1.3",
        "/srv/store/Gemfile.lock ruby-gemfile-lock actionpack 7.1.3",
        "/srv/store/Gemfile.lock ruby-gemfile-lock catalog 0.1.0",
        "/srv/store/Gemfile.lock ruby-gemfile-lock faraday 2.9.0",
        "/srv/store/Gemfile.lock ruby-gemfile-lock faraday-net_http 3.1.0",
        "/srv/store/Gemfile.lock ruby-gemfile-lock mini_portile2 2.8.5",
        "/srv/store/Gemfile.lock ruby-gemfile-lock net-http 0.4.1",
        "/srv/store/Gemfile.lock ruby-gemfile-lock nokogiri 1.16.2",
        "/srv/store/Gemfile.lock ruby-gemfile-lock payments 0.4.0",
        "/srv/store/Gemfile.lock ruby-gemfile-lock racc 1.7.3",
        "/srv/store/Gemfile.lock ruby-gemfile-lock rack 3.0.9",
        "/srv/store/Gemfile.lock ruby-gemfile-lock uri 0.13.0",
        "/srv/store/composer.lock php-composer-lock guzzlehttp/guzzle 7.8.1 [MIT]",
        "/srv/store/composer.lock php-composer-lock monolog/monolog 3.5.0 [MIT]",
        "/srv/store/composer.lock php-composer-lock phpunit/phpunit 10.5.11 [BSD-3-Clause]",
        "/srv/store/composer.lock php-composer-lock symfony/console v6.4.4 [MIT]",
        "/srv/web/Pipfile.lock python-pipfile-lock black 24.2.0",
        "/srv/web/Pipfile.lock python-pipfile-lock jinja2 3.1.3",
        "/srv/web/Pipfile.lock python-pipfile-lock markupsafe 2.1.5",
        "/srv/web/uv.lock python-uv-lock anyio 4.3.0",
        "/srv/web/uv.lock python-uv-lock idna 3.6",
        "/srv/web/uv.lock python-uv-lock sniffio 1.3.1",
        "/srv/worker/poetry.lock python-poetry-lock celery 5.3.6",
        "/srv/worker/poetry.lock python-poetry-lock kombu 5.3.5",
        "/srv/worker/poetry.lock python-poetry-lock pytest 8.0.2",
        "/srv/worker/poetry.lock python-poetry-lock ruamel.yaml 0.18.6",
        "/usr/lib/python3.11/site-packages/Legacy_Tool-0.3.1-py3.11.egg-info/PKG-INFO python-installed Legacy_Tool 0.3.1",
        "/usr/lib/python3.11/site-packages/attrs-23.2.0.dist-info/METADATA python-installed attrs 23.2.0 [MIT]",
        "/usr/lib/python3.11/site-packages/idna-3.7.dist-info/METADATA python-installed idna 3.7 [BSD License]",
        "/usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA python-installed six 1.16.0 [MIT]",
        "/usr/lib/python3/dist-packages/distro-1.8.0.egg-info python-installed distro 1.8.0 [Apache License, Version 2.0]",
        "/usr/local/bundle/specifications/nokogiri-1.16.2-x86_64-linux.gemspec ruby-installed-gemspec nokogiri 1.16.2 [MIT]",
        "/usr/local/bundle/specifications/rack-3.0.9.gemspec ruby-installed-gemspec rack 3.0.9 [MIT]",
        "/var/www/html/vendor/composer/installed.json php-composer-installed psr/log 3.0.0 [MIT]",
        "/var/www/html/vendor/composer/installed.json php-composer-installed symfony/polyfill-mbstring v1.29.0 [MIT]",
        "/var/www/legacy/vendor/composer/installed.json php-composer-installed twig/twig v1.44.7 [BSD-3-Clause]",
    ];
    let got = rows(&found);
    let missing: Vec<_> = expected
        .iter()
        .filter(|e| !got.contains(&(**e).to_owned()))
        .collect();
    let extra: Vec<_> = got.iter().filter(|g| !expected.contains(&g.as_str())).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    for p in &found {
        let kind = match p.cataloger {
            c if c.starts_with("python") => PackageKind::Python,
            c if c.starts_with("java") => PackageKind::Maven,
            c if c.starts_with("ruby") => PackageKind::Gem,
            _ => PackageKind::Composer,
        };
        assert_eq!(p.kind, kind, "{p:?}");
        assert!(p.origin.layer.is_none());
    }
}

#[test]
fn a_project_folder_gets_lockfiles_only() {
    let declared = packages(true);
    assert!(!declared.is_empty());
    for p in &declared {
        assert!(
            !matches!(
                p.cataloger,
                "java-archive" | "python-installed" | "ruby-installed-gemspec" | "php-composer-installed"
            ),
            "installed metadata read in a project folder: {p:?}"
        );
    }
    let all = packages(false);
    let lockfiles: Vec<_> = all
        .iter()
        .filter(|p| {
            !matches!(
                p.cataloger,
                "java-archive" | "python-installed" | "ruby-installed-gemspec" | "php-composer-installed"
            )
        })
        .cloned()
        .collect();
    assert_eq!(declared, lockfiles);
}
