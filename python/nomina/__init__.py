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
)

__all__ = [
    "ACCEPT_THRESHOLD",
    "BuildReport",
    "DocumentError",
    "Gazetteer",
    "Match",
    "Mention",
    "NominaError",
    "__version__",
    "build",
]
