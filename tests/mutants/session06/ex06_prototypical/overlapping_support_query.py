"""Mutant: the support and the query of a class are drawn by two independent shuffles, so
the same sequence can be in both (a query classified by its own embedding)."""
import torch

from reference.session06.ex06_prototypical import (MotifEncoder, episode_loss, prototype_logits,  # noqa: F401
                                                   prototypes)

CAUGHT_BY = {"episode_sampling"}


def sample_episode(labels, n_way, k_shot, n_query, generator):
    classes, counts = torch.unique(labels, return_counts=True)
    if n_way > len(classes) or int(counts.min()) < k_shot + n_query:
        raise ValueError("episode too large for these labels")
    chosen = classes[torch.randperm(len(classes), generator=generator)[:n_way]]
    support, query = [], []
    for c in chosen:
        rows = torch.nonzero(labels == c).flatten()
        support.append(rows[torch.randperm(len(rows), generator=generator)[:k_shot]])
        query.append(rows[torch.randperm(len(rows), generator=generator)[:n_query]])
    return torch.cat(support), torch.cat(query), chosen
