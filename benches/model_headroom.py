#!/usr/bin/env python3
"""How much a richer model could gain over the fitted scorer (issue 21).

Usage: python3 benches/model_headroom.py ARTIFACT [TRAIN_TSV]

ARTIFACT is the OFAC variant split's gazetteer built by nomina (`nomina
build -o ofac.nom .../ofac-variants-split/gazetteer.jsonl`); TRAIN_TSV
defaults to ../shared/data/ofac-variants-split/train.tsv. Needs numpy and
scikit-learn (an analysis, not part of the build or the tests).

It writes the training rows with `nomina fit --rows` (every fuzzy candidate
of every query with its features), resolves every query for its exact
match, then cross-validates, with the folds `nomina fit` uses (positives
grouped by entity, negatives joined by a rare shared word, FNV-1a of the
group), three kinds of model on the same features: the logistic regression
nomina fits (L2 1, no intercept: the bias is a feature), and gradient-boosted
trees of two sizes. For each it prints acc@1 at the lowest threshold whose
out-of-fold false-match rate is at most 1 % and 1.5 %, and the ceiling:
the share of positives whose entity is an exact match or among the
candidates at all.
"""
import collections
import csv
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
NOMINA = ROOT / "target/release/nomina"


def load(artifact, train):
    queries = []
    with open(train, encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        for i, row in enumerate(rows):
            q = dict(zip(header, row))
            q["line"], q["expected"], q["cands"] = i + 2, q["expected_id"] or None, []
            queries.append(q)
    names = "".join(q["variant"] + "\n" for q in queries)
    out = subprocess.run([NOMINA, "resolve", "-g", artifact, "--json", "--threshold", "1"],
                         input=names, capture_output=True, text=True, check=True).stdout
    for q, line in zip(queries, out.splitlines()):
        m = json.loads(line)["matches"]
        q["exact"] = m[0]["id"] if m else None
    with tempfile.TemporaryDirectory() as tmp:
        rows_path = Path(tmp) / "rows.tsv"
        subprocess.run([NOMINA, "fit", "-g", artifact, "--rows", rows_path, train],
                       capture_output=True, check=True)
        by_line = {q["line"]: q for q in queries}
        with open(rows_path, encoding="utf-8") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(rows)
            for row in rows:
                by_line[int(row[0])]["cands"].append(
                    (row[2], int(row[3]), np.array([float(x) for x in row[4:]])))
    return queries


def fnv(text):
    h = 0xCBF29CE484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def folds(queries, k=5):
    """The folds of `nomina fit` (src/eval/fit.rs)."""
    parent = list(range(len(queries)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holders = collections.defaultdict(list)
    for i, q in enumerate(queries):
        if not q["expected"]:
            for w in sorted({w.lower() for w in re.split(r"[^\w]", q["variant"])
                             if len(w) >= 4 and "_" not in w}):
                holders[w].append(i)
    for _, held in sorted(holders.items()):
        if len(held) <= 3:
            for a, b in zip(held, held[1:]):
                ra, rb = root(a), root(b)
                parent[max(ra, rb)] = min(ra, rb)
    return [fnv("id:" + q["expected"] if q["expected"] else
                "variant:" + queries[root(i)]["variant"]) % k
            for i, q in enumerate(queries)]


def out_of_fold(queries, fit, k=5):
    of = folds(queries, k)
    best = [None] * len(queries)
    for f in range(k):
        train = [c for q, g in zip(queries, of) if g != f and not q["exact"] for c in q["cands"]]
        model = fit(np.array([c[2] for c in train]), np.array([c[1] for c in train]))
        for i, (q, g) in enumerate(zip(queries, of)):
            if g == f and not q["exact"] and q["cands"]:
                p = model.predict_proba(np.array([c[2] for c in q["cands"]]))[:, 1]
                j = int(np.argmax(p))
                best[i] = (q["cands"][j][0], min(float(p[j]), 0.99))
            elif q["exact"]:
                best[i] = (q["exact"], 1.0)
    return best


def at_rate(queries, best, rate):
    negatives = sum(1 for q in queries if not q["expected"])
    positives = len(queries) - negatives
    for t in np.arange(0.001, 1.0, 0.001):
        answered = [b if b and b[1] >= t else None for b in best]
        false = sum(1 for q, a in zip(queries, answered) if a and not q["expected"])
        if false <= rate * negatives:
            right = sum(1 for q, a in zip(queries, answered) if a and a[0] == q["expected"])
            return t, right / positives, false
    return None


def main():
    artifact = sys.argv[1]
    train = sys.argv[2] if len(sys.argv) > 2 else str(
        ROOT.parent / "shared/data/ofac-variants-split/train.tsv")
    queries = load(artifact, train)
    positives = [q for q in queries if q["expected"]]
    reach = sum(1 for q in positives
                if q["exact"] == q["expected"] or any(c[1] for c in q["cands"]))
    print(f"{len(positives)} positives, ceiling acc@1 {reach / len(positives):.3f} "
          f"({reach} with the entity exact or among the candidates)")
    models = {
        "logistic regression (nomina's)":
            lambda X, y: LogisticRegression(C=1, max_iter=5000, fit_intercept=False).fit(X, y),
        "gradient-boosted trees, 100 of depth 3":
            lambda X, y: GradientBoostingClassifier(random_state=0).fit(X, y),
        "gradient-boosted trees, 300 of depth 4":
            lambda X, y: GradientBoostingClassifier(n_estimators=300, max_depth=4,
                                                    learning_rate=0.05, subsample=0.8,
                                                    random_state=0).fit(X, y),
    }
    for name, fit in models.items():
        best = out_of_fold(queries, fit)
        for rate in (0.01, 0.015):
            t, acc, false = at_rate(queries, best, rate)
            print(f"{name}: false matches <= {rate:.1%}: threshold {t:.3f}, "
                  f"acc@1 {acc:.3f} ({false} false)")


if __name__ == "__main__":
    main()
