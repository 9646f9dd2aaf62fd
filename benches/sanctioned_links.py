#!/usr/bin/env python3
"""Every link from a person mention to a sanctioned person (an entity of
the OFAC, UN or UK source of the default gazetteer) on the BBC and
HuffPost texts read once, and whether the mention's family name is a
word of the person's name.

The family name of a mention is its last word; it "agrees" when its
folded form is within one edit (two for words of eight letters or more)
of a family word of the entity's canonical name: the words before the
comma of "FAMILY, Given", else the words in capitals of "FAMILY Given
Patronymic", else (the order unknown) any word. Failing that, the
entity's listed aliases (`nomina get`) are tried the same way: a list's
alias is one of the person's names ("Abu Bakr al-Baghdadi" for AL-BADRI,
Ibrahim), and the link is reported as agreeing with an alias. A link that
disagrees with every name is a wrong link of the kind the
text-precision issue rules out ("Ana Ivanovic" for OTKE Anna Ivanovna).

Usage, from the project root (needs ../shared, writes the corpus with
benches/bench_normalize.py's writer if it is missing):
    python3 benches/sanctioned_links.py [--nomina BINARY]
"""
import argparse
import collections
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_normalize  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("ofac-", "un-", "uk-")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c.lower() if c.isalnum() else " " for c in s).split()


def edits(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def family_words(name):
    if "," in name:
        return fold(name.split(",")[0])
    words = name.split()
    capitals = [w for w in words if w.isupper()]
    if capitals and len(capitals) < len(words):
        return fold(" ".join(capitals))
    return fold(name)


def agrees(mention, name):
    words = fold(mention)
    if not words:
        return False
    family = words[-1]
    budget = 2 if len(family) >= 8 else 1
    return any(edits(family, w) <= budget for w in family_words(name))


def entity_aliases(nomina, ids):
    """Each id's aliases, read from `nomina get` (lines "\talias\tNAME")."""
    out = {}
    if not ids:
        return out
    got = subprocess.run([nomina, "get"], input="\n".join(ids) + "\n",
                         capture_output=True, text=True, check=True)
    current = None
    for line in got.stdout.splitlines():
        if not line.startswith("\t"):
            current = line.split("\t")[0]
            out.setdefault(current, [])
        elif line.startswith("\talias\t") and current is not None:
            out[current].append(line.split("\t", 2)[2])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nomina", default=str(ROOT / "target/release/nomina"))
    args = ap.parse_args()
    corpus = bench_normalize.DATA / "news-0mb.jsonl"
    if not corpus.exists():
        bench_normalize.DATA.mkdir(parents=True, exist_ok=True)
        bench_normalize.write_corpus(corpus, 0)
    out = subprocess.run([args.nomina, "normalize", "-q", "--format", "jsonl",
                          str(corpus)], capture_output=True, text=True, check=True)
    docs = 0
    links = collections.Counter()
    for line in out.stdout.splitlines():
        docs += 1
        for m in json.loads(line)["mentions"]:
            if m["type"] == "person" and m["id"].startswith(SOURCES):
                links[(m["text"], m["name"], m["id"], m["how"])] += 1
    aliases = entity_aliases(args.nomina, sorted({k[2] for k in links}))
    disagree = 0
    print(f"{docs} documents; links to sanctioned persons "
          "(count, mention, entity, how, family name):")
    for (text, name, id_, how), n in sorted(links.items(),
                                           key=lambda x: (-x[1], x[0])):
        if agrees(text, name):
            verdict = "agrees"
        elif any(agrees(text, a) for a in aliases.get(id_, [])):
            verdict = "agrees with an alias"
        else:
            verdict = "DIFFERS"
            disagree += n
        print(f"{n:4}  {text!r} -> {name!r} ({how}) {verdict}")
    print(f"{sum(links.values())} links, {disagree} whose family name differs")


if __name__ == "__main__":
    main()
