"""Mutant: the classes are drawn at random but each class's examples are not shuffled: its
first k_shot examples are always the support and the next n_query the query."""
import torch

from reference.session06.ex06_prototypical import (MotifEncoder, episode_loss, prototype_logits,  # noqa: F401
                                                   prototypes)

CAUGHT_BY = {"episode_sampling"}


def sample_episode(labels, n_way, k_shot, n_query, generator):
    classes, counts = torch.unique(labels, return_counts=True)
    if n_way > len(classes) or int(counts.min()) < k_shot + n_query:
        raise ValueError("episode too large for these labels")
    chosen = classes[torch.randperm(len(classes), generator=generator)[:n_way]]
    rows = [torch.nonzero(labels == c).flatten() for c in chosen]
    return (torch.cat([r[:k_shot] for r in rows]), torch.cat([r[k_shot:k_shot + n_query] for r in rows]),
            chosen)
