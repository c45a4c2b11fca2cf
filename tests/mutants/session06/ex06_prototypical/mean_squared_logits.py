"""Mutant: the logits are minus the mean squared difference over the embedding dimensions
(as F.mse_loss would give), not minus the sum."""
from reference.session06.ex06_prototypical import MotifEncoder, episode_loss, prototypes, sample_episode  # noqa: F401

CAUGHT_BY = {"logits"}


def prototype_logits(query_embeddings, protos):
    return -((query_embeddings[:, None, :] - protos[None, :, :]) ** 2).mean(-1)
