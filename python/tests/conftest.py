"""Fixtures shared by the binding's tests: the repository's data and the
`nomina` binary whose output the binding must reproduce."""

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def cli() -> Path:
    """The release binary (built by scripts/test.sh, or NOMINA_BIN)."""
    path = Path(os.environ.get("NOMINA_BIN", ROOT / "target/release/nomina"))
    if not path.exists():
        pytest.fail(f"{path} not found: run `cargo build --release` first or set NOMINA_BIN")
    return path


def run_cli(cli: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NOMINA_GAZETTEER"}
    return subprocess.run([str(cli), *args], input=stdin, capture_output=True, env=env)


@pytest.fixture(scope="session")
def huffpost_lines(root: Path) -> list[str]:
    """The 9,999 HuffPost documents of data/sample as JSONL lines."""
    with gzip.open(root / "data/sample/huffpost-news.jsonl.gz", "rt", encoding="utf-8") as f:
        return f.read().splitlines()


@pytest.fixture(scope="session")
def huffpost_cli_output(cli: Path, huffpost_lines: list[str]) -> list[str]:
    """`nomina normalize --format jsonl` of those documents, line by line."""
    out = run_cli(cli, "normalize", "-q", "--format", "jsonl",
                  stdin=("\n".join(huffpost_lines) + "\n").encode())
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode().splitlines()
    assert len(lines) == len(huffpost_lines)
    return lines


def texts_of(lines: list[str]) -> list[str]:
    return [json.loads(line)["text"] for line in lines]
