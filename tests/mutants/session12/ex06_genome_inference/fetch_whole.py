"""Mutant: the whole sequence fetched at once and the windows cut from it: what a genome does not allow
(the result is right)."""
from reference.session12.ex06_genome_inference import checkpointed_forward  # noqa: F401
from reference.session12.ex06_genome_inference import predict_genome as _predict

CAUGHT_BY = {"bounded_memory"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    whole = fetch(0, length)
    return _predict(model, lambda start, stop: whole[:, start:stop], length, window, overlap, batch_size)
