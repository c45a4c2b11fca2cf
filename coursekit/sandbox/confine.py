"""Namespaces and mounts for one grading process (Linux; no root needed where user
namespaces are allowed).

In a process that has just been forked (it must be single-threaded), :func:`confine`:

- closes every inherited file descriptor but standard error, standard output and the
  ones it is told to keep, and reads standard input from ``/dev/null``;
- enters new user, mount, network and PID namespaces (``unshare``): no network but a
  loopback of its own (processes of one graded run can talk to each other on 127.0.0.1,
  as distributed training's ranks do; nothing outside the sandbox listens there), and
  processes started later live in a PID namespace of their own, so all of them end when
  its first process ends;
- hides each given folder under an empty, read-only, unreadable ``tmpfs``;
- gives the process a private, empty ``/tmp`` with its working folder bound at
  ``/tmp/work`` (writable), and makes every other mount read-only;
- drops every capability (for good: programs it runs get none either) and makes the
  process non-dumpable, so no other process can trace it or read its memory.

Where a step is not allowed (no user namespaces, a locked mount), the process goes on
with what remains, and :class:`Confinement` says what is active and what is not.
"""
from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field
from pathlib import Path

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 0x20, 0x400, 0x800, 0x1000
MS_REC, MS_PRIVATE, MS_RELATIME, MS_STRICTATIME = 0x4000, 0x40000, 0x200000, 0x1000000
# Flags a remount must repeat (the kernel locks them on mounts inherited from another namespace).
_LOCKED = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME,
           "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME, "strictatime": MS_STRICTATIME}
_KERNEL_FILESYSTEMS = ("/proc", "/sys", "/dev")
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 4, 24, 38
_CAPABILITY_VERSION_3 = 0x20080522
WORK = "/tmp/work"


@dataclass
class Confinement:
    """What :func:`confine` achieved: ``active`` and ``missing`` protections, in words."""
    active: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    own_pid_namespace: bool = False  # the next fork starts the namespace's first process
    workdir: str = ""  # where the working folder is now


def hidden_paths(kit_root: Path | None, extra=()) -> list[str]:
    """The folders student code must not read: the kit's reference solutions, hidden
    graders and its own tests (mutants and alternatives are solutions too), plus
    ``extra`` (the nbgrader course folder: gradebook, source notebooks, everyone's work).
    Only folders that exist are listed."""
    paths = [Path(kit_root) / p for p in ("reference", "graders/hidden", "tests")] if kit_root else []
    paths += [Path(p) for p in extra]
    return sorted({str(p.resolve()) for p in paths if p.is_dir()})


def _under_tmp(visible) -> list[str]:
    """The folders under /tmp that must stay readable: those asked for, and Python's own
    (its prefix and every sys.path entry: a kit or a venv may live in /tmp), outermost
    first, none inside another."""
    import sys

    wanted = [*visible, sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path]
    found = sorted({os.path.realpath(p) for p in wanted if p and os.path.isdir(p)},
                   key=lambda p: (p.count("/"), p))
    kept: list[str] = []
    for path in found:
        if path.startswith("/tmp/") and not any(path.startswith(k + "/") for k in kept):
            kept.append(path)
    return kept


