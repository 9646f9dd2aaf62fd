#!/usr/bin/env python3
"""Compares the links of two `nomina normalize --format jsonl` outputs of the
same corpus: how many mentions one has and the other lacks, and which
(mention text -> entity) pairs changed most.

Usage: python3 benches/diff_mentions.py BEFORE.jsonl AFTER.jsonl [--top N]

A mention is identified by its document id, start offset, text and entity;
a mention whose entity changed counts as one removed and one added.
"""
import argparse
import json
from collections import Counter


def mentions(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for m in doc.get("mentions", []):
                out.add((doc.get("id"), m["start"], m["text"], m["id"], m["name"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    before, after = mentions(args.before), mentions(args.after)
    removed, added = before - after, after - before
    print(f"mentions: {len(before)} -> {len(after)}; removed {len(removed)}, added {len(added)}")
    for sign, changed in (("-", removed), ("+", added)):
        pairs = Counter((m[2], m[4]) for m in changed)
        for (text, name), n in pairs.most_common(args.top):
            print(f"  {sign} {n:4d}  {text} -> {name}")


if __name__ == "__main__":
    main()
