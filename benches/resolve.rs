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
    let g = nomina::Resolver::embedded().unwrap();
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

/// Name variants that no alias lists, so every one goes through the fuzzy
/// stage, against exact queries for the same entities.
const VARIANTS: &[&str] = &[
    "Britney Greiner",
    "Anthony Blinken",
    "Serguei Lavrov",
    "Victor Bout",
    "ORLOV, Alexey Maratovich",
    "DZHUMA, Abbas",
    "AO TRANSMASHHOLDING",
    "Wolodymyr Selenskyj",
];
const EXACT: &[&str] = &[
    "Brittney Griner",
    "Antony Blinken",
    "Sergey Lavrov",
    "Viktor Bout",
    "ORLOV, Alexei Maratovich",
    "DJUMA, Abbas",
    "TRANSMASHHOLDING JSC",
    "Volodymyr Zelensky",
];

fn fuzzy(c: &mut Criterion) {
    let g = nomina::Resolver::embedded().unwrap();
    let mut group = c.benchmark_group("fuzzy");
    group.throughput(Throughput::Elements(VARIANTS.len() as u64));
    group.bench_function("nomina/variants/default", |b| {
        b.iter(|| {
            VARIANTS.iter().map(|q| g.resolve_top(q, 1).len()).sum::<usize>()
        })
    });
    group.bench_function("exact-reference/default", |b| {
        b.iter(|| {
            EXACT.iter().map(|q| g.resolve_top(q, 1).len()).sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, resolve, fuzzy);
criterion_main!(benches);
