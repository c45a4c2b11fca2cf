"""Mutant: the query targets are arange(n_way).repeat(n_query) (0, 1, 2, 0, 1, 2, ...), but
the queries come grouped class by class (0, 0, 1, 1, ...): most targets are wrong."""
import torch
import torch.nn.functional as F

from reference.session06.ex06_prototypical import (MotifEncoder, prototype_logits, prototypes,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"episode_loss", "few_shot_accuracy"}


def episode_loss(encoder, x, y, n_way, k_shot, n_query, generator):
    support_idx, query_idx, _ = sample_episode(y, n_way, k_shot, n_query, generator)
    tags = torch.arange(n_way, device=x.device)
    centres = prototypes(encoder(x[support_idx]), tags.repeat_interleave(k_shot), n_way)
    return F.cross_entropy(prototype_logits(encoder(x[query_idx]), centres), tags.repeat(n_query))
