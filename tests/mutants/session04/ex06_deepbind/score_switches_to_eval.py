"""Mutant: score_both_strands treats scoring as inference only: it calls model.eval() and runs
under torch.no_grad(), leaving a model in training in eval mode and cutting the gradients."""
import torch

from reference.session04.ex06_deepbind import DeepBindModel, reverse_complement_one_hot  # noqa: F401

CAUGHT_BY = {"both_strands"}


def score_both_strands(model, x):
    model.eval()
    with torch.no_grad():
        return torch.maximum(model(x), model(reverse_complement_one_hot(x)))
