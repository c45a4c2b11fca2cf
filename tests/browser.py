"""Headless Chromium for the page tests: the rendered DOM and a screenshot of a local page.

Tests call :func:`require` first: it skips, saying why, when no Chromium is installed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.reports.screenshot import find_browser, run_chromium


def require() -> str:
    binary = find_browser()
    if binary is None:
        pytest.skip("no headless Chromium (install Debian's `chromium`)")
    return binary


def dump_dom(page: Path, timeout: float = 60) -> str:
    """The DOM after Chromium rendered the page."""
    require()
    proc = run_chromium(page, "--dump-dom", timeout=timeout)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def screenshot(page: Path, png: Path, size: str = "1280,2000", timeout: float = 60) -> Path:
    """A PNG of the rendered page at ``size`` (width,height)."""
    require()
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    proc = run_chromium(page, f"--screenshot={png}", f"--window-size={size}", timeout=timeout)
    assert proc.returncode == 0 and png.is_file() and png.stat().st_size > 0, proc.stderr[-2000:]
    return png
