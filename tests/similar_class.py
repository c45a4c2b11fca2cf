"""Simulated classes for the similarity report: authors, copies and disguises.

Each exercise's independent authors are the reference and each correct alternative under
``tests/alternatives/``; a mutant is a copy of the reference it was made from (its changed
definitions put in place of the reference's). A student's file is one of those, disguised:
every local name renamed, the code reformatted (``ast.unparse``) and its comments replaced,
and made unique, so no two files are byte-equal.
"""
from __future__ import annotations

import ast
import builtins
import keyword
import random
from pathlib import Path

from coursekit.answers import inline_reference, strip_docstring

ROOT = Path(__file__).resolve().parents[1]


def merged_mutant(root: Path, session_id: str, exercise_id: str, mutant: Path) -> str:
    """The reference with the mutant's definitions in place of its own (new ones appended): what a
    student who copied the reference and then changed it would hand in."""
    reference = strip_docstring((root / "reference" / session_id / f"{exercise_id}.py").read_text())
    text = strip_docstring(mutant.read_text())
    changed = ast.parse(text)
    defs = {n.name: ast.get_source_segment(text, n, padded=True) for n in changed.body
            if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
    lines = reference.splitlines()
    for node in sorted(ast.parse(reference).body, key=lambda n: n.lineno, reverse=True):
        name = getattr(node, "name", None)
        if name in defs:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            lines[start - 1:node.end_lineno] = defs.pop(name).splitlines()
    imports = [ast.get_source_segment(text, n) for n in changed.body
               if isinstance(n, (ast.Import, ast.ImportFrom))
               and not (getattr(n, "module", "") or "").startswith("reference.")]
    return "\n".join(imports + lines + [""] + list(defs.values())) + "\n"


def authors(root: Path, session_id: str, exercise_id: str) -> dict[str, list[str]]:
    """{origin: [sources]}: the reference (with every mutant, merged) and each alternative."""
    folder = root / "tests"
    ref = strip_docstring((root / "reference" / session_id / f"{exercise_id}.py").read_text())
    mutants = sorted((folder / "mutants" / session_id / exercise_id).glob("*.py"))
    found = {"reference": [ref] + [merged_mutant(root, session_id, exercise_id, m) for m in mutants]}
    for alt in sorted((folder / "alternatives" / session_id / exercise_id).glob("*.py")):
        found[alt.stem] = [inline_reference(alt.read_text(), root)]
    return found


class _Renamer(ast.NodeTransformer):
    """Renames the local names each function binds, consistently within it (its arguments kept:
    graders call by keyword)."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def visit_FunctionDef(self, node):
        arguments = {a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs}
        arguments |= {a.arg for a in (node.args.vararg, node.args.kwarg) if a is not None}
        stored = {sub.id for sub in ast.walk(node)
                  if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store)}
        keep = arguments | {"self", "cls"} | set(dir(builtins)) | set(keyword.kwlist)
        names = {name: f"{name}_{self.rng.randrange(10**6)}" for name in stored - keep}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in names:
                sub.id = names[sub.id]
        self.generic_visit(node)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef


def disguise(source: str, seed: int) -> str:
    """``source`` renamed, reformatted and re-commented; ``seed`` makes each copy its own."""
    rng = random.Random(seed)
    tree = _Renamer(rng).visit(ast.parse(source))
    lines = ast.unparse(ast.fix_missing_locations(tree)).splitlines()
    out = [f"# my solution, take {seed}"]
    for line in lines:
        out.append(line)
        opens = line.rstrip().endswith((":", "(", ",", "[", "{", "\\"))
        if line.strip() and rng.random() < 0.1 and not opens:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}# note {rng.randrange(10**6)}")
    return "\n".join(out) + "\n"
