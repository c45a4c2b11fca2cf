"""Mutant: each class's prototype is its first support embedding, not the mean of all of
them (as if k_shot were 1)."""
import torch

from reference.session06.ex06_prototypical import (MotifEncoder, episode_loss, prototype_logits,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"prototypes", "support_order"}


def prototypes(support_embeddings, support_labels, n_way):
    firsts = [int(torch.nonzero(support_labels == c)[0]) for c in range(n_way)]
    return support_embeddings[firsts]
