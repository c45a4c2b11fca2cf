"""What a warm grading worker imports before it runs any notebook: read from the files'
import statements (nothing is imported here, so the process that starts the workers stays
light)."""
from __future__ import annotations

import ast
from pathlib import Path

import coursekit

KIT = Path(coursekit.__file__).parent


def kit_file(name: str) -> Path | None:
    """The file of a module of the kit's checks or data (``coursekit.checks.cells``, the
    package ``coursekit.checks``), or None for any other name."""
    parts = name.split(".")
    if len(parts) < 2 or parts[0] != "coursekit" or parts[1] not in ("checks", "data"):
        return None
    base = KIT.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported_modules(paths) -> list[str]:
    """The modules the given Python files import anywhere, inside functions too (a worker
    imports them while warming up, without running the files themselves); a kit module
    imported from its package (``from coursekit.checks import cells``) counts by its name."""
    names = set()
    for path in paths:
        try:
            tree = ast.parse(Path(path).read_text())
        except (OSError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names
                             if kit_file(f"{node.module}.{a.name}") is not None)
    return sorted(n for n in names if not n.startswith("graders"))


def assignment_imports(root: Path | None, assignment: str) -> list[str]:
    """What the workers import while warming up: the modules this assignment's graders use,
    and the kit's check and data modules among them with what those use in turn (also what
    is imported inside functions). A module no grader reaches is left alone: warming a data
    module (a model the kit trains, a reader of packaged cells) would cost each worker
    seconds for nothing, and a check module of another assignment would bring its data."""
    files = [KIT / "checks" / "__init__.py"]
    if root is not None:
        for folder in (root / "graders" / assignment, root / "graders" / "hidden" / assignment):
            files += sorted(folder.glob("*.py")) if folder.is_dir() else []
    names = set(imported_modules(files))
    pending = [n for n in names if kit_file(n) is not None]
    while pending:
        for name in imported_modules([kit_file(pending.pop())]):
            if name not in names:
                names.add(name)
                pending += [name] if kit_file(name) is not None else []
    return sorted(names)
