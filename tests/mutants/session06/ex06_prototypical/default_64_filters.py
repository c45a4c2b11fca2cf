"""Mutant: MotifEncoder's default num_filters is 64 instead of 128."""
from reference.session06.ex06_prototypical import MotifEncoder as _Reference
from reference.session06.ex06_prototypical import (episode_loss, prototype_logits, prototypes,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"param_count"}


class MotifEncoder(_Reference):
    def __init__(self, num_filters=64):
        super().__init__(num_filters)
