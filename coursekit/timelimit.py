"""A test's time limit under pytest, spent phase by phase.

pytest-timeout's signal method arms one alarm for a test's whole protocol, so the alarm
can go off while pytest makes or sends a report (under pytest-xdist, a message to the
controller). The exception then escapes pytest's guard around each phase and ends the
worker with an internal error, taking the rest of the run with it. Here the limit is the
same (the ``timeout`` marker or ini value, read by pytest-timeout) but the alarm is armed
only while a phase runs (setup, call, teardown), where pytest turns any exception into
that phase's failure; the phases share the budget, and reporting between them is not
charged to it. pytest-timeout keeps its thread method, ``func_only`` (armed inside the
call already) and any thread other than the main one.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

import pytest

_BUDGET = pytest.StashKey[list]()  # [seconds left, pytest-timeout's settings]


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_timeout_set_timer(item, settings):
    if (settings.method != "signal" or settings.func_only
            or threading.current_thread() is not threading.main_thread()):
        return None  # pytest-timeout's own timer (func_only: it is armed inside the call already)
    item.stash[_BUDGET] = [float(settings.timeout), settings]
    return True


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_timeout_cancel_timer(item):
    if item.stash.get(_BUDGET, None) is None:
        return None
    del item.stash[_BUDGET]
    return True


@contextmanager
def _armed(item):
    budget = item.stash.get(_BUDGET, None)
    if budget is None:
        yield
        return
    from pytest_timeout import timeout_sigalrm  # its message and stack dump

    settings = budget[1]

    def on_alarm(signum, frame):
        __tracebackhide__ = True
        timeout_sigalrm(item, settings)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, max(budget[0], 1e-3))  # spent: it goes off at once
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        budget[0] -= time.monotonic() - start


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    with _armed(item):
        return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item):
    with _armed(item):
        return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    with _armed(item):
        return (yield)
