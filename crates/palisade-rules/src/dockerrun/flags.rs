//! The options of `docker run` / `docker create` (Docker 28) and the ones Podman and nerdctl
//! add, with whether each takes a value: without that, the image name cannot be told from an
//! option's value. Also the engines' global options, written between `docker` and `run`.

/// One option: its long name (the canonical name checks ask for), its one-letter form, and
/// whether it takes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Flag {
    pub(crate) long: &'static str,
    pub(crate) short: Option<char>,
    pub(crate) takes_value: bool,
}

const fn value(long: &'static str) -> Flag {
    Flag {
        long,
        short: None,
        takes_value: true,
    }
}

const fn switch(long: &'static str) -> Flag {
    Flag {
        long,
        short: None,
        takes_value: false,
    }
}

const fn short(flag: Flag, c: char) -> Flag {
    Flag {
        short: Some(c),
        ..flag
    }
}

/// Options of `run` and `create`, Docker's first, then Podman's and nerdctl's own.
pub(crate) static RUN_FLAGS: &[Flag] = &[
    value("add-host"),
    value("annotation"),
    short(value("attach"), 'a'),
    value("blkio-weight"),
    value("blkio-weight-device"),
    value("cap-add"),
    value("cap-drop"),
    value("cgroup-parent"),
    value("cgroupns"),
    value("cidfile"),
    value("cpu-count"),
    value("cpu-percent"),
    value("cpu-period"),
    value("cpu-quota"),
    value("cpu-rt-period"),
    value("cpu-rt-runtime"),
    short(value("cpu-shares"), 'c'),
    value("cpus"),
    value("cpuset-cpus"),
    value("cpuset-mems"),
    short(switch("detach"), 'd'),
    value("detach-keys"),
    value("device"),
    value("device-cgroup-rule"),
    value("device-read-bps"),
    value("device-read-iops"),
    value("device-write-bps"),
    value("device-write-iops"),
    switch("disable-content-trust"),
    value("dns"),
    value("dns-option"),
    value("dns-opt"),
    value("dns-search"),
    value("domainname"),
    value("entrypoint"),
    short(value("env"), 'e'),
    value("env-file"),
    value("expose"),
    value("gpus"),
    value("group-add"),
    value("health-cmd"),
    value("health-interval"),
    value("health-retries"),
    value("health-start-interval"),
    value("health-start-period"),
    value("health-timeout"),
    switch("help"),
    short(value("hostname"), 'h'),
    switch("init"),
    short(switch("interactive"), 'i'),
    value("io-maxbandwidth"),
    value("io-maxiops"),
    value("ip"),
    value("ip6"),
    value("ipc"),
    value("isolation"),
    value("kernel-memory"),
    short(value("label"), 'l'),
    value("label-file"),
    value("link"),
    value("link-local-ip"),
    value("log-driver"),
    value("log-opt"),
    value("mac-address"),
    short(value("memory"), 'm'),
    value("memory-reservation"),
    value("memory-swap"),
    value("memory-swappiness"),
    value("mount"),
    value("name"),
    value("network"),
    value("network-alias"),
    switch("no-healthcheck"),
    switch("oom-kill-disable"),
    value("oom-score-adj"),
    value("pid"),
    value("pids-limit"),
    value("platform"),
    switch("privileged"),
    short(value("publish"), 'p'),
    short(switch("publish-all"), 'P'),
    value("pull"),
    short(switch("quiet"), 'q'),
    switch("read-only"),
    value("restart"),
    switch("rm"),
    value("runtime"),
    value("security-opt"),
    value("shm-size"),
    switch("sig-proxy"),
    value("stop-signal"),
    value("stop-timeout"),
    value("storage-opt"),
    value("sysctl"),
    value("tmpfs"),
    short(switch("tty"), 't'),
    value("ulimit"),
    switch("use-api-socket"),
    short(value("user"), 'u'),
    value("userns"),
    value("uts"),
    short(value("volume"), 'v'),
    value("volume-driver"),
    value("volumes-from"),
    short(value("workdir"), 'w'),
    // Podman.
    value("arch"),
    value("authfile"),
    value("cert-dir"),
    value("cgroup-conf"),
    value("cgroups"),
    value("chrootdirs"),
    value("conmon-pidfile"),
    value("creds"),
    value("decryption-key"),
    switch("env-host"),
    value("env-merge"),
    value("gidmap"),
    value("group-entry"),
    value("hostuser"),
    switch("http-proxy"),
    value("image-volume"),
    value("init-path"),
    switch("no-hosts"),
    value("os"),
    switch("passwd"),
    value("passwd-entry"),
    value("personality"),
    value("pidfile"),
    value("pod"),
    value("pod-id-file"),
    value("preserve-fd"),
    value("preserve-fds"),
    value("rdt-class"),
    switch("read-only-tmpfs"),
    switch("replace"),
    value("requires"),
    value("retry"),
    value("retry-delay"),
    switch("rootfs"),
    value("sdnotify"),
    value("seccomp-policy"),
    value("secret"),
    value("shm-size-systemd"),
    value("subgidname"),
    value("subuidname"),
    value("systemd"),
    value("timeout"),
    switch("tls-verify"),
    value("tz"),
    value("uidmap"),
    value("umask"),
    value("unsetenv"),
    switch("unsetenv-all"),
    value("variant"),
    // nerdctl.
    value("cosign-key"),
    value("verify"),
];

/// Older spellings that mean another option.
const ALIASES: &[(&str, &str)] = &[("net", "network"), ("net-alias", "network-alias")];

/// The option written `--name`.
pub(crate) fn long(name: &str) -> Option<&'static Flag> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, canonical)| canonical);
    RUN_FLAGS.iter().find(|f| f.long == name)
}

/// The option written `-c`.
pub(crate) fn short_flag(c: char) -> Option<&'static Flag> {
    RUN_FLAGS.iter().find(|f| f.short == Some(c))
}

/// Global options of docker, podman and nerdctl that take a value, long and short.
const GLOBAL_VALUES: &[&str] = &[
    "--host",
    "-H",
    "--context",
    "-c",
    "--config",
    "--log-level",
    "-l",
    "--tlscacert",
    "--tlscert",
    "--tlskey",
    "--url",
    "--connection",
    "--root",
    "--runroot",
    "--storage-driver",
    "--storage-opt",
    "--cgroup-manager",
    "--runtime",
    "--identity",
    "--module",
    "--network-cmd-path",
    "--tmpdir",
    "--events-backend",
    "--volumepath",
    "--imagestore",
    "--hooks-dir",
    "--namespace",
    "-n",
    "--address",
    "-a",
    "--snapshotter",
    "--cni-path",
    "--data-root",
];

/// Whether a global option written without `=` takes the next word as its value.
pub(crate) fn global_takes_value(option: &str) -> bool {
    GLOBAL_VALUES.contains(&option)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, f) in RUN_FLAGS.iter().enumerate() {
            assert!(
                RUN_FLAGS[i + 1..].iter().all(|g| g.long != f.long),
                "{} twice",
                f.long
            );
            if let Some(c) = f.short {
                assert_eq!(short_flag(c), Some(f));
            }
        }
        assert_eq!(long("net").unwrap().long, "network");
    }
}
