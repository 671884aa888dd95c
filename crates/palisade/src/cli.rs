//! Command-line arguments. The `///` comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use palisade_core::Severity;
use palisade_yaml::Budgets;

/// Container and Kubernetes security in one binary: manifest checks, Pod Security Standards,
/// with findings in table, JSON, SARIF and JUnit form.
#[derive(Debug, Parser)]
#[command(name = "palisade", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Scan Kubernetes manifests, compose files and `docker run` lines in scripts and CI files (files,
    /// folders, or `-` for standard input) for insecure configuration, and every text file for
    /// hard-coded secrets.
    Scan(Box<ScanArgs>),
    /// Evaluate Pods and pod templates against the Pod Security Standards, as the API server's
    /// Pod Security Admission would, and show how to comply.
    Pss(Box<PssArgs>),
    /// List every rule, or explain one.
    Rules(RulesArgs),
    /// List what an image or folder holds (OS and language packages) as an SBOM: CycloneDX,
    /// SPDX, palisade JSON or a table.
    Sbom(Box<SbomArgs>),
    /// Check an image's configuration and files: root user, secrets in ENV, labels, history and
    /// files, SSH port, health check; with a summary of its packages.
    Image(Box<ImageArgs>),
}

#[derive(Debug, Args)]
pub(crate) struct Common {
    /// Language of messages: en or zh (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true)]
    pub(crate) lang: Option<String>,
}

/// How a findings report is written and filtered, as every command that reports findings takes it.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Output format: table, json, sarif or junit.
    #[arg(short, long, default_value = "table", value_name = "FORMAT")]
    pub(crate) format: String,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Only report these severities (comma-separated: CRITICAL,HIGH,MEDIUM,LOW,INFO).
    #[arg(short, long, value_delimiter = ',', value_name = "SEVERITY")]
    pub(crate) severity: Vec<Severity>,

    /// Exit code when findings remain after filtering.
    #[arg(long, default_value_t = 1, value_name = "CODE")]
    pub(crate) exit_code: u8,

    /// Print nothing but the report (no notes on standard error).
    #[arg(short, long)]
    pub(crate) quiet: bool,

    /// Configuration file (default: .palisade.yaml in the current directory, if present).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Suppression file (default: .palisadeignore.yaml, and .trivyignore, in the current directory).
    #[arg(long, value_name = "FILE")]
    pub(crate) ignorefile: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Files or folders to scan; `-` reads one stream from standard input (`helm template … | palisade scan -`).
    #[arg(required_unless_present = "docker_run", value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Check a `docker run`, `docker create` or `podman run` command line given here (repeatable),
    /// as a container that keeps running: every missing hardening option is reported.
    #[arg(long, value_name = "COMMAND")]
    pub(crate) docker_run: Vec<String>,

    #[command(flatten)]
    pub(crate) report: ReportArgs,

    /// Folders not to enter (glob; a bare name matches at any depth). Repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub(crate) skip_dirs: Vec<String>,

    /// Files not to scan (glob). Repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub(crate) skip_files: Vec<String>,

    /// Also evaluate pods under the Pod Security Standards, as `PSS-<check>` findings:
    /// LEVEL[:VERSION], e.g. `restricted` or `baseline:v1.29`.
    #[arg(long, value_name = "LEVEL[:VERSION]")]
    pub(crate) pss: Option<String>,

    /// Show secrets in findings as they are written instead of masking them
    /// (`AKIA************HT3M`).
    #[arg(long)]
    pub(crate) show_secrets: bool,

    /// Do not look for hard-coded secrets (SEC rules); only files some other engine reads are
    /// then walked.
    #[arg(long)]
    pub(crate) no_secrets: bool,

    /// Accept the findings recorded in FILE (by `--write-baseline`): only new ones are reported.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,

    /// Record every finding of this scan in FILE, as a baseline for `--baseline`.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,

    /// Registries images may come from (adds to `registries` in the configuration).
    #[arg(long, value_delimiter = ',', value_name = "REGISTRY")]
    pub(crate) trusted_registry: Vec<String>,

    /// Largest file to read, in megabytes.
    #[arg(long, default_value_t = 50, value_name = "MB")]
    pub(crate) max_file_size: u64,

    /// Most YAML documents one file may hold.
    #[arg(long, default_value_t = Budgets::default().max_documents, value_name = "N")]
    pub(crate) max_documents: usize,

    /// Deepest nesting of mappings and lists.
    #[arg(long, default_value_t = Budgets::default().max_depth, value_name = "N")]
    pub(crate) max_depth: usize,

    /// Most nodes YAML aliases may expand to in one document (against alias bombs).
    #[arg(long, default_value_t = Budgets::default().max_alias_nodes, value_name = "N")]
    pub(crate) max_alias_nodes: usize,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) threads: Option<usize>,

    #[command(flatten)]
    pub(crate) common: Common,
}

