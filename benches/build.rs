//! `build/…`: compiling the real OFAC SDN source (14,965 entities) into an
//! artifact, against an aho-corasick automaton over the same names and
//! aliases measured in the same group.

use std::io::BufRead;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn ofac_names(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).expect("data/default is present");
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut names = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value =
            serde_json::from_str(&line.unwrap()).unwrap();
        names.push(v["name"].as_str().unwrap().to_string());
        for a in v["aliases"].as_array().into_iter().flatten() {
            names.push(a.as_str().unwrap().to_string());
        }
    }
    names
}

fn build(c: &mut Criterion) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/default/ofac-sdn.jsonl.gz");
    let names = ofac_names(&src);
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function("nomina/ofac-sdn", |b| {
        b.iter(|| {
            nomina::GazetteerBuilder::new().build_bytes(&[&src]).unwrap()
        })
    });
    g.bench_function("aho-corasick-reference/ofac-sdn", |b| {
        b.iter(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&names)
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, build);
criterion_main!(benches);
