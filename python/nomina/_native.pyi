"""Type stubs of the Rust module nomina._native (re-exported by nomina)."""

from os import PathLike
from typing import Any, Iterable, Literal, Optional, TypedDict, Union, final

__version__: str
ACCEPT_THRESHOLD: float
"""Matches scoring below this are not returned (chosen on the dev split)."""

_Path = Union[str, "PathLike[str]"]

How = Literal["exact", "fuzzy", "context", "acronym"]
OutputMode = Literal["annotate", "replace"]

class Entity(TypedDict):
    """An entity as ``Gazetteer.get`` and ``nomina get --json`` give it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    metadata: dict[str, Any]

class NominaError(Exception):
    """A bad source row (with its file and line), a corrupt or unsupported
    artifact, or an I/O error; the message is the one the ``nomina`` command
    prints after ``nomina: ``. A missing file raises
    ``nomina.NominaFileNotFoundError``, which is also a FileNotFoundError."""

    path: Optional[str]
    """The file the error is about, if any."""
    line: Optional[int]
    """The line of a bad source row, if it is one."""

@final
class Match:
    """A resolved entity."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str:
        """The entity's canonical name."""
    @property
    def type(self) -> str:
        """The entity's type ("" if none)."""
    @property
    def score(self) -> float:
        """How sure the match is, 0 to 1."""
    @property
    def evidence(self) -> Optional[dict[str, Any]]:
        """Why it matched (rule, matched_name, key, via_alias, parts), as
        ``nomina resolve --explain --json``; None unless resolved with
        ``explain=True``."""
    def to_dict(self) -> dict[str, Union[str, float]]:
        """As the ``matches`` objects of ``nomina resolve --json``."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Mention:
    """An entity mention in a text."""

    @property
    def start(self) -> int:
        """Byte offset of the mention's first byte in the UTF-8 text."""
    @property
    def end(self) -> int:
        """Byte offset one past its last byte."""
    @property
    def char_start(self) -> int:
        """Character (code point) offset: ``text[char_start:char_end]``."""
    @property
    def char_end(self) -> int: ...
    @property
    def text(self) -> str:
        """The mention as written."""
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str:
        """The entity's canonical name."""
    @property
    def type(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def how(self) -> How:
        """"exact", "fuzzy", "context" or "acronym"."""
    def to_dict(self) -> dict[str, Union[str, int, float]]:
        """As the ``mentions`` objects of ``nomina normalize`` (byte offsets)."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

@final
class DocumentError:
    """A document of a batch that could not be normalised."""

    @property
    def index(self) -> int:
        """Its position in the batch (0-based)."""
    @property
    def reason(self) -> str:
        """Why, as ``nomina normalize`` reports it."""

@final
class BuildReport:
    """What a build wrote."""

    @property
    def entities(self) -> int: ...
    @property
    def aliases(self) -> int: ...
    @property
    def keys(self) -> int: ...
    @property
    def bytes(self) -> int: ...
    @property
    def skipped(self) -> list[str]:
        """Rows skipped with ``skip_invalid``, each as "FILE:LINE: reason"."""
    @property
    def left_out(self) -> list[str]:
        """Ids named by skipped rows that the artifact lacks."""

@final
class Gazetteer:
    """A compiled gazetteer, memory-mapped and checked; safe to share
    between threads."""

    def __init__(self, path: Optional[_Path] = None, verify: bool = True) -> None:
        """Opens the artifact at ``path``, or the embedded default gazetteer
        when ``path`` is None. A file is checksum-verified unless ``verify``
        is False. Raises NominaError for a missing, corrupt or unsupported
        artifact."""
    @property
    def path(self) -> str:
        """The path the gazetteer was opened from, as given; for the
        embedded default gazetteer, "<embedded default gazetteer>"."""
    def __len__(self) -> int: ...
    def resolve(
        self,
        name: str,
        top: int = 1,
        threshold: Optional[float] = None,
        explain: bool = False,
    ) -> list[Match]:
        """The entities ``name`` may denote, best first, at most ``top`` (at
        least 1; ValueError otherwise), each scoring at least ``threshold``
        (a score in [0, 1], default ACCEPT_THRESHOLD; ValueError otherwise).
        Empty means "no entity". With ``explain``, each match has its
        ``evidence``."""
    def get(self, id: str) -> Optional[Entity]:
        """The entity with this id, or None."""
    def verify(self) -> None:
        """Checks the artifact as ``nomina verify`` does (checksum, every
        index and record); raises NominaError if it is damaged."""
    def annotate(
        self,
        text: str,
        *,
        threshold: Optional[float] = None,
        types: Optional[list[str]] = None,
        fuzzy: bool = True,
    ) -> list[Mention]:
        """The entity mentions in ``text``, sorted by start, never
        overlapping. ``threshold`` (default 0.85), ``types`` (keep only
        mentions of entities of these types) and ``fuzzy`` (False: exact
        aliases only) are ``nomina normalize --threshold --types
        --no-fuzzy``."""
    def annotate_batch(
        self,
        texts: Iterable[str],
        threads: Optional[int] = None,
        *,
        threshold: Optional[float] = None,
        types: Optional[list[str]] = None,
        fuzzy: bool = True,
    ) -> list[list[Mention]]:
        """The mentions of each text, in order; parallel, with the GIL
        released, on ``threads`` threads (default: all cores)."""
    def normalize_lines(
        self,
        lines: Iterable[str],
        *,
        text_field: str = "text",
        id_field: str = "id",
        output: OutputMode = "annotate",
        threads: Optional[int] = None,
        threshold: Optional[float] = None,
        types: Optional[list[str]] = None,
        fuzzy: bool = True,
    ) -> list[Union[str, DocumentError]]:
        """What ``nomina normalize --format jsonl`` writes for each JSONL line,
        in order: the output line (no line break), or a DocumentError for a
        line the command reports and skips. ``output`` is "annotate" or
        "replace"."""

def build(
    sources: Union[_Path, Iterable[_Path]],
    out: _Path,
    *,
    skip_invalid: bool = False,
    base: Optional[_Path] = None,
    threads: Optional[int] = None,
) -> BuildReport:
    """Compiles gazetteer sources (.jsonl, .tsv, optionally .gz; one path or
    several) into an artifact at ``out``, atomically. A bad row raises
    NominaError naming its file and line, unless ``skip_invalid`` (the row
    is then skipped whole and reported). ``base``: apply the sources to that
    artifact's entities (``nomina build --base``). ``threads``: at most that
    many worker threads."""

def diff(old: Gazetteer, new: Gazetteer) -> list[dict[str, Any]]:
    """What changed between two artifacts, as ``nomina diff --json``: one
    dict per change, sorted by id."""
