"""Whether graded code replaced what the checks rely on.

:func:`baseline` records which object every name of the watched modules and classes
refers to: builtins, torch and its tensor and module classes, ``torch.nn.functional``,
``torch.testing``, numpy, and the kit's own checks and verdicts. Every way of grading
calls it after torch's lazy start (which rebinds some of torch's names) and before any
graded code runs: the notebook's setup cell, the grading worker, the pytest plugin's
sandbox. :func:`verdict` then tells whether a name now refers to something else, so a
submission that patches ``torch.allclose``, ``builtins.isinstance`` or a check function
is caught ("tampering detected") instead of being graded by its own rules. Names added
later (torch's lazy submodules, say) are not changes.
"""
from __future__ import annotations

import builtins
import importlib

_WATCHED = ("torch", "torch.nn", "torch.nn.functional", "torch.testing", "torch.linalg", "numpy",
            "math", "json", "coursekit.checks", "coursekit.checks.base", "coursekit.checks.models",
            "coursekit.checks.devices", "coursekit.checks.properties", "coursekit.checks.figures",
            "coursekit.outcome", "coursekit.tamper", "coursekit.grading", "coursekit.solutions",
            "coursekit.notebook", "coursekit.isolated")
_CLASSES = ("torch.Tensor", "torch.nn.Module", "numpy.ndarray")
_REBOUND_BY_KERNELS = {"input"}  # a Jupyter kernel binds builtins.input anew for every cell


def _watched():
    import torch  # noqa: F401  (the dotted names below need it loaded)

    found = {"builtins": vars(builtins)}
    for name in _WATCHED:
        try:
            found[name] = vars(importlib.import_module(name))
        except ImportError:
            continue
    for dotted in _CLASSES:  # what each name resolves to, inherited ones too
        module, _, name = dotted.rpartition(".")
        found[dotted] = _resolved(getattr(importlib.import_module(module), name))
    return found


def _resolved(cls: type) -> dict:
    """Every name of a class and the object it finds first along the method resolution order
    (what ``inspect.getattr_static`` finds, read from each class's own dict in one pass)."""
    names: dict = {}
    for klass in reversed(cls.__mro__):
        names.update(vars(klass))
    return names


def _record():
    """Of a module, its functions and classes only (its other globals, counters and caches,
    may change); of a class, every name (methods, properties, descriptors)."""
    found = {where: names if where in _CLASSES else {k: v for k, v in names.items() if callable(v)}
             for where, names in _watched().items()}
    for name in _REBOUND_BY_KERNELS:
        found["builtins"].pop(name, None)
    return found


_BASELINE = None
_OWN: dict[str, set] = {}  # for each watched class: the names its own dict held


def baseline() -> None:
    """Record the watched names now (once; later calls keep the first record)."""
    global _BASELINE
    if _BASELINE is None:
        _BASELINE = _record()
        for dotted in _CLASSES:
            module, _, name = dotted.rpartition(".")
            _OWN[dotted] = set(vars(getattr(importlib.import_module(module), name)))


def changed() -> list[str]:
    """The watched names that refer to another object than when they were recorded.
    Replaced builtins are put back at once (the rest of this work needs them)."""
    if _BASELINE is None:
        return []
    real, found = _BASELINE["builtins"], []
    for name in real:  # plain dict work only: isinstance, len and friends may be the ones replaced
        if builtins.__dict__.get(name, real[name]) is not real[name]:
            found.append(name)
            builtins.__dict__[name] = real[name]
    if found:
        return sorted(f"builtins.{name}" for name in found)
    now = _watched()
    return sorted(f"{where}.{name}" for where, names in _BASELINE.items()
                  for name, value in names.items()
                  if now.get(where, {}).get(name, value) is not value)


def restore() -> None:
    """Put every replaced name back (the next checks then run with the real tools)."""
    if _BASELINE is None:
        return
    import sys

    current = _watched()
    for where, names in _BASELINE.items():
        if where == "builtins":
            target = builtins
        elif where in sys.modules:
            target = sys.modules[where]
        else:
            module, _, cls = where.rpartition(".")
            target = getattr(sys.modules.get(module), cls, None)
        if target is None:
            continue
        now = current.get(where, {})
        for name, value in names.items():
            if now.get(name, value) is value:
                continue
            try:
                if isinstance(target, type) and name in vars(target) and name not in _OWN[where]:
                    delattr(target, name)  # a shadow over an inherited method
                else:
                    setattr(target, name, value)
            except (AttributeError, TypeError):
                pass


def verdict() -> str | None:
    """None when nothing watched was replaced; else, with the real objects put back (the
    next checks run with them), the message of a check that scores 0."""
    names = changed()
    if not names:
        return None
    restore()
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"tampering detected: your code replaced {shown}; a check cannot grade code that "
            "changes the tools it is graded with, so it scores 0")
