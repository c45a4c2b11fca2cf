"""Mutant: a new profiler for every pass: each one replaces the last, so the profiler returned holds one pass
only ("forward" counted once, each layer once)."""
import torch
from torch.profiler import ProfilerActivity, profile, record_function

from reference.session11.ex02_profiling_flops import conv1d_flops, linear_flops, model_flops  # noqa: F401

CAUGHT_BY = {"profiler_regions", "op_counts"}


def profile_model(model, x, passes=3):
    last = None
    for _ in range(passes):
        with torch.no_grad(), profile(activities=[ProfilerActivity.CPU]) as prof:
            with record_function("forward"):
                model(x)
        last = prof
    return last
