"""Mutant: the wrapper built around a deep copy: the caller's model is not the one that would be trained
(or saved through the wrapper); ``.module`` is another object."""
import copy

from torch import nn

from reference.session12.ex04_data_parallel import (add_prefix, load_checkpoint, save_checkpoint,  # noqa: F401
                                                    strip_prefix)

CAUGHT_BY = {"wrapped_outputs"}


def wrap(model):
    return nn.DataParallel(copy.deepcopy(model))
