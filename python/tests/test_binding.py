"""The binding gives the answers of the `nomina` command: resolve, annotate,
batches, normalisation lines, builds and errors, on the repository's real
fixtures (OFAC, UN and HuffPost samples; the mission's name variants)."""

import csv
import json
import threading
from pathlib import Path

import pytest

import nomina
from conftest import run_cli, texts_of


@pytest.fixture(scope="module")
def g() -> nomina.Gazetteer:
    return nomina.Gazetteer()


def test_resolve_equals_cli(g, cli, root):
    # The mission's examples and the labelled variants of tests/data.
    names = [row[0] for row in csv.reader(open(root / "benches/mission.tsv"), delimiter="\t")][1:]
    names += (root / "data/sample/names.txt").read_text().splitlines()
    out = run_cli(cli, "resolve", "--json", "--top", "3", stdin=("\n".join(names) + "\n").encode())
    assert out.returncode == 0, out.stderr.decode()
    expected = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(expected) == len(names)
    for name, want in zip(names, expected):
        assert want["query"] == name
        assert [m.to_dict() for m in g.resolve(name, top=3)] == want["matches"], name
    assert g.resolve("Britney Greiner")[0].name == "Brittney Griner"
    assert g.resolve("John Smith") == []


def test_annotate_equals_cli_and_offsets_hold(g, huffpost_lines, huffpost_cli_output):
    found = 0
    for line, cli_line in zip(huffpost_lines, huffpost_cli_output):
        text = json.loads(line)["text"]
        mentions = g.annotate(text)
        assert [m.to_dict() for m in mentions] == json.loads(cli_line)["mentions"]
        raw = text.encode()
        for m in mentions:
            assert raw[m.start:m.end].decode() == m.text
            assert text[m.char_start:m.char_end] == m.text
        found += len(mentions)
    assert found > 5000  # the sample names thousands of entities


def test_character_offsets_after_multibyte_text(g):
    text = "Ça coûte cher — “Сергей Лавров” met Anthony Blinken in Moscow."
    got = [(m.text, m.char_start, m.char_end, m.start, m.end) for m in g.annotate(text)]
    for t, cs, ce, bs, be in got:
        assert text[cs:ce] == t and text.encode()[bs:be].decode() == t
    assert [t for t, *_ in got] == ["Сергей Лавров", "Anthony Blinken", "Moscow"]
    assert got[0][1] < got[0][3]  # bytes run ahead of characters here


def test_annotate_batch_equals_annotate_for_any_thread_count(g, huffpost_lines):
    texts = texts_of(huffpost_lines[:2000])
    one_by_one = [[m.to_dict() for m in g.annotate(t)] for t in texts]
    for threads in (None, 1, 2, 3):
        batch = g.annotate_batch(texts, threads=threads)
        assert [[m.to_dict() for m in ms] for ms in batch] == one_by_one, threads
    with pytest.raises(ValueError):
        g.annotate_batch(texts, threads=0)


def test_annotate_batch_releases_the_gil(g, huffpost_lines):
    texts = texts_of(huffpost_lines) * 2
    started = threading.Event()
    done = []

    def work():
        started.set()
        done.append(g.annotate_batch(texts, threads=1))

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    spins = 0
    while worker.is_alive():
        spins += 1
    worker.join()
    assert len(done[0]) == len(texts)
    # Held, the GIL would stop this loop for the whole batch (about a
    # second); released, it spins millions of times meanwhile.
    assert spins > 10_000, spins


def test_normalize_lines_equals_cli_with_bad_documents(g, cli, huffpost_lines):
    lines = huffpost_lines[:300]
    bad = {5: "not json", 17: '{"id": "x"}', 40: '{"id": "y", "text": 42}', 41: "[1, 2]"}
    for at, line in bad.items():
        lines.insert(at, line)
    for mode in ("annotate", "replace"):
        out = run_cli(cli, "normalize", "-q", "--format", "jsonl", "--output", mode,
                      stdin=("\n".join(lines) + "\n").encode())
        assert out.returncode == 1  # bad documents were reported
        cli_lines = out.stdout.decode().splitlines()
        cli_errors = out.stderr.decode().splitlines()
        got = g.normalize_lines(lines, output=mode, threads=2)
        assert [x for x in got if isinstance(x, str)] == cli_lines
        errors = [x for x in got if isinstance(x, nomina.DocumentError)]
        assert [e.index for e in errors] == sorted(bad)
        # The command names the line: "-:LINE: reason".
        assert [f"nomina: -:{e.index + 1}: {e.reason}" for e in errors] == cli_errors[: len(errors)]
    with pytest.raises(ValueError):
        g.normalize_lines(lines, output="rewrite")


def test_build_reports_like_the_cli(cli, root, tmp_path):
    sources = [root / "tests/data/ofac-sample.jsonl", root / "tests/data/un-sample.tsv"]
    report = nomina.build(sources, tmp_path / "py.nom")
    out = run_cli(cli, "build", "-o", str(tmp_path / "cli.nom"), *map(str, sources))
    assert out.returncode == 0
    summary = out.stderr.decode()
    assert f"{report.entities} entities, {report.aliases} aliases, {report.keys} keys, {report.bytes} bytes" in summary
    # Same sources, same bytes, whichever way it was built.
    assert (tmp_path / "py.nom").read_bytes() == (tmp_path / "cli.nom").read_bytes()
    g = nomina.Gazetteer(tmp_path / "py.nom")
    assert len(g) == report.entities
    assert g.resolve("LAVROV, Sergei")[0].id.startswith("ofac-")


