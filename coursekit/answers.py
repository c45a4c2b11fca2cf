"""Answer-cell sources for simulated students: the reference, mutants, broken code."""
from __future__ import annotations

import ast
from pathlib import Path


def strip_docstring(source: str) -> str:
    tree = ast.parse(source)
    lines = source.splitlines()
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant):
        del lines[first.lineno - 1:first.end_lineno]
    return "\n".join(lines).strip() + "\n"


def inline_reference(source: str, root: Path) -> str:
    """A self-contained version of a module that imports from ``reference.*``.

    Mutants under tests/ import the reference and override one piece; a notebook cell
    can't import ``reference``, so its source is pasted in front instead and
    ``import X as Y`` becomes ``Y = X``.
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    prelude, aliases = [], []
    for node in sorted((n for n in tree.body if isinstance(n, ast.ImportFrom)
                        and (n.module or "").startswith("reference.")),
                       key=lambda n: n.lineno, reverse=True):
        path = Path(root, *node.module.split(".")).with_suffix(".py")
        text = strip_docstring(path.read_text())
        if text not in prelude:
            prelude.append(text)
        aliases += [f"{a.asname} = {a.name}" for a in node.names if a.asname and a.name != "*"]
        del lines[node.lineno - 1:node.end_lineno]
    body = strip_docstring("\n".join(lines)) if lines else ""
    return "\n".join(prelude + aliases + [body]).strip() + "\n"


def override(source: str, class_name: str, method: str, body: str) -> str:
    """``source`` plus a subclass of ``class_name`` (same name) whose ``method`` runs ``body``."""
    indented = "\n".join("        " + line for line in body.splitlines())
    return (source.rstrip() + f"\n\n\n_Graded{class_name} = {class_name}\n\n\n"
            f"class {class_name}(_Graded{class_name}):\n"
            f"    def {method}(self, *args, **kwargs):\n{indented}\n")
