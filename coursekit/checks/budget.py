"""A training watched against its budget: the optimizer's steps and the rows of each call of
the model counted with hooks, and the training stopped once it runs past a wall-clock ceiling."""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit.checks.base import CheckFailure


@dataclass
class Watched:
    steps: int = 0
    rows: list = field(default_factory=list)  # rows of each call of the model


@contextlib.contextmanager
def watched_training(model: nn.Module, ceiling_s: float, hint: str):
    """Count every optimizer step and each call of ``model`` (its first argument's rows) while
    the block runs; a call after ``ceiling_s`` seconds fails the check, saying so."""
    seen, start = Watched(), time.perf_counter()

    def after_step(optimizer, args, kwargs):
        seen.steps += 1

    def before_call(module, args):
        if module is model:
            seen.rows.append(int(args[0].shape[0]) if args and hasattr(args[0], "shape") else -1)
            if time.perf_counter() - start > ceiling_s:
                raise CheckFailure(f"the training within {ceiling_s:g} s", f"still training after "
                                   f"{seen.steps} steps", "keep to the budget: " + hint)

    handles = [register_optimizer_step_post_hook(after_step), model.register_forward_pre_hook(before_call)]
    try:
        yield seen
    finally:
        for handle in handles:
            handle.remove()
