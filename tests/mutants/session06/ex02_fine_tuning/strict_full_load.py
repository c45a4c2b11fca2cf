"""Mutant: the whole source state dict loaded with a strict model.load_state_dict, as in
the course guide: the human head [4, 512] does not fit a 2-class head (size mismatch),
and with 4 classes the source head is copied."""
from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"load_trunk", "strict_rules", "new_head"}


def load_trunk(model, state_dict):
    model.load_state_dict(state_dict)
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
