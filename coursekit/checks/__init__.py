"""Reusable checks for graders: each says what was expected, what was found, and a hint.

Checks are plain functions that raise :class:`CheckFailure`; graders (pytest tests)
call them on a student's objects. Nothing here knows any exercise's solution.
Grouped by job, all importable from here (``from coursekit import checks as ck``):

- ``base``: the failure type and the comparisons most checks use (tensors, floats,
  closeness, falling losses, seeds, a submission's identity across loads);
- ``models``: nn.Module layers, parameter counts, registration, train/eval modes;
- ``devices``: ``.to(device)`` on the ``meta`` device, CPU/CUDA parity;
- ``properties``: laws over generated inputs (hypothesis), no Python loop over the
  input, autograd-graph probes;
- ``figures``: what a matplotlib figure draws.

More, imported by name where needed (``from coursekit.checks import distributed``):
``distributed`` launches a submission's distributed training as a user would (a new
process, its ranks spawned) under a deadline, and reads what each rank saved;
``diffusion`` holds a stand-in denoiser whose guided noise is known exactly and the
graders' own sampling chain; ``design`` trains a sequence designer in its budget and
judges its designs with the kit's oracle (the design capstone's outcome); ``variants``
builds the kit's variant windows, trains a variant-effect model in its budget and scores
it on held-out chromosomes (the variant-effect capstone's outcomes); ``cells`` trains a
single-cell VAE in its budget and measures its latent clusters, generated cells and
pseudotime (the single-cell capstone's outcomes); ``budget`` watches a training: its optimizer steps and
the rows of each call counted, a wall-clock ceiling.
"""
from coursekit.checks.base import (CheckFailure, call, expect, expect_close, expect_deterministic,
                                   expect_finite, expect_float_list, expect_loss_falls,
                                   expect_raises, expect_tensor, seeded, seeded_training,
                                   source_identity, under_global_seeds)
from coursekit.checks.devices import expect_cuda_parity, expect_follows_device, full_float32
from coursekit.checks.figures import (checked_figure, drawn_figure, expect_axes, expect_legend,
                                      expect_text, find_line)
from coursekit.checks.models import (build_model, count_parameters, expect_linear, expect_module,
                                     expect_param_count, expect_registered, expect_same_weights,
                                     record_modes, unregistered_members)
from coursekit.checks.properties import expect_no_python_loop, for_all, graph_probe, lines_run

__all__ = [
    "CheckFailure", "call", "expect", "expect_close", "expect_deterministic", "expect_finite",
    "expect_float_list", "expect_loss_falls", "expect_raises", "expect_tensor", "seeded",
    "seeded_training", "source_identity", "under_global_seeds",
    "expect_cuda_parity", "expect_follows_device", "full_float32",
    "checked_figure", "drawn_figure", "expect_axes", "expect_legend", "expect_text", "find_line",
    "build_model", "count_parameters", "expect_linear", "expect_module", "expect_param_count",
    "expect_registered", "expect_same_weights", "record_modes", "unregistered_members",
    "expect_no_python_loop", "for_all", "graph_probe", "lines_run",
]
