//! Every cataloger, in the order their findings are listed.

use crate::Cataloger;
use crate::lang;
use crate::lang::{
    composer_lock::ComposerLock, gem_spec::GemSpec, gradle_lockfile::GradleLockfile,
    java_archive::JavaArchive, php_installed_json::PhpInstalledJson, python_metadata::PythonMetadata,
    python_pipfile_lock::PipfileLock, python_poetry_lock::PoetryLock,
    python_requirements::PythonRequirements, python_uv_lock::UvLock, ruby_gemfile_lock::GemfileLock,
};

/// The catalogers palisade runs on every target (each one's scope decides where it runs).
pub fn catalogers() -> Vec<&'static dyn Cataloger> {
    vec![
        // Operating system: the distribution, then its package database.
        &crate::os::OsRelease,
        &crate::os::Dpkg,
        &crate::os::Apk,
        &crate::os::Rpm,
        // Python
        &PythonMetadata,
        &PythonRequirements,
        &PoetryLock,
        &PipfileLock,
        &UvLock,
        // Java
        &JavaArchive,
        &GradleLockfile,
        // Ruby
        &GemfileLock,
        &GemSpec,
        // PHP
        &ComposerLock,
        &PhpInstalledJson,
        &lang::CARGO_LOCK,
        &lang::GO_MOD,
        &lang::NPM_LOCK,
        &lang::YARN_LOCK,
        &lang::PNPM_LOCK,
        &lang::NPM_INSTALLED,
        &lang::DOTNET_PACKAGES_LOCK,
        &lang::DOTNET_DEPS,
        &lang::BINARY,
    ]
}