def read_all(fd: int) -> bytes:
    """Everything written to pipe ``fd`` until its writers close it."""
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    return data


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _call(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(libc, source, target: str, fstype, flags: int, data=None) -> None:
    _call(libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                     ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def _close_inherited(keep) -> None:
    keep = sorted({0, 1, 2, *keep})
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    start = 3
    for fd in keep:
        if fd >= start:
            os.closerange(start, fd)
            start = fd + 1
    os.closerange(start, 65536)


def _mount_points() -> list[tuple[str, set[str]]]:
    """(mount point, its per-mount options) of this mount namespace, parents first."""
    points = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            parts = line.split()
            point = parts[4].encode().decode("unicode_escape")
            points.append((point, set(parts[5].split(","))))
    return points


def _read_only_everywhere(libc, writable: set[str], missing: list[str]) -> None:
    failed = []
    for point, options in _mount_points():
        if point in writable or point.startswith(_KERNEL_FILESYSTEMS) or "ro" in options:
            continue
        if any(point.startswith(w.rstrip("/") + "/") for w in writable):
            continue
        flags = MS_BIND | MS_REMOUNT | MS_RDONLY
        for name, bit in _LOCKED.items():
            if name in options:
                flags |= bit
        try:
            _mount(libc, None, point, None, flags)
        except OSError:
            failed.append(point)
    if failed:
        missing.append("read-only file system for " + ", ".join(failed[:5])
                       + (" and more" if len(failed) > 5 else ""))


def confine(workdir: str, hide=(), keep_fds=(), network: bool = False, visible=()) -> Confinement:
    """Confine this (freshly forked, single-threaded) process; see the module docstring.
    ``visible``: folders under ``/tmp`` that stay readable at their own paths (the work
    being graded, say)."""
    done = Confinement(workdir=workdir)
    _close_inherited(keep_fds)
    done.active.append("no inherited pipes or files")
    if not hasattr(os, "fork") or not Path("/proc/self/mountinfo").exists():
        done.missing.append("Linux namespaces (not Linux)")
        return done
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | (0 if network else CLONE_NEWNET)
    try:
        _call(libc.unshare(flags), "unshare")
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
        _mount(libc, None, "/", None, MS_REC | MS_PRIVATE)
    except OSError as exc:
        done.missing.append(f"Linux namespaces ({exc.strerror or exc}): files, network and "
                            "processes are not confined")
        return done
    done.own_pid_namespace = True
    done.active.append("own PID namespace (every process it starts ends with it)")
    if not network:
        try:
            _loopback_up()
            done.active.append("no network (a loopback of its own)")
        except OSError:
            done.active.append("no network (not even loopback)")
    try:
        keep = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY)
        shown = {p: os.open(p, os.O_RDONLY | os.O_DIRECTORY) for p in _under_tmp(visible)}
        _mount(libc, "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=1g")
        os.mkdir(WORK)
        _mount(libc, f"/proc/self/fd/{keep}", WORK, None, MS_BIND)
        os.close(keep)
        for path, fd in shown.items():
            os.makedirs(path, exist_ok=True)
            _mount(libc, f"/proc/self/fd/{fd}", str(path), None, MS_BIND)
            _mount(libc, None, str(path), None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
            os.close(fd)
        os.chdir(WORK)
        done.workdir = WORK
        done.active.append("private /tmp")
    except OSError as exc:
        done.missing.append(f"private /tmp ({exc.strerror or exc})")
    hidden, failed = [], []
    for path in hide:
        try:
            _mount(libc, "tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                   "mode=000,size=4k")
            hidden.append(path)
        except OSError:
            failed.append(path)
    if hidden:
        done.active.append("hidden: " + ", ".join(hidden))
    if failed:
        done.missing.append("hidden: " + ", ".join(failed))
    before = len(done.missing)
    _read_only_everywhere(libc, {"/tmp", WORK}, done.missing)
    if len(done.missing) == before:
        done.active.append("read-only file system outside its working folder")
    _drop_privileges(libc, done)
    return done


def _loopback_up() -> None:
    """Bring up ``lo`` in this process's (new, empty) network namespace: it is private to
    the namespace, so 127.0.0.1 here reaches only processes of this sandbox."""
    import fcntl
    import socket
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, siocgifflags, request))[1]
        fcntl.ioctl(sock, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))


def _drop_privileges(libc, done: Confinement) -> None:
    """No capability, now or after an ``exec``, and a memory no other process may read
    (not dumpable: no ptrace, no /proc/PID/mem)."""
    try:
        _call(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        cap = 0
        while libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
            cap += 1
        header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
        data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: twice, all empty
        _call(libc.capset(header, data), "capset")
        _call(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "dumpable")
    except OSError as exc:
        done.missing.append(f"dropping capabilities ({exc.strerror or exc})")
        return
    done.active.append("no capabilities, memory unreadable by other processes")


def probe(hide=()) -> Confinement:
    """Which protections :func:`confine` gets on this machine, tried in a child process
    (the caller is left as it was)."""
    import json

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            tmp = os.path.join("/tmp", f"coursekit-probe-{os.getpid()}")
            os.makedirs(tmp, exist_ok=True)
            done = confine(tmp, hide, keep_fds=(write_fd,))
            os.write(write_fd, json.dumps([done.active, done.missing]).encode())
        except BaseException:  # noqa: BLE001 - the parent reads an empty answer
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    data = read_all(read_fd)
    os.close(read_fd)
    os.waitpid(pid, 0)
    try:
        os.rmdir(os.path.join("/tmp", f"coursekit-probe-{pid}"))
    except OSError:
        pass
    if not data:
        return Confinement(missing=["the sandbox could not be tried on this machine"])
    active, missing = json.loads(data)
    return Confinement(active=active, missing=missing)
