"""Headless Chromium for the page tests: the rendered DOM and a screenshot of a local page.

Tests call :func:`require` first: it skips, saying why, when no Chromium is installed.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def find() -> str | None:
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


def require() -> str:
    binary = find()
    if binary is None:
        pytest.skip("no headless Chromium (install Debian's `chromium`)")
    return binary


def _run(page: Path, *args: str, timeout: float) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([require(), *FLAGS, f"--user-data-dir={profile}", *args,
                               Path(page).resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)


def dump_dom(page: Path, timeout: float = 60) -> str:
    """The DOM after Chromium rendered the page."""
    proc = _run(page, "--dump-dom", timeout=timeout)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def screenshot(page: Path, png: Path, size: str = "1280,2000", timeout: float = 60) -> Path:
    """A PNG of the rendered page at ``size`` (width,height)."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    proc = _run(page, f"--screenshot={png}", f"--window-size={size}", timeout=timeout)
    assert proc.returncode == 0 and png.is_file() and png.stat().st_size > 0, proc.stderr[-2000:]
    return png
