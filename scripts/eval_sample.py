#!/usr/bin/env python3
"""Draws the documents of the HuffPost mention set (issue: trustworthy
links in unseen news) and, after annotation, writes the gold files.

  python3 scripts/eval_sample.py sample OUT_DIR [--batches K]
      800 documents of data/sample/huffpost-news.jsonl.gz, drawn with a fixed
      seed (2026), those of data/eval/huffpost-mentions.jsonl left out, in K
      batches (OUT_DIR/batch-N.jsonl: {"id", "text"}) for annotators.

  python3 scripts/eval_sample.py gold ANNOTATIONS.tsv... [--nomina BIN]
      Reads annotations (TSV: doc_id, mention text as written, its
      occurrence in the document counting from 1, gazetteer id or NIL,
      kind), finds each mention's byte span, checks every id exists in
      the default gazetteer (`nomina get`), and writes
      data/eval/huffpost-800-dev.jsonl and -test.jsonl (the halves fixed by
      the seed), each line {"id", "text", "mentions": [{"start", "end",
      "text", "id"}]}. A mention that cannot be placed is reported and
      left out.

  python3 scripts/eval_sample.py relink SOURCE.jsonl.gz...
      After entities are added to the default gazetteer (SOURCE: their
      gazetteer source), gives their ids to the gold mentions that were NIL
      because the gazetteer lacked them: a NIL mention whose text is, as
      written, the name or an alias of exactly one new entity takes its id
      (a NIL mention never names an entity the gazetteer had, so the new
      one is the only candidate of that name). Rewrites both halves in
      place and lists every change.

  python3 scripts/eval_sample.py agree FIRST.tsv SECOND.tsv DOCS.jsonl
      Agreement of two independent passes over the documents of DOCS.jsonl
      (the ones both annotated): on spans (exact), and on ids where both
      marked the same span.
"""
import csv
import gzip
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
SIZE = 800


