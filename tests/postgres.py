"""A throwaway PostgreSQL server on loopback for the kit's tests: started in a temporary
folder, stopped and removed after. Skips, saying why, without the server programs."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

GRADEBOOK_SESSION = "session01"  # the session graded with a PostgreSQL gradebook


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing() -> str | None:
    """Why no server can be started here, or None when one can."""
    if _bin_dir() is None:
        return ("PostgreSQL server programs (initdb, pg_ctl) are not installed: "
                "on Debian, apt-get install postgresql")
    if os.geteuid() == 0 and (shutil.which("runuser") is None  # the server refuses to run as root
                              or subprocess.run(["id", "postgres"], capture_output=True).returncode):
        return "running as root without a 'postgres' user to run the server as"
    return None


@contextmanager
def postgres_server(database: str = "gradebook"):
    """Yield the URL of a database on a fresh server; the server is gone afterwards."""
    why = missing()
    if why:
        pytest.skip(why)
    bin_dir = _bin_dir()
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="kit-pg-"))
    if as_user:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, text=True, timeout=120)

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w",
        "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start")
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database)
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
