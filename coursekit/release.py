"""The student release: stubs, public graders, support package, data, install files.

Never: reference/, graders/hidden/, tests/ (mutants hold reference-like code).
:func:`find_leaks` scans any set of files for reference lines and hidden-check source.
"""
from __future__ import annotations

import ast
import html
import re
import shutil
import tarfile
from pathlib import Path

import nbformat

SHIPPED = ["exercises", "graders", "coursekit", "course_config.py", "pyproject.toml",
           "requirements.txt", "constraints.txt"]
NEVER = {"hidden", "__pycache__"}

STUDENT_README = """# {course_id}: your exercises

Set up once (Python 3.10+):

    python3 -m venv .venv
    .venv/bin/pip install -r requirements.txt

`requirements.txt` pins the CPU build of torch 2.13.0 (`constraints.txt`).

Work: open a stub in `exercises/sessionNN/`, read its docstring (the whole spec), and
replace each `raise NotImplementedError`. Then grade yourself:

    .venv/bin/pytest                                            # everything
    .venv/bin/pytest graders/session03/test_ex01_simple_mlp.py  # one exercise
    .venv/bin/pytest -m session03                               # one session

A failed check says what was expected, what was found and a hint; the run ends with a
score table. Hidden checks are run by your instructor; the table says what they are
worth. Submit the files of `exercises/` as your instructor asks.
"""

STUDENT_MAKEFILE = """VENV := .venv
$(VENV)/.installed: requirements.txt constraints.txt pyproject.toml
\tpython3 -m venv $(VENV)
\t$(VENV)/bin/pip install --quiet -r requirements.txt
\ttouch $@
grade: $(VENV)/.installed
\t$(VENV)/bin/pytest
.PHONY: grade
"""


def _ignore(folder, names):
    return [n for n in names if n in NEVER or n.endswith((".pyc", ".egg-info"))]


def build_student_bundle(root: Path, out: Path) -> tuple[Path, Path]:
    """Write ``out/student-kit/`` and ``out/student-kit.tar.gz``; return both paths."""
    from coursekit.config import load_course

    root, out = Path(root), Path(out)
    kit = out / "student-kit"
    if kit.exists():
        shutil.rmtree(kit)
    kit.mkdir(parents=True)
    for name in SHIPPED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, kit / name, ignore=_ignore)
        else:
            shutil.copy2(source, kit / name)
    (kit / "README.md").write_text(STUDENT_README.format(course_id=load_course(root).id))
    (kit / "Makefile").write_text(STUDENT_MAKEFILE)
    archive = out / "student-kit.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(kit, arcname="student-kit")
    return kit, archive


def _normal(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip())


# Lines any PyTorch code has: a call without arguments (``optimizer.step()``), a
# context manager without arguments (``with torch.no_grad():``), a bare return.
_IDIOM = re.compile(r"^(with [\w.]+\(\):|[\w.]+\(\)|return [\w.]+|else:|try:|finally:)$")


def _trivial(line: str) -> bool:
    """Too short or too generic to give a solution away; signatures are interface."""
    return (len(line) < 20 or bool(_IDIOM.match(line))
            or line.startswith(("#", "import ", "from ", "@", '"""', "'''", "def ", "class ")))


def secret_lines(root: Path) -> dict[str, str]:
    """{normalised line: where it comes from} that must never reach a student.

    The reference's own lines (those not in the stub, trivial ones aside) and every
    line of the hidden graders' code.
    """
    secrets = {}
    for ref in sorted((root / "reference").rglob("*.py")):
        stub_path = root / "exercises" / ref.relative_to(root / "reference")
        stub = " ".join(_normal(l) for l in stub_path.read_text().splitlines()) if stub_path.exists() else ""
        for line in _code_lines(ref.read_text()):
            if not _trivial(line) and line not in stub:
                secrets.setdefault(line, str(ref.relative_to(root)))
    for hidden in sorted((root / "graders" / "hidden").rglob("*.py")):
        for line in _code_lines(hidden.read_text()):
            if not _trivial(line):
                secrets.setdefault(line, str(hidden.relative_to(root)))
    return secrets


def _code_lines(source: str) -> list[str]:
    """Normalised lines of code, docstrings left out."""
    tree = ast.parse(source)
    doc_lines = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            doc_lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return [_normal(l) for i, l in enumerate(source.splitlines(), 1)
            if i not in doc_lines and _normal(l)]


def _text_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        outputs = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])]
        return "\n".join([c.source for c in nb.cells] + outputs)
    try:
        text = path.read_text()
    except UnicodeDecodeError:
        return ""
    if path.suffix == ".html":  # rendered feedback: the text a student reads
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def find_leaks(root: Path, files) -> list[str]:
    """'file: line (from source)' for every line of ``files`` that is a secret line."""
    secrets = secret_lines(Path(root))
    found = []
    for path in files:
        lines = {_normal(l) for l in _text_of(Path(path)).splitlines()}
        found += [f"{path}: {line!r} (from {where})" for line, where in secrets.items()
                  if line in lines]
    return found
