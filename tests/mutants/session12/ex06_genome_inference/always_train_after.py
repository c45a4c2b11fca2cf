"""Mutant: ``model.train()`` at the end, whatever the mode was: a model given in eval mode (say, during
evaluation) comes back with Dropout on."""
from reference.session12.ex06_genome_inference import checkpointed_forward  # noqa: F401
from reference.session12.ex06_genome_inference import predict_genome as _predict

CAUGHT_BY = {"mode_restored"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    result = _predict(model, fetch, length, window, overlap, batch_size)
    model.train()
    return result
