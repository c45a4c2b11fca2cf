"""Mutant: ``batch_size`` ignored: every window stacked into one batch, one model call (the activations of
the whole genome at once)."""
from reference.session12.ex06_genome_inference import _window_starts, checkpointed_forward  # noqa: F401
from reference.session12.ex06_genome_inference import predict_genome as _predict

CAUGHT_BY = {"bounded_memory"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    return _predict(model, fetch, length, window, overlap, len(_window_starts(length, window, overlap)))
