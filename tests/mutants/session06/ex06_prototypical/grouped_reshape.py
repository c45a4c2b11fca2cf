"""Mutant: the prototypes assume the support rows come grouped by class and equally many
(view(n_way, k_shot, D).mean(1)): right for sample_episode's own order, wrong for any
other order or for classes of different sizes."""
from reference.session06.ex06_prototypical import (MotifEncoder, episode_loss, prototype_logits,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"prototypes", "support_order"}


def prototypes(support_embeddings, support_labels, n_way):
    return support_embeddings.reshape(n_way, -1, support_embeddings.shape[1]).mean(dim=1)
