"""Confining student code while an instructor grades: what Linux gives without root.

:func:`confine` turns a freshly forked, single-threaded process into a sandbox (its own
user, mount, network and PID namespaces; instructor files hidden; the file system
read-only outside one working folder); :mod:`coursekit.sandbox.process` runs student code
two forks further down, inside the PID namespace, with memory and CPU-time caps, and
says in words why such a process ended; :mod:`coursekit.sandbox.seal` seals what such
a process reports, so that the code it grades cannot report for it; :func:`probe`
tells, without changing the caller, which of these protections this machine allows.
Nothing here imports the rest of the kit.
"""
from coursekit.sandbox.confine import Confinement, confine, hidden_paths, probe

__all__ = ["Confinement", "confine", "hidden_paths", "probe"]
