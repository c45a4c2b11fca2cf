"""Mutant: the logits are the squared distances themselves, without the minus sign, so the
farthest prototype gets the largest logit and training pushes each query away from its
own class."""
import torch.nn.functional as F
import torch

from reference.session06.ex06_prototypical import MotifEncoder, prototypes, sample_episode  # noqa: F401

CAUGHT_BY = {"logits", "episode_loss", "few_shot_accuracy"}


def prototype_logits(query_embeddings, protos):
    return ((query_embeddings[:, None, :] - protos[None, :, :]) ** 2).sum(-1)


def episode_loss(encoder, x, y, n_way, k_shot, n_query, generator):
    support_idx, query_idx, _ = sample_episode(y, n_way, k_shot, n_query, generator)
    tags = torch.arange(n_way, device=x.device)
    centres = prototypes(encoder(x[support_idx]), tags.repeat_interleave(k_shot), n_way)
    return F.cross_entropy(prototype_logits(encoder(x[query_idx]), centres), tags.repeat_interleave(n_query))
