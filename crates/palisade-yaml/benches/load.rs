//! The loader's throughput on a synthetic multi-document manifest (criterion).

use std::fmt::Write as _;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use palisade_yaml::{Budgets, documents};

fn manifest(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while out.len() < bytes {
        write!(
            out,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{i}\n  labels: {{app: web-{i}}}\nspec:\n  replicas: 3\n  template:\n    spec:\n      securityContext: {{runAsNonRoot: true, runAsUser: 10001}}\n      containers:\n        - name: web\n          image: registry.example.com/web:1.{i}.0\n          ports: [{{containerPort: 8080}}]\n          env:\n            - {{name: MODE, value: production}}\n          resources:\n            limits: {{cpu: \"1\", memory: 512Mi}}\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities: {{drop: [ALL]}}\n---\n"
        )
        .unwrap();
        i += 1;
    }
    out
}

fn load(c: &mut Criterion) {
    let text = manifest(4 << 20);
    let budgets = Budgets::default();
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("4MiB multi-document", |b| {
        b.iter(|| {
            documents(&text, &budgets)
                .map(|d| d.map_or(0, |d| d.root.span.end.line))
                .max()
        });
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
