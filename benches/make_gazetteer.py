#!/usr/bin/env python3
"""Writes a benchmark gazetteer with exactly N names + aliases (default 1M).

Usage: benches/make_gazetteer.py OUT.jsonl [N]

Real names first: every entity of the default gazetteer's sources in
data/default/ (GeoNames cities and countries with their alternate names,
OFAC SDN, UN and UK sanctions lists, the hand-compiled news entities), then synthetic persons "Given [Middle]
LAST" padded up to N, built from real name parts: given names and surnames
split from the OFAC and UK person names. Every third synthetic person also
gets the alias "G. LAST". Deterministic (seeded), so every run benchmarks the
same bytes.
"""
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ["countries", "cities", "ofac-sdn", "un-sanctions", "uk-sanctions"]


def main():
    out = Path(sys.argv[1])
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20240503)
    given, surnames = set(), set()
    total = 0
    with out.open("w", encoding="utf-8") as f:
        for name in REAL:
            with gzip.open(ROOT / "data/default" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as src:
                for line in src:
                    e = json.loads(line)
                    n = 1 + len(e.get("aliases", []))
                    if total + n > target:
                        e["aliases"] = e.get("aliases", [])[: max(0, target - total - 1)]
                        n = 1 + len(e["aliases"])
                    if total >= target:
                        break
                    f.write(json.dumps(e, ensure_ascii=False) + "\n")
                    total += n
                    if e["type"] == "person" and "," in e["name"]:
                        last, _, first = e["name"].partition(",")
                        surnames.add(last.strip().upper())
                        given.update(p for p in first.split() if p.isalpha() and len(p) > 1)
        with (ROOT / "data/default/news.tsv").open(encoding="utf-8") as src:
            header = src.readline().rstrip("\n").split("\t")
            for line in src:
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                aliases = [a for a in row.get("aliases", "").split("|") if a]
                e = {"id": row["id"], "name": row["name"], "type": row["type"], "aliases": aliases}
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
                total += 1 + len(aliases)
        given, surnames = sorted(given), sorted(surnames)
        i = 0
        while total < target:
            g = rng.choice(given)
            m = rng.choice(given) if rng.random() < 0.5 else None
            last = rng.choice(surnames)
            name = " ".join(p for p in (g, m, last) if p)
            e = {"id": f"syn-{i}", "name": name, "type": "person"}
            n = 1
            if i % 3 == 0 and total + 2 <= target:
                e["aliases"] = [f"{g[0]}. {last}"]
                n = 2
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
            total += n
            i += 1
    print(f"{out}: {total} names and aliases, {len(given)} given names, "
          f"{len(surnames)} surnames", file=sys.stderr)


if __name__ == "__main__":
    main()
