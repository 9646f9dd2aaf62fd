#!/usr/bin/env python3
"""Prepares the name lexicon that every nomina build compiles into its artifact.

Usage: prepare_lexicon.py SHARED_DATA_DIR OUT_DIR   (needs PyYAML)

Writes into OUT_DIR:
  legal_forms.tsv     class<TAB>alias, from rigour org_types.yml. The class is
                      the type's `generic` tag when it has one, else its
                      `compare` or `display` form, lower-cased.
  org_symbols.tsv     symbol<TAB>alias, from rigour symbols.yml `org_symbols`:
                      generic words of organisation names across languages
                      (company/kompaniya/compania -> co, group, institute).
  org_domains.tsv     the same for `org_domains`: what an organisation does
                      (factory/plant/zavod, aviation/aviatsii, oil/neft).
  titles.txt          person-name prefixes (Mr, Dr, President ...) from
                      rigour stopwords.yml, one per line.
  given_names.txt.gz  rigour persons.txt groups ("variant, variant => QID"),
                      keeping only variants written in Latin, Cyrillic or
                      Greek (the scripts nomina transliterates) and only
                      groups left with two or more variants.
  nicknames.csv       the nicknames package table, byte-identical.
"""
import gzip
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml


def script_ok(text):
    for c in text:
        if not c.isalpha():
            continue
        name = unicodedata.name(c, "")
        if not name.startswith(("LATIN", "CYRILLIC", "GREEK")):
            return False
    return True


def main():
    shared, out = Path(sys.argv[1]), Path(sys.argv[2])
    rigour = shared / "rigour-names"
    out.mkdir(parents=True, exist_ok=True)

    types = yaml.safe_load((rigour / "org_types.yml").read_text())["types"]
    rows = set()
    for t in types:
        cls = t.get("generic") or t.get("compare") or t.get("display")
        if not cls:
            continue
        names = list(t.get("aliases") or [])
        names += [t[k] for k in ("display", "compare") if t.get(k)]
        for a in names:
            a = str(a).strip()
            if a and script_ok(a) and "\t" not in a:
                rows.add((cls.lower(), a))
    with open(out / "legal_forms.tsv", "w", encoding="utf-8") as f:
        f.write("class\talias\n")
        for cls, a in sorted(rows):
            f.write(f"{cls}\t{a}\n")

    symbols = yaml.safe_load((rigour / "symbols.yml").read_text())
    for section, fname in (("org_symbols", "org_symbols.tsv"),
                           ("org_domains", "org_domains.tsv")):
        pairs = set()
        for sym, aliases in symbols[section].items():
            for a in [sym] + list(aliases or []):
                a = str(a).strip()
                if a and script_ok(a) and "\t" not in a:
                    pairs.add((str(sym).lower(), a))
        with open(out / fname, "w", encoding="utf-8") as f:
            f.write("symbol\talias\n")
            for sym, a in sorted(pairs):
                f.write(f"{sym}\t{a}\n")

    stop = yaml.safe_load((rigour / "stopwords.yml").read_text())
    titles = sorted({str(p).strip() for p in stop["PERSON_NAME_PREFIXES"]})
    (out / "titles.txt").write_text("\n".join(titles) + "\n", encoding="utf-8")

    kept = []
    with gzip.open(rigour / "persons.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=>" not in line:
                continue
            names, qid = line.rsplit("=>", 1)
            variants = [v.strip() for v in names.split(",")]
            variants = [v for v in variants if v and script_ok(v)]
            if len(variants) >= 2:
                kept.append(", ".join(variants) + " => " + qid.strip())
    with gzip.GzipFile(out / "given_names.txt.gz", "wb", mtime=0) as raw:
        raw.write(("\n".join(kept) + "\n").encode("utf-8"))

    shutil.copyfile(shared / "nicknames" / "names.csv", out / "nicknames.csv")
    print(f"{len(rows)} legal-form aliases, {len(titles)} titles, "
          f"{len(kept)} given-name groups", file=sys.stderr)


if __name__ == "__main__":
    main()
