//! Pod Security evaluation alone: 100,000 generated pods evaluated under restricted:latest on
//! one thread. Target: ≥ 500,000 pod evaluations per second.
//!
//! Two measures of the same evaluations:
//! - `as palisade reads them`: pods are parsed a hundred at a time and each batch is evaluated
//!   at once, as `palisade pss` and `palisade scan` evaluate a document right after parsing it;
//!   only the evaluation is timed.
//! - `all parsed first`: the 100,000 trees (hundreds of MB) are built before any is evaluated,
//!   so every lookup waits on main memory; this shows what cache misses cost.

use std::fmt::Write as _;

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use palisade_core::Lang;
use palisade_rules::k8s::objects;
use palisade_rules::pss::{self, Policy};
use palisade_yaml::{Budgets, documents};

const PODS: usize = 100_000;

/// Pods of a few realistic shapes: hardened, default, and insecure, with one to three containers.
fn stream() -> String {
    let mut text = String::new();
    for i in 0..PODS {
        let hardened = i % 3 == 0;
        let insecure = i % 7 == 0;
        let _ = write!(
            text,
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{i}\n  namespace: team-{}\nspec:\n",
            i % 13
        );
        if hardened {
            text.push_str("  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n");
        }
        if insecure {
            text.push_str(
                "  hostNetwork: true\n  volumes:\n  - name: data\n    hostPath:\n      path: /var/lib/data\n",
            );
        }
        text.push_str("  containers:\n");
        for c in 0..=(i % 3) {
            let _ = write!(
                text,
                "  - name: c{c}\n    image: registry.example.com/app:{i}\n    ports:\n    - containerPort: 8080\n"
            );
            if hardened {
                text.push_str("    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: [ALL]\n");
            } else if insecure {
                text.push_str("    securityContext:\n      privileged: true\n      capabilities:\n        add: [SYS_ADMIN]\n");
            }
        }
    }
    text
}

fn evaluate(c: &mut Criterion) {
    let text = stream();
    let docs: Vec<_> = documents(&text, &Budgets::default())
        .map(Result::unwrap)
        .collect();
    let pods: Vec<_> = docs
        .iter()
        .flat_map(|d| objects(&d.root))
        .filter_map(|o| o.pod_spec())
        .collect();
    assert_eq!(pods.len(), PODS);
    let policy = Policy::parse("restricted").unwrap();
    let mut group = c.benchmark_group("pss");
    group.throughput(Throughput::Elements(PODS as u64));
    group.sample_size(10);
    group.bench_function("restricted:latest, 100k pods as palisade reads them", |b| {
        let batches: Vec<String> = text
            .split_inclusive("---\n")
            .collect::<Vec<_>>()
            .chunks(100)
            .map(<[&str]>::concat)
            .collect();
        b.iter_custom(|iters| {
            let mut evaluating = Duration::ZERO;
            for _ in 0..iters {
                for batch in &batches {
                    let docs: Vec<_> = documents(batch, &Budgets::default())
                        .map(Result::unwrap)
                        .collect();
                    let pods: Vec<_> = docs
                        .iter()
                        .flat_map(|d| objects(&d.root))
                        .filter_map(|o| o.pod_spec())
                        .collect();
                    let mut violations = Vec::new();
                    let start = Instant::now();
                    for pod in &pods {
                        violations.clear();
                        pss::evaluate(*pod, policy, Lang::En, &mut violations);
                    }
                    evaluating += start.elapsed();
                }
            }
            evaluating
        });
    });
    group.bench_function("restricted:latest, 100k pods all parsed first", |b| {
        let mut violations = Vec::new();
        b.iter(|| {
            let mut denied = 0;
            for pod in &pods {
                violations.clear();
                pss::evaluate(*pod, policy, Lang::En, &mut violations);
                denied += usize::from(!violations.is_empty());
            }
            denied
        });
    });
    group.finish();
}

criterion_group!(benches, evaluate);
criterion_main!(benches);
