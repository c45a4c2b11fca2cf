"""Mutant: the draws use torch's global random generator (no generator=...), so the episode
ignores the generator it is given and changes the global random state."""
import torch

from reference.session06.ex06_prototypical import (MotifEncoder, episode_loss, prototype_logits,  # noqa: F401
                                                   prototypes)

CAUGHT_BY = {"episode_sampling"}


def sample_episode(labels, n_way, k_shot, n_query, generator):
    classes, counts = torch.unique(labels, return_counts=True)
    if n_way > len(classes) or int(counts.min()) < k_shot + n_query:
        raise ValueError("episode too large for these labels")
    chosen = classes[torch.randperm(len(classes))[:n_way]]
    support, query = [], []
    for c in chosen:
        rows = torch.nonzero(labels == c).flatten()
        rows = rows[torch.randperm(len(rows))]
        support.append(rows[:k_shot])
        query.append(rows[k_shot:k_shot + n_query])
    return torch.cat(support), torch.cat(query), chosen
