"""Mutant: a warm-up pass inside the profiler (outside any region): the regions are right, but every
operator is counted passes + 1 times, and the warm-up's operators lie outside every "forward" region."""
import torch
from torch.profiler import ProfilerActivity, profile, record_function

from reference.session11.ex02_profiling_flops import conv1d_flops, linear_flops, model_flops  # noqa: F401

CAUGHT_BY = {"profiler_regions", "op_counts"}


def profile_model(model, x, passes=3):
    with torch.no_grad(), profile(activities=[ProfilerActivity.CPU]) as prof:
        model(x)  # warm-up
        for _ in range(passes):
            with record_function("forward"):
                model(x)
    return prof
