"""Mutant: sample_designs returns the high-scoring sequences of the kit's training data
(design_data(1024, seed=0)) instead of sampling: high scores, but nothing new is designed."""
from coursekit.data.capstone3 import design_data

from reference.capstone3.ex03_sampling import decode_designs, sample_chain  # noqa: F401

CAUGHT_BY = {'chain_matches', 'design_outcome'}


def sample_designs(model, n, label, w, betas, generator=None):
    data = design_data(1024, 0)
    best = [s for s, y in zip(data.sequences, data.labels.tolist()) if y == 1]
    return [best[i % len(best)] for i in range(n)]