def documents():
    with gzip.open(ROOT / "data/sample/huffpost-news.jsonl.gz", "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    old = {json.loads(l)["id"] for l in open(ROOT / "data/eval/huffpost-mentions.jsonl")}
    return [d for d in docs if d["id"] not in old]


def drawn():
    """The 800 documents, and the ids of the dev half."""
    rng = random.Random(SEED)
    docs = rng.sample(documents(), SIZE)
    order = list(range(SIZE))
    rng.shuffle(order)
    dev = {docs[i]["id"] for i in order[: SIZE // 2]}
    return docs, dev


def sample(out_dir, batches):
    docs, _ = drawn()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    per = (len(docs) + batches - 1) // batches
    for b in range(batches):
        with open(out / f"batch-{b + 1}.jsonl", "w", encoding="utf-8") as f:
            for d in docs[b * per:(b + 1) * per]:
                f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents in {batches} batches of {per} under {out}")


def read_tsv(paths):
    rows = []
    for p in paths:
        for n, line in enumerate(open(p, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.startswith("doc_id\t"):
                continue
            f = line.split("\t")
            if len(f) < 4:
                print(f"{p}:{n}: expected doc_id, text, occurrence, id[, kind]", file=sys.stderr)
                continue
            rows.append((p, n, f[0].strip(), f[1], int(f[2] or 1), f[3].strip(), f[4].strip() if len(f) > 4 else ""))
    return rows


def place(text, mention, occurrence):
    """Byte span of the occurrence-th whole-word occurrence of mention."""
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")
    hits = list(pattern.finditer(text))
    if len(hits) < occurrence:
        return None
    m = hits[occurrence - 1]
    start = len(text[: m.start()].encode())
    return start, start + len(mention.encode())


def gold(paths, nomina):
    docs, dev = drawn()
    by_id = {d["id"]: d for d in docs}
    rows = read_tsv(paths)
    ids = sorted({r[5] for r in rows if r[5] != "NIL"})
    known = set()
    if ids:
        out = subprocess.run([nomina, "get", "--json"], input="\n".join(ids).encode(), capture_output=True)
        known = {json.loads(l)["id"] for l in out.stdout.decode().splitlines()}
    mentions = {d["id"]: [] for d in docs}
    bad = 0
    for p, n, doc, text, occ, eid, kind in rows:
        d = by_id.get(doc)
        span = place(d["text"], text, occ) if d else None
        if span is None or (eid != "NIL" and eid not in known):
            why = "no such document" if d is None else "span not found" if span is None else f"unknown id {eid}"
            print(f"{p}:{n}: {why}: {doc} {text!r}", file=sys.stderr)
            bad += 1
            continue
        mentions[doc].append({"start": span[0], "end": span[1], "text": text, "id": eid})
    for half, keep in (("dev", True), ("test", False)):
        path = ROOT / f"data/eval/huffpost-800-{half}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                if (d["id"] in dev) != keep:
                    continue
                ms = sorted({(m["start"], m["end"]): m for m in mentions[d["id"]]}.values(), key=lambda m: m["start"])
                f.write(json.dumps({"id": d["id"], "text": d["text"], "mentions": ms}, ensure_ascii=False) + "\n")
        total = sum(len(mentions[d["id"]]) for d in docs if (d["id"] in dev) == keep)
        nil = sum(m["id"] == "NIL" for d in docs if (d["id"] in dev) == keep for m in mentions[d["id"]])
        print(f"{path.name}: {SIZE // 2} documents, {total} mentions ({nil} NIL)")
    print(f"{bad} annotations could not be placed or named an unknown id")


def agree(first, second, docs_path):
    def spans(path):
        docs, _ = drawn()
        by_id = {d["id"]: d for d in docs}
        out = {}
        for _, _, doc, text, occ, eid, _ in read_tsv([path]):
            span = place(by_id[doc]["text"], text, occ) if doc in by_id else None
            if span:
                out[(doc, span)] = eid
        return out
    a, b = spans(first), spans(second)
    docs = {json.loads(l)["id"] for l in open(docs_path, encoding="utf-8")}
    a = {k: v for k, v in a.items() if k[0] in docs}
    b = {k: v for k, v in b.items() if k[0] in docs}
    both = set(a) & set(b)
    p = len(both) / len(b) if b else 0.0
    r = len(both) / len(a) if a else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    same_id = sum(a[k] == b[k] for k in both)
    linked = lambda spans: {k for k, v in spans.items() if v != "NIL"}
    la, lb = linked(a), linked(b)
    lboth = {k for k in la & lb if a[k] == b[k]}
    lf1 = 2 * len(lboth) / (len(la) + len(lb)) if la or lb else 0.0
    print(f"documents {len(docs)}; spans: first {len(a)}, second {len(b)}, both {len(both)}; "
          f"span F1 {f1:.3f}; same id on shared spans {same_id}/{len(both)} "
          f"({same_id / len(both) if both else 0:.3f}); "
          f"linked mentions (span and gazetteer id): first {len(la)}, second {len(lb)}, "
          f"both {len(lboth)}, F1 {lf1:.3f}")
    diff = Counter()
    for k in both:
        if a[k] != b[k]:
            diff[(a[k] == "NIL", b[k] == "NIL")] += 1
    print("id disagreements (first NIL, second NIL):", dict(diff))


def relink(sources):
    names = {}
    for src in sources:
        if src.endswith(".tsv"):
            with open(src, encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f, delimiter="\t"):
                    aliases = [a for a in (r.get("aliases") or "").split("|") if a]
                    for n in [r["name"], *aliases]:
                        names.setdefault(n, set()).add(r["id"])
            continue
        with gzip.open(src, "rt", encoding="utf-8") as f:
            for line in f:
                e = json.loads(line)
                for n in [e["name"], *e.get("aliases", [])]:
                    names.setdefault(n, set()).add(e["id"])
    changed = Counter()
    for half in ("dev", "test"):
        path = ROOT / f"data/eval/huffpost-800-{half}.jsonl"
        docs = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
        for d in docs:
            for m in d["mentions"]:
                ids = names.get(m["text"], set())
                if m["id"] == "NIL" and len(ids) == 1:
                    m["id"] = next(iter(ids))
                    changed[(half, m["text"], m["id"])] += 1
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    for (half, text, id_), n in sorted(changed.items()):
        print(f"{half}\t{text}\t{id_}\t{n}")
    print(f"{sum(changed.values())} mentions relinked", file=sys.stderr)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "sample":
        k = int(sys.argv[sys.argv.index("--batches") + 1]) if "--batches" in sys.argv else 4
        sample(sys.argv[2], k)
    elif cmd == "gold":
        nomina = sys.argv[sys.argv.index("--nomina") + 1] if "--nomina" in sys.argv else str(ROOT / "target/release/nomina")
        gold([a for a in sys.argv[2:] if not a.startswith("--") and a != nomina], nomina)
    elif cmd == "relink":
        relink(sys.argv[2:])
    elif cmd == "agree":
        agree(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
