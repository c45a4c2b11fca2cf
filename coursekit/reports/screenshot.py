"""Headless Chromium on a local HTML page: a PNG of it (for the README's pictures), and
the runner the kit's page tests use too."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def find_browser() -> str | None:
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def run_chromium(page: Path, *args: str, timeout: float) -> subprocess.CompletedProcess:
    """Chromium, headless in a fresh profile, on ``page`` with ``args``. Raises
    RuntimeError when no Chromium is installed."""
    browser = find_browser()
    if browser is None:
        raise RuntimeError("no headless Chromium found (install Debian's `chromium`)")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args,
                               Path(page).resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)


def screenshot(page: Path, png: Path, size: str = "1280,2000", timeout: float = 120) -> Path:
    """Write ``png``: ``page`` rendered at ``size`` (width,height). Raises RuntimeError
    when no Chromium is installed or it fails."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    proc = run_chromium(page, f"--screenshot={png}", f"--window-size={size}", timeout=timeout)
    if proc.returncode != 0 or not png.is_file():
        raise RuntimeError(f"Chromium failed on {page}:\n{proc.stderr[-2000:]}")
    return png
