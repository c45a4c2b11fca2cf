"""Checks of laws and of how code runs, not of one output.

- :func:`for_all`: a property over generated inputs (hypothesis), deterministic, and a
  failure reports the smallest input hypothesis finds;
- :func:`expect_no_python_loop`: the Python lines a function runs do not grow with the
  size of its input (a loop over positions or pairs does);
- :func:`graph_probe`: a view of a tensor that records every operation on it which
  builds an autograd graph (e.g. validation run without ``torch.no_grad()``).
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import torch
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis.strategies import SearchStrategy

from coursekit.checks.base import expect


def for_all(strategy: SearchStrategy, check: Callable[[object], None], max_examples: int = 60) -> None:
    """Run ``check(value)`` on values drawn from ``strategy``.

    The draws are the same on every run (``derandomize``), nothing is stored on disk,
    and a failing check is re-raised for the smallest failing value hypothesis finds,
    so its message names a small input; a solution that fails in two ways gets one
    failure, not a group of them.
    """
    @settings(max_examples=max_examples, derandomize=True, database=None, deadline=None,
              report_multiple_bugs=False,
              verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck),
              phases=(Phase.explicit, Phase.generate, Phase.shrink), print_blob=False)
    @given(strategy)
    def run(value):
        check(value)

    run()


_LIBRARIES = tuple({str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
                   | {str(Path(__file__).resolve().parents[1])})  # coursekit itself


def is_graded_code(filename: str) -> bool:
    """Code written for the exercise: not the standard library, packages, the kit or graders."""
    if filename.startswith("<frozen"):
        return False
    path = str(Path(filename).resolve()) if not filename.startswith("<") else filename
    return not path.startswith(_LIBRARIES) and "graders" not in Path(path).parts


def lines_run(fn: Callable, *args, **kwargs) -> tuple[object, int]:
    """``(fn(*args, **kwargs), number of lines of graded code it ran)``."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not is_graded_code(frame.f_code.co_filename):
            return None
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, count


def expect_no_python_loop(small: Callable[[], object], large: Callable[[], object], what: str,
                          over: str, growth: int, slack: int = 50, hint: str = "") -> None:
    """Calling ``large`` (an input ``growth`` items bigger than ``small``'s) runs at most
    ``slack`` more lines of graded code than ``small``: no Python loop over the items."""
    _, n_small = lines_run(small)
    _, n_large = lines_run(large)
    expect(n_large - n_small <= slack,
           f"{what} to run about as many Python lines for {growth} more {over} "
           f"(at most {slack} more lines)",
           f"{n_small} lines for the small input, {n_large} for the large one",
           hint or f"replace the Python loop over {over} with tensor operations")


class _GraphProbe(torch.Tensor):
    records: list[str] = []

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        with torch._C.DisableTorchFunctionSubclass():
            out = func(*args, **(kwargs or {}))
        if isinstance(out, torch.Tensor) and out.requires_grad:
            cls.records.append(getattr(func, "__name__", str(func)))
        return out  # results are plain tensors: only direct uses are recorded


def graph_probe(tensor: torch.Tensor) -> tuple[torch.Tensor, list[str]]:
    """``(view, records)``: ``view`` behaves as ``tensor``; each operation on it whose
    result requires grad (an autograd graph is being built) appends its name to
    ``records``. Under ``torch.no_grad()`` nothing is recorded."""
    probe = type("GraphProbe", (_GraphProbe,), {"records": []})
    return tensor.as_subclass(probe), probe.records
