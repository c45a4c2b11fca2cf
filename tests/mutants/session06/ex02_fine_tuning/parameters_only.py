"""Mutant: only model.parameters() are copied: the BatchNorm buffers (running_mean,
running_var, num_batches_tracked) stay at their initial values."""
import torch

from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"load_trunk", "strict_rules"}


def load_trunk(model, state_dict):
    with torch.no_grad():
        for name, param in model.features.named_parameters():
            param.copy_(state_dict["features." + name])
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
