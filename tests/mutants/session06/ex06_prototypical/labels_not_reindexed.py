"""Mutant: episode_loss uses the dataset's own labels y[support_idx] and y[query_idx] as the
episode's class numbers instead of re-indexing them 0 .. n_way - 1."""
import torch.nn.functional as F

from reference.session06.ex06_prototypical import (MotifEncoder, prototype_logits, prototypes,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"episode_loss", "few_shot_accuracy"}


def episode_loss(encoder, x, y, n_way, k_shot, n_query, generator):
    support_idx, query_idx, _ = sample_episode(y, n_way, k_shot, n_query, generator)
    centres = prototypes(encoder(x[support_idx]), y[support_idx], n_way)
    return F.cross_entropy(prototype_logits(encoder(x[query_idx]), centres), y[query_idx])
