"""Mutant: the shape hack: the trunk is loaded, then the new head is filled with the
first num_classes rows of the source (human) head instead of staying new."""
import torch

from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"new_head"}


def load_trunk(model, state_dict):
    trunk = {k[len("features."):]: v for k, v in state_dict.items() if k.startswith("features.")}
    model.features.load_state_dict(trunk)
    if "classifier.weight" in state_dict:
        rows = model.classifier.out_features
        with torch.no_grad():
            model.classifier.weight.copy_(state_dict["classifier.weight"][:rows])
            model.classifier.bias.copy_(state_dict["classifier.bias"][:rows])
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
