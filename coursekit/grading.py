"""Glue shared by every way of grading: random state, grader discovery."""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import numpy as np
import torch


def single_threaded() -> None:
    """One intra-op thread: the graded models are tiny, and several grading processes
    (pytest-xdist workers, notebook kernels) share a few cores. Threads that spin on
    an over-subscribed CPU make a 0.1 s check take tens of seconds."""
    torch.set_num_threads(1)


def warm_up(imports=()) -> None:
    """Import what every notebook needs and run the lazy first steps of torch once. An
    imported module that defines ``warm_cache()`` (a data module with a model the kit
    trains, say) gets it called here, before any submission runs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401

    single_threaded()
    for name in imports:
        try:
            __import__(name)
            getattr(sys.modules[name], "warm_cache", lambda: None)()
        except Exception:  # noqa: BLE001 - warming up is best effort
            pass
    warm_torch()
    warm_thread_pools()


def warm_thread_pools() -> None:
    """scikit-learn sizes its thread pools with threadpoolctl, which opens each loaded native
    library, and each function it calls there, with ctypes the first time (a nearest-centroid
    prediction, say). A sealed grading process ends on any ctypes call, so where scikit-learn
    is loaded those first calls happen now, before graded code runs."""
    if "sklearn" in sys.modules:
        import threadpoolctl

        with threadpoolctl.threadpool_limits(limits=1):  # reads and sets every pool's size once
            pass


def warm_torch() -> None:
    """torch's lazy first steps, done now, on a throwaway model: its first optimizer imports
    torch._dynamo (about a second, which also rebinds some of torch's own names), and each
    optimizer class wraps its own ``step`` the first time one is made."""
    model = torch.nn.Linear(2, 1)
    for opt in (torch.optim.Adam(model.parameters()), torch.optim.SGD(model.parameters(), lr=0.1)):
        opt.zero_grad()
        model(torch.ones(3, 2)).pow(2).mean().backward()
        opt.step()
    for name in dir(torch.optim):
        kind = getattr(torch.optim, name)
        if isinstance(kind, type) and issubclass(kind, torch.optim.Optimizer) and name != "Optimizer":
            try:
                kind(model.parameters(), lr=0.01)
            except (TypeError, ValueError, RuntimeError):  # one that needs other arguments
                pass


def reset_random_state(seed: int) -> None:
    """Seed every generator a check or a student's code might draw from."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    torch.set_grad_enabled(True)


def grader_path(root: Path, session_id: str, exercise_id: str, hidden: bool = False) -> Path:
    parts = ["graders"] + (["hidden"] if hidden else []) + [session_id, f"test_{exercise_id}.py"]
    return Path(root).joinpath(*parts)


def load_grader(path: Path):
    """Import a grader file as a module; its kit root goes on sys.path (graders import
    ``graders.hidden.*``)."""
    root = next(p.parent for p in Path(path).resolve().parents if p.name == "graders")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    name = "_grader_" + "_".join(Path(path).with_suffix("").parts[-3:])
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def exercise_checks(root: Path, session_id: str, exercise_id: str) -> dict:
    """{check name: function} from the public and the hidden grader of one exercise."""
    found = {}
    for hidden in (False, True):
        path = grader_path(root, session_id, exercise_id, hidden)
        if path.is_file():
            module = load_grader(path)
            found.update({n[len("test_"):]: f for n, f in vars(module).items()
                          if n.startswith("test_") and callable(f)})
    return found
