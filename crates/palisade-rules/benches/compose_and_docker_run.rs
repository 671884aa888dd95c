//! Throughput of the compose and `docker run` engines (criterion): a 1 MiB deploy script of
//! `docker run` lines with continuations, quotes and substitutions (lexer, parser, every DR
//! rule), and a compose file of 2,000 services with `extends` (view and every DC rule).

use std::fmt::Write as _;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use palisade_rules::{FileKind, Settings, scan_file};

fn script(bytes: usize) -> String {
    let mut out = String::from("#!/bin/sh\nset -eu\n");
    let mut i = 0;
    while out.len() < bytes {
        writeln!(
            out,
            "# service {i}\nid=$(docker run -d --name svc-{i} --restart unless-stopped \\\n  --user 1000:1000 --read-only --tmpfs /tmp \\\n  -v \"$PWD/config/{i}\":/config:ro -p 127.0.0.1:{port}:8080 \\\n  -e MODE=production -e DB_PASSWORD --memory=512m --cpus=1 \\\n  registry.example.com/svc-{i}:1.{i}.0 serve --port 8080)\necho \"started $id\" >> deploy.log 2>&1\nif [ \"$i\" = \"{i}\" ]; then docker run --rm alpine:3.20 echo 'ok'; fi",
            port = 10_000 + i % 50_000
        )
        .unwrap();
        i += 1;
    }
    out
}

fn compose(services: usize) -> String {
    let mut out = String::from(
        "x-hardened: &hardened\n  user: \"10001:10001\"\n  read_only: true\n  cap_drop: [ALL]\n  security_opt: [no-new-privileges:true]\nservices:\n",
    );
    for i in 0..services {
        writeln!(
            out,
            "  svc-{i}:\n    <<: *hardened\n    image: registry.example.com/svc-{i}:1.0.{i}\n    ports: [\"{port}:8080\"]\n    volumes:\n      - ./config/{i}:/config:ro\n      - data-{i}:/data\n    environment:\n      MODE: production\n      DB_PASSWORD: ${{DB_PASSWORD}}\n    deploy:\n      resources:\n        limits: {{cpus: \"1.0\", memory: 512M}}\n  worker-{i}:\n    extends: svc-{i}\n    command: [work]",
            port = 10_000 + i
        )
        .unwrap();
    }
    out
}

fn engines(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("engines");
    group.sample_size(10);

    let text = script(1 << 20);
    let name: Arc<str> = Arc::from("deploy.sh");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("1MiB deploy script", |b| {
        b.iter(|| scan_file(&name, FileKind::Script, &text, &settings).objects);
    });

    let text = compose(2_000);
    let name: Arc<str> = Arc::from("compose.yaml");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("compose, 4,000 services", |b| {
        b.iter(|| scan_file(&name, FileKind::Compose, &text, &settings).objects);
    });
    group.finish();
}

criterion_group!(benches, engines);
criterion_main!(benches);
