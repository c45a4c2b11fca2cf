"""Mutant: GC content counts the weak bases A and T instead of the strong bases G and C (the
fraction of A or T, one minus the GC content)."""
import torch

from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, decode_dna, design, linear_betas, plot_gc, sample_guided, time_embedding,
    to_model_space, train_gc_model)

CAUGHT_BY = {"gc_content"}


def gc_content(seqs):
    return torch.tensor([sum(ch in "AT" for ch in s) / len(s) for s in seqs], dtype=torch.float64)