/// Where an image or folder is read from, for `sbom` and `image`.
#[derive(Debug, Args)]
pub(crate) struct TargetArgs {
    /// The image or folder: `oci:DIR[:TAG]`, `oci-archive:FILE`, `docker-archive:FILE`,
    /// `registry:REF` (or a bare reference), `rootfs:PATH`, `dir:PATH`.
    #[arg(value_name = "TARGET")]
    pub(crate) target: String,

    /// The platform to pick from a multi-platform image: os/arch[/variant] (default: this machine's).
    #[arg(long, value_name = "PLATFORM")]
    pub(crate) platform: Option<String>,

    /// Allow plain HTTP to a registry on a loopback address.
    #[arg(long)]
    pub(crate) insecure: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SbomArgs {
    #[command(flatten)]
    pub(crate) target: TargetArgs,

    /// Output format: cyclonedx-json, spdx-json, json or table.
    #[arg(short, long, default_value = "table", value_name = "FORMAT")]
    pub(crate) format: String,

    /// Write the SBOM to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Print nothing but the SBOM (no notes on standard error).
    #[arg(short, long)]
    pub(crate) quiet: bool,

    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct ImageArgs {
    #[command(flatten)]
    pub(crate) target: TargetArgs,

    #[command(flatten)]
    pub(crate) report: ReportArgs,

    /// Show secrets in findings as they are written instead of masking them.
    #[arg(long)]
    pub(crate) show_secrets: bool,

    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct PssArgs {
    /// Files or folders of manifests; `-` reads one stream from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Level for namespaces without pod-security labels: privileged, baseline or restricted
    /// (default: `pss.level` in the configuration, else restricted).
    #[arg(long, value_name = "LEVEL")]
    pub(crate) level: Option<String>,

    /// Policy version: v1.N or latest (default: `pss.version` in the configuration, else latest).
    #[arg(long, value_name = "VERSION")]
    pub(crate) version: Option<String>,

    /// Namespaces exempt from evaluation, as in PSA's AdmissionConfiguration. Repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "NAMESPACE")]
    pub(crate) exempt_namespace: Vec<String>,

    /// Runtime class names exempt from evaluation. Repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub(crate) exempt_runtime_class: Vec<String>,

    /// Output format: table or json.
    #[arg(short, long, default_value = "table", value_name = "FORMAT")]
    pub(crate) format: String,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Exit code when an object is not allowed.
    #[arg(long, default_value_t = 1, value_name = "CODE")]
    pub(crate) exit_code: u8,

    /// Print, as a unified diff of each file, the smallest change that makes its objects pass,
    /// and what cannot be fixed automatically.
    #[arg(long)]
    pub(crate) fix: bool,

    /// With --fix: apply the changes to the files in place.
    #[arg(long, requires = "fix")]
    pub(crate) write: bool,

    /// Largest file to read, in megabytes.
    #[arg(long, default_value_t = 50, value_name = "MB")]
    pub(crate) max_file_size: u64,

    /// Configuration file (default: .palisade.yaml in the current directory, if present).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    #[command(subcommand)]
    pub(crate) action: Option<RulesAction>,

    /// Output format of the list.
    #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,

    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RulesAction {
    /// Print a rule's documentation page.
    Explain {
        /// Rule code or alias (K8S001, KSV017, CKV_K8S_16 …).
        code: String,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
}
