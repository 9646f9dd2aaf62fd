//! `resolve/…`: single-name lookups on the embedded default gazetteer
//! (56k entities, 340k keys), against the raw fst lookup of an already
//! folded key measured in the same group.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const QUERIES: &[&str] = &[
    "LAVROV, Sergei Viktorovich",
    "Sergey Lavrov",
    "São Paulo",
    "Russian Foreign Ministry",
    "BANCO NACIONAL DE CUBA",
    "Britney Greiner",
    "no such entity anywhere",
    "Bundesrepublik Deutschland",
];

fn resolve(c: &mut Criterion) {
    let g = nomina::Gazetteer::embedded().unwrap();
    let keys: Vec<String> =
        QUERIES.iter().map(|q| nomina::normalize::fold(q)).collect();
    let mut group = c.benchmark_group("resolve");
    group.throughput(Throughput::Elements(QUERIES.len() as u64));
    group.bench_function("nomina/default", |b| {
        b.iter(|| QUERIES.iter().map(|q| g.resolve(q).len()).sum::<usize>())
    });
    group.bench_function("fst-get-reference/default", |b| {
        b.iter(|| keys.iter().filter(|k| g.postings(k).is_empty()).count())
    });
    group.bench_function("open/embedded", |b| {
        b.iter(|| nomina::Gazetteer::embedded().unwrap().len())
    });
    group.bench_function("open+verify/embedded", |b| {
        b.iter(|| {
            let g = nomina::Gazetteer::embedded().unwrap();
            g.verify().unwrap();
            g.len()
        })
    });
    group.finish();
}

criterion_group!(benches, resolve);
criterion_main!(benches);
