"""Mutant: ``model.eval()`` and never back: a model that was training is handed back in eval mode (its
Dropout silently off for the rest of the training)."""
from reference.session12.ex06_genome_inference import checkpointed_forward  # noqa: F401
from reference.session12.ex06_genome_inference import predict_genome as _predict

CAUGHT_BY = {"mode_restored"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    result = _predict(model, fetch, length, window, overlap, batch_size)
    model.eval()
    return result