def error_of(cli, *args) -> str:
    out = run_cli(cli, *args)
    assert out.returncode == 1
    line = out.stderr.decode().strip()
    assert line.startswith("nomina: ")
    return line[len("nomina: "):]


def test_errors_carry_the_cli_messages(cli, root, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "name": "Antony Blinken"}\n{"id": "b"}\n')
    with pytest.raises(nomina.NominaError) as e:
        nomina.build([bad], tmp_path / "out.nom")
    assert str(e.value) == error_of(cli, "build", "-o", str(tmp_path / "out.nom"), str(bad))
    assert f"{bad}:2:" in str(e.value)
    assert not (tmp_path / "out.nom").exists()
    report = nomina.build([bad], tmp_path / "out.nom", skip_invalid=True)
    assert report.entities == 1 and len(report.skipped) == 1 and f"{bad}:2:" in report.skipped[0]

    missing = tmp_path / "missing.nom"
    with pytest.raises(nomina.NominaError) as e:
        nomina.Gazetteer(missing)
    assert str(e.value) == error_of(cli, "resolve", "-g", str(missing), "x")

    good = (tmp_path / "out.nom").read_bytes()
    for name, data in [("truncated.nom", good[: len(good) // 2]),
                       ("flipped.nom", good[:100] + bytes([good[100] ^ 1]) + good[101:])]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(nomina.NominaError) as e:
            nomina.Gazetteer(path)
        assert str(e.value) == error_of(cli, "resolve", "-g", str(path), "x")


def test_matches_and_mentions_are_values(g):
    # Two answers to the same question are equal and hash alike, so they
    # can be compared, deduplicated and used as keys.
    a, b = g.resolve("Britney Greiner"), g.resolve("Britney Greiner")
    assert a == b and hash(a[0]) == hash(b[0]) and len({a[0], b[0]}) == 1
    assert a[0] != g.resolve("Anthony Blinken")[0]
    text = "Secretary of State Anthony Blinken met Sergei Lavrov."
    assert g.annotate(text) == g.annotate(text)
    assert len(set(g.annotate(text) + g.annotate(text))) == len(g.annotate(text))


def test_explain_get_and_verify_as_the_cli(g, cli):
    m = g.resolve("Anthony Blinken", explain=True)[0]
    out = run_cli(cli, "resolve", "--json", "--explain", "Anthony Blinken")
    cli_match = json.loads(out.stdout)["matches"][0]
    assert m.evidence == cli_match["evidence"]
    assert g.resolve("Anthony Blinken")[0].evidence is None
    parts = {(p["query_text"], p["name_text"]) for p in m.evidence["parts"]}
    assert ("anthony", "antony") in parts
    assert m.evidence["features"]["same_key"] > 0
    out = run_cli(cli, "get", "--json", "news-sergey-lavrov")
    assert g.get("news-sergey-lavrov") == json.loads(out.stdout)
    assert g.get("no-such-id") is None
    g.verify()


def test_arguments_are_checked_and_iterables_accepted(g, huffpost_lines):
    for bad in [dict(top=0), dict(top=-1), dict(threshold=1.5), dict(threshold=float("nan"))]:
        with pytest.raises(ValueError):
            g.resolve("Sergei Lavrov", **bad)
    texts = texts_of(huffpost_lines[:50])
    assert g.annotate_batch(t for t in texts) == g.annotate_batch(texts)
    assert g.normalize_lines(iter(huffpost_lines[:20])) == g.normalize_lines(huffpost_lines[:20])
    with pytest.raises(TypeError):
        g.annotate_batch("one string is not a batch")


def test_errors_say_where_and_a_missing_file_is_file_not_found(root, tmp_path):
    with pytest.raises(FileNotFoundError) as e:
        nomina.Gazetteer(tmp_path / "missing.nom")
    assert isinstance(e.value, nomina.NominaError)
    assert e.value.path == str(tmp_path / "missing.nom") and e.value.line is None
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "name": "Antony Blinken"}\n{"id": "b"}\n')
    with pytest.raises(nomina.NominaError) as e:
        nomina.build(bad, tmp_path / "out.nom")  # one path, not a list
    assert (e.value.path, e.value.line) == (str(bad), 2)


def test_build_from_a_base_and_diff(root, tmp_path):
    base = tmp_path / "base.nom"
    nomina.build(root / "tests/data/ofac-sample.jsonl", base, threads=1)
    delta = tmp_path / "delta.tsv"
    delta.write_text("id\top\tname\nofac-36\tdelete\t\nnew-1\tupsert\tNovel Entity\n")
    report = nomina.build([delta], tmp_path / "new.nom", base=base)
    old, new = nomina.Gazetteer(base), nomina.Gazetteer(tmp_path / "new.nom")
    assert report.entities == len(old)
    changes = nomina.diff(old, new)
    assert sorted((c["change"], c["id"]) for c in changes) == [
        ("added", "new-1"), ("removed", "ofac-36")]


def test_annotate_controls_equal_the_cli(g, cli):
    text = "Alex Bogdanovic beat Ana Ivanovic in Paris. Sergei Lavrov watched."
    for kwargs, args in [
        (dict(fuzzy=False), ["--no-fuzzy"]),
        (dict(types=["location"]), ["--types", "location"]),
        (dict(threshold=0.99), ["--threshold", "0.99"]),
    ]:
        out = run_cli(cli, "normalize", "-q", *args, stdin=text.encode())
        expected = json.loads(out.stdout)["mentions"]
        assert [m.to_dict() for m in g.annotate(text, **kwargs)] == expected
        assert g.annotate_batch([text], **kwargs)[0] == g.annotate(text, **kwargs)
    with pytest.raises(ValueError):
        g.annotate(text, threshold=2.0)
