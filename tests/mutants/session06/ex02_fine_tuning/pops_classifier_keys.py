"""Mutant: the source head is removed from the caller's own dict (del) before a strict
load: the caller's state dict loses its classifier entries."""
from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"load_trunk"}


def load_trunk(model, state_dict):
    for key in [k for k in state_dict if k.startswith("classifier.")]:
        del state_dict[key]
    missing, unexpected = model.load_state_dict(state_dict, strict=False)
    if unexpected or any(not k.startswith("classifier.") for k in missing):
        raise RuntimeError(f"missing {missing}, unexpected {unexpected}")
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
