"""nomina: entity resolution and name normalisation over FST-compiled gazetteers.

Resolve single names and find entity mentions in running text against a
gazetteer compiled by ``nomina build`` (or the default one embedded in the
module). The answers are those of the ``nomina`` command: the binding runs
the same Rust library.

>>> import nomina
>>> g = nomina.Gazetteer()                   # the embedded default gazetteer
>>> g.resolve("Britney Greiner")[0].name
'Brittney Griner'
>>> [m.text for m in g.annotate("Anthony Blinken met Sergei Lavrov.")]
['Anthony Blinken', 'Sergei Lavrov']
"""

from ._native import (
    ACCEPT_THRESHOLD,
    BuildReport,
    DocumentError,
    Gazetteer,
    Match,
    Mention,
    NominaError,
    __version__,
    build,
    diff,
)


class NominaFileNotFoundError(NominaError, FileNotFoundError):
    """A file nomina was asked to read (a source, an artifact) does not
    exist: both a NominaError, with ``path``, and a FileNotFoundError."""


__all__ = [
    "ACCEPT_THRESHOLD",
    "BuildReport",
    "DocumentError",
    "Gazetteer",
    "Match",
    "Mention",
    "NominaError",
    "NominaFileNotFoundError",
    "__version__",
    "build",
    "diff",
]
