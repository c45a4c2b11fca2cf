"""Mutant: the trunk entries loaded with model.load_state_dict(..., strict=False) and the
returned missing/unexpected keys never looked at: a missing buffer, an extra trunk key
or a 'module.' prefix goes through silently."""
from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"strict_rules"}


def load_trunk(model, state_dict):
    model.load_state_dict({k: v for k, v in state_dict.items() if k.startswith("features.")}, strict=False)
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
