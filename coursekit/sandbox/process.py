"""One confined process for student code: limits, the PID-namespace relay, and why it ended.

:func:`enter` is called in a freshly forked child. It confines the child
(:func:`coursekit.sandbox.confine.confine`) and, when the child has a PID namespace of
its own, makes two more forks. The student's code then runs in the last process. The
process in the middle is the namespace's first process: when it ends, every process
the code started ends too. The first process stays outside the namespace; it forwards
interrupts inward and, at the end, ends the way the code's process ended, so whoever
waits for it reads the real reason (a signal, an exit code).
"""
from __future__ import annotations

import os
import resource
import signal

from coursekit.sandbox.confine import confine


def die_with_parent() -> None:
    """Linux: this process gets SIGKILL when the process that started it ends."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def send_signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def kill_group(pgid: int) -> None:
    """SIGKILL to every process of process group ``pgid`` that is still there."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _vm_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def limit_memory(limit_gib: float) -> None:
    """Cap the address space at what this process maps now plus ``limit_gib`` (past it,
    allocations fail with MemoryError); no core files."""
    cap = _vm_bytes() + int(limit_gib * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def limit_cpu(seconds: int) -> None:
    """Past ``seconds`` of CPU time (all threads together) the process gets SIGXCPU, and
    SIGKILL 5 s later."""
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))


def limit_output(path: str, limit_mb: int) -> None:
    """Standard output and error go to the file ``path``, and no file this process (or
    any it starts) writes may grow past ``limit_mb`` MB: past it, SIGXFSZ ends it."""
    import sys

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for std in (1, 2):
        os.dup2(fd, std)
    os.close(fd)
    cap = limit_mb * 2**20
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it: then a write would just fail
    # print() too (pytest's capture, say, wrote to files this process no longer has)
    sys.stdout = sys.__stdout__ = open(1, "w", buffering=1, closefd=False, errors="replace")
    sys.stderr = sys.__stderr__ = open(2, "w", buffering=1, closefd=False, errors="replace")


def describe_end(status: int, memory_limit_gib: float, cpu_limit_s: int | None = None,
                 output_limit_mb: int | None = None) -> str:
    """Why a process ended, in a student's words, from its wait status."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        if sig == signal.SIGXCPU:
            return (f"your code used more than {cpu_limit_s} s of CPU time, the limit "
                    "(threads add up); hint: look for a loop that never ends")
        if sig == signal.SIGXFSZ:
            return (f"your code printed (or wrote to a file) more than {output_limit_mb} MB, the "
                    "limit; hint: look for a print inside a loop")
        if sig == signal.SIGSEGV:
            return "your code crashed the process (SIGSEGV, a segmentation fault)"
        if sig == signal.SIGKILL:
            return ("the process was killed (SIGKILL): it may have used more memory than the "
                    f"machine allows (the limit is {memory_limit_gib:g} GiB)")
        return f"your code ended the process with signal {name}"
    if os.WIFEXITED(status):
        return (f"your code ended the process (exit code {os.WEXITSTATUS(status)}), e.g. with "
                "os._exit(); hint: return values instead of exiting")
    return "the process ended unexpectedly"


def end_like(status: int) -> None:
    """End this process the way a child with wait status ``status`` ended; never returns."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if sig not in (signal.SIGKILL, signal.SIGSTOP):  # those two cannot be handled anyway
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def _wait_forwarding_interrupts(child: int) -> int:
    signal.signal(signal.SIGINT, lambda *_: send_signal(child, signal.SIGINT))
    while True:
        try:
            return os.waitpid(child, 0)[1]
        except ChildProcessError:
            return 0


def enter(workdir: str, hide=(), keep_fds=(), visible=()) -> str:
    """Confine this freshly forked process (see the module docstring). Returns, in the
    process that goes on to run student code, its working folder."""
    import tempfile

    done = confine(workdir, hide, keep_fds=keep_fds, visible=visible)
    os.environ["IPYTHONDIR"] = os.path.join(tempfile.gettempdir(), ".ipython")  # home is read-only
    if not done.own_pid_namespace:
        return done.workdir or workdir
    status_read, status_write = os.pipe()
    first = os.fork()
    if first:  # outside the namespace: relay, then end as the code's process ended
        os.close(status_write)
        _wait_forwarding_interrupts(first)
        text = os.read(status_read, 64)
        end_like(int(text) if text.strip() else 0)
    os.close(status_read)
    die_with_parent()
    code = os.fork()
    if code:  # the namespace's first process: wait, pass the status out, end them all
        status = _wait_forwarding_interrupts(code)
        os.write(status_write, str(status).encode())
        os._exit(0)
    os.close(status_write)
    die_with_parent()
    return done.workdir or workdir
