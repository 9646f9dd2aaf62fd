#!/usr/bin/env python3
"""Checks that the library's modules import one way, down the pipeline.

Usage, from the project root: python3 scripts/check_layers.py [--edges]

Every file of src/ (the binary in src/bin/ aside, and lib.rs, which only
declares and re-exports) belongs to a top-level module, and the top-level
modules are ordered as the pipeline runs (LAYERS below, bottom first). A
file may use:

  * a file of a top-level module lower in the order;
  * a file of its own top-level module, as long as no circle forms.

References are read from the text: `crate::` paths, `super::` and `self::`
paths (resolved against the file's own module), paths into the child
modules a file declares (`mod context;` then `context::link`), grouped
`use` lists, and re-exports (`pub use`) followed to the file that defines
the name, so that a path through a `mod.rs` or through lib.rs counts as a
use of the file behind it. Comments are ignored; test code is not.

Exit status 1, with each offending edge and the names that cause it, if a
file imports upward or files import each other in a circle; 0 otherwise.
"""
import re
import sys
from collections import defaultdict
from pathlib import Path

# Bottom first. Modules on one line form one layer: they may not use each
# other's files in a circle, and neither may use a module above.
LAYERS = [
    ["fitted"],
    ["limits"],
    ["error"],
    ["codec"],
    ["memo"],
    ["normalize"],
    ["name"],
    ["gazetteer"],
    ["candidate"],
    ["score"],
    ["resolve"],
    ["reload"],
    ["spot"],
    ["corpus"],
    ["eval"],
]
LAYER = {m: i for i, mods in enumerate(LAYERS) for m in mods}

SRC = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else Path("src")
files = {
    p: re.sub(r"//[^\n]*", "", p.read_text(encoding="utf-8"))
    for p in SRC.rglob("*.rs")
    if "bin" not in p.relative_to(SRC).parts
}


def module_of(path):
    """The module path of a file: src/a/b.rs and src/a/b/mod.rs are a::b."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return parts


by_module = {tuple(module_of(p)): p for p in files}


def file_of(parts):
    """The file of the longest module prefix of `parts`, and what is left."""
    for k in range(len(parts), -1, -1):
        f = by_module.get(tuple(parts[:k]))
        if f is not None:
            return f, parts[k:]
    return None, parts


def expand_use(text):
    """(path, is_pub) for every path a `use` item names, groups expanded."""
    out = []
    for m in re.finditer(r"(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", text):
        is_pub = m.group(1) is not None

        def walk(prefix, body):
            body = body.strip()
            if body.startswith("{") and body.endswith("}"):
                depth, item, items = 0, "", []
                for ch in body[1:-1]:
                    if ch == "," and depth == 0:
                        items.append(item)
                        item = ""
                        continue
                    depth += ch == "{"
                    depth -= ch == "}"
                    item += ch
                items.append(item)
                for it in items:
                    if it.strip():
                        walk(prefix, it)
                return
            head, sep, rest = body.partition("::")
            if sep and not head.strip().startswith("{"):
                if rest.strip().startswith("{"):
                    walk(prefix + [head.strip()], rest)
                else:
                    walk(prefix + [head.strip()], rest)
                return
            name = body.split(" as ")[0].strip()
            out.append((prefix + ([] if name == "self" else [name]), is_pub))

        walk([], m.group(2))
    return out


def absolute(path, mod):
    """`path` (a list of segments) as seen from module `mod`, made absolute
    from the crate root; None for paths into other crates."""
    if not path:
        return None
    head = path[0]
    if head == "crate":
        return path[1:]
    if head == "self":
        return mod + path[1:]
    if head == "super":
        base = list(mod)
        while path and path[0] == "super":
            base = base[:-1]
            path = path[1:]
        return base + path
    return None


# Children each file declares, for relative paths (`context::link`).
children = {
    f: set(re.findall(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", t, re.M))
    for f, t in files.items()
}

# Re-exports: (file, name) -> absolute path it stands for.
reexports = {}
for f, text in files.items():
    mod = module_of(f)
    for path, is_pub in expand_use(text):
        if not is_pub or not path:
            continue
        if path[0] in children[f]:
            path = ["self"] + path
        target = absolute(path, mod)
        if target:
            reexports[(f, path[-1])] = target


def resolve(parts, seen=0):
    """The file that defines the item at absolute path `parts`."""
    f, rest = file_of(parts)
    if f is None:
        return None
    if rest and (f, rest[0]) in reexports and seen < 8:
        return resolve(reexports[(f, rest[0])] + rest[1:], seen + 1)
    return f


def inline_modules(text):
    """(start, end, name) of each inline `mod name { ... }` block."""
    out = []
    for m in re.finditer(r"\bmod\s+(\w+)\s*\{", text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.append((m.start(), i, m.group(1)))
    return out


def module_at(f, blocks, pos):
    """The module of the code at `pos` in file `f`: the file's module and
    the inline modules around `pos`."""
    return module_of(f) + [n for a, b, n in blocks if a <= pos < b]


edges = defaultdict(lambda: defaultdict(set))
path_re = re.compile(r"\b((?:crate|super|self)(?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))+)")
use_re = re.compile(r"(?:pub(?:\([^)]*\))?\s+)?use\s+[^;]+;")
for f, text in files.items():
    if f.name == "lib.rs":
        continue
    blocks = inline_modules(text)
    refs = []
    for m in path_re.finditer(text):
        refs.append((m.start(), m.group(1).split("::")))
    for m in use_re.finditer(text):
        for p, _ in expand_use(m.group(0)):
            if p and p[0] in ("crate", "super", "self"):
                refs.append((m.start(), p))
            elif p and p[0] in children[f]:
                refs.append((m.start(), ["self"] + p))
    for child in children[f]:
        pat = r"(?<![\w:])" + child + r"((?:::[A-Za-z_][A-Za-z0-9_]*)+)"
        for m in re.finditer(pat, text):
            refs.append((m.start(), ["self", child] + m.group(1).split("::")[1:]))
    for pos, parts in refs:
        target_path = absolute(parts, module_at(f, blocks, pos))
        if target_path is None:
            continue
        target = resolve(target_path)
        if target and target != f:
            edges[f][target].add(parts[-1])

problems = []
for a in sorted(edges):
    top_a = module_of(a)[0] if module_of(a) else "lib"
    for b in sorted(edges[a]):
        top_b = module_of(b)[0] if module_of(b) else "lib"
        if top_a not in LAYER or top_b not in LAYER:
            problems.append(f"{a} -> {b}: a module with no layer ({top_a}, {top_b})")
        elif LAYER[top_b] > LAYER[top_a] or (
            LAYER[top_b] == LAYER[top_a] and top_a != top_b
        ):
            names = ", ".join(sorted(edges[a][b])[:6])
            problems.append(f"upward: {a} -> {b}: {names}")

# Circles among files (Tarjan's strongly connected components).
index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            comps.append(sorted(comp))


sys.setrecursionlimit(10000)
for v in sorted(files):
    if v not in index:
        visit(v)
for comp in comps:
    inside = set(comp)
    for a in comp:
        for b in sorted(edges[a]):
            if b in inside:
                names = ", ".join(sorted(edges[a][b])[:6])
                problems.append(f"circle: {a} -> {b}: {names}")

if "--edges" in sys.argv:
    for a in sorted(edges):
        for b in sorted(edges[a]):
            print(f"{a} -> {b}: {', '.join(sorted(edges[a][b])[:6])}")
for p in problems:
    print(p)
n_edges = sum(len(v) for v in edges.values())
print(f"{len(files)} files, {n_edges} imports between them, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
