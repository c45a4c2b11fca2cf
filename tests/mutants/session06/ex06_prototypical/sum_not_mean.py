"""Mutant: the prototypes are the sums of each class's support embeddings, not the means."""
from reference.session06.ex06_prototypical import (MotifEncoder, episode_loss, prototype_logits,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"prototypes"}


def prototypes(support_embeddings, support_labels, n_way):
    out = support_embeddings.new_zeros(n_way, support_embeddings.shape[1])
    return out.index_add(0, support_labels, support_embeddings)
