"""What a warm grading worker imports before it runs any notebook: read from the files'
import statements (nothing is imported here, so the process that starts the workers stays
light)."""
from __future__ import annotations

import ast
from pathlib import Path

import coursekit


def imported_modules(paths) -> list[str]:
    """The modules the given Python files import anywhere, inside functions too (a worker
    imports them while warming up, without running the files themselves)."""
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
    return sorted(n for n in names if not n.startswith("graders"))


def assignment_imports(root: Path | None, assignment: str) -> list[str]:
    """What the workers import while warming up: the modules this assignment's graders and
    the kit's checks use, and the kit's data modules among them with what those use (also
    what is imported inside functions). A data module no grader reaches is left alone:
    warming it (a model the kit trains, a reader of packaged cells) would cost each worker
    seconds for nothing."""
    kit = Path(coursekit.__file__).parent
    files = sorted((kit / "checks").glob("*.py"))
    if root is not None:
        for folder in (root / "graders" / assignment, root / "graders" / "hidden" / assignment):
            files += sorted(folder.glob("*.py")) if folder.is_dir() else []
    names = set(imported_modules(files))
    pending = [n for n in names if n.startswith("coursekit.data.")]
    while pending:
        path = kit / "data" / f"{pending.pop().rsplit('.', 1)[-1]}.py"
        for name in imported_modules([path]):
            if name not in names:
                names.add(name)
                pending += [name] if name.startswith("coursekit.data.") else []
    return sorted(names)
