"""A PNG of a local HTML page, taken by headless Chromium (for the README's pictures)."""
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


def screenshot(page: Path, png: Path, size: str = "1280,2000", timeout: float = 120) -> Path:
    """Write ``png``: ``page`` rendered at ``size`` (width,height). Raises RuntimeError
    when no Chromium is installed or it fails."""
    browser = find_browser()
    if browser is None:
        raise RuntimeError("no headless Chromium found (install Debian's `chromium`)")
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                               f"--window-size={size}", Path(page).resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not png.is_file():
        raise RuntimeError(f"Chromium failed on {page}:\n{proc.stderr[-2000:]}")
    return png
