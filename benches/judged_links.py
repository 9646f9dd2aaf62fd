#!/usr/bin/env python3
"""Precision of `nomina normalize` on the judged BBC links.

Usage: python3 benches/judged_links.py [--judged FILE] OUTPUT.jsonl [OUTPUT.jsonl ...]

Each OUTPUT is `nomina normalize --format jsonl` of a corpus holding the
BBC documents (benches/data/news-0mb.jsonl does; ids may carry a "#k"
copy suffix). Every link of benches/judged-bbc-links.tsv (fuzzy and
context links on BBC, each judged right or wrong) that OUTPUT still makes,
to the same entity at the same offsets, is counted; the report gives how
many are kept, how many of those are right (the precision), and how many
judged links OUTPUT no longer makes.

--judged FILE reads another judged sample of the same columns (doc,
start, end, id, verdict): benches/judged-all-links.tsv holds 200 links of
every kind (exact ones too) drawn at random from the output of
nomina at `e6e83ee` on the BBC and HuffPost documents outside the
HuffPost mention set's halves; benches/judged-all-links-2.tsv to -8.tsv
hold 200 more each, drawn the same way (seeds 20261208 to 20261214) from
the output at `c322fb6`, `c8a3612`, `de6205b`, `21f8a7f`, `9ad2246`,
`07accc0` and `67d2538`, with a note and an error class per link;
benches/judged-all-links-9.tsv holds 200 drawn from the HuffPost documents
alone (seed 20261215, output at `bbcd84b`), and -10.tsv to -13.tsv 200
each from all of them again (seeds 20261216 to 20261219, output at
`c3e9479`, `31ea7ab`, `8e3d058` and `103debf`), and -14.tsv 200 more
(seed 20261220, output at `bdcc4b4`).
"""
import collections
import csv
import json
import sys
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "judged-bbc-links.tsv"


def links(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for m in d["mentions"]:
                out[(d["id"].split("#")[0], m["start"], m["end"])] = m
    return out


def main():
    args = sys.argv[1:]
    source = JUDGED
    if args[:1] == ["--judged"] and len(args) > 1:
        source, args = Path(args[1]), args[2:]
    if not args:
        sys.exit(__doc__)
    with open(source, encoding="utf-8") as f:
        judged = list(csv.DictReader(f, delimiter="\t"))
    for path in args:
        made = links(path)
        right = wrong = gone = 0
        by_how = collections.Counter()
        for j in judged:
            m = made.get((j["doc"], int(j["start"]), int(j["end"])))
            if m is None or m["id"] != j["id"]:
                gone += 1
                continue
            if j["verdict"] not in ("right", "wrong"):
                continue
            ok = j["verdict"] == "right"
            right += ok
            wrong += not ok
            by_how[f"{m['how']} {'right' if ok else 'wrong'}"] += 1
        kept = right + wrong
        print(f"{path}: judged links kept {kept}, right {right}, "
              f"precision {right / max(1, kept):.3f}, no longer made {gone}; "
              f"{dict(sorted(by_how.items()))}")


if __name__ == "__main__":
    main()
