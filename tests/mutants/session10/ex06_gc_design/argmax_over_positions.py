"""Mutant: decoding views the model-space row as [n, length, 4] (four numbers per position), the
layout of a one-hot tensor with channels LAST, and takes the argmax over its last axis: but the row is
the 4 channel rows (A, C, G, T) of length `length` laid end to end, so each "position" mixes four
positions of one channel."""
from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, gc_content, linear_betas, plot_gc, sample_guided, time_embedding, to_model_space,
    train_gc_model)

CAUGHT_BY = {"decode_dna", "guided_sampling", "guided_design"}


def decode_dna(x, length):
    codes = x.detach().reshape(x.shape[0], length, 4).argmax(dim=-1)
    return ["".join("ACGT"[c] for c in row) for row in codes.tolist()]


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, generator=generator), model.seq_len // 4)
