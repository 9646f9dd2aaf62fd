#!/usr/bin/env python3
"""Writes data/lexicon/common_words.txt.gz: English words that, written with a
capital, are more likely an ordinary word at the start of a sentence or in a
headline than a name ("May", "Price", "Bout", "Turkey" the bird).

A word is listed when
  1. the English dictionary (SCOWL via Debian's wamerican, permissive licence)
     has it in lower case, and
  2. the HuffPost news sample (CC BY 4.0) does not write it capitalised in
     the middle of a sentence more often than in lower case. "china" is in
     the dictionary but HuffPost writes "China" far more often, so it is not
     listed; "turkey", "price" and "may" are.
Month and weekday names are listed too: they are capitalised common nouns.

Usage: prepare_common_words.py DICTIONARY HUFFPOST.jsonl.gz OUT.txt.gz
"""
import gzip
import json
import re
import sys
from collections import Counter

CALENDAR = """january february march april may june july august september
october november december monday tuesday wednesday thursday friday saturday
sunday""".split()

WORD = re.compile(r"[A-Za-z]+")
SENTENCE_END = re.compile(r"[.!?:\"“”]\s*$")


def mid_sentence_counts(path):
    """Counts lower-case and capitalised occurrences of each word, leaving
    out the first word of each sentence (capitalised by grammar)."""
    lower, capital = Counter(), Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("short_description", "")
            prev_end = 0
            first = True
            for m in WORD.finditer(text):
                gap = text[prev_end:m.start()]
                if SENTENCE_END.search(gap) or "\n" in gap:
                    first = True
                prev_end = m.end()
                w = m.group()
                if first:
                    first = False
                    continue
                if w.islower():
                    lower[w] += 1
                elif w[0].isupper() and w[1:].islower():
                    capital[w.lower()] += 1
    return lower, capital


def main():
    dictionary, huffpost, out = sys.argv[1:4]
    lower, capital = mid_sentence_counts(huffpost)
    words = set()
    with open(dictionary, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w.isascii() and w.isalpha() and w.islower():
                if capital[w] <= lower[w]:
                    words.add(w)
    words.update(CALENDAR)
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        f.write("".join(w + "\n" for w in sorted(words)).encode())
    print(f"{len(words)} common words", file=sys.stderr)


if __name__ == "__main__":
    main()
