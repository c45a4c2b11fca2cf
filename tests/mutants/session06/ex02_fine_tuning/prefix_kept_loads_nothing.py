"""Mutant: the 'features.' prefix is kept while loading into model.features with
strict=False: no name matches, nothing is loaded, no error is raised, and the
"fine-tuned" model starts from random weights."""
from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"load_trunk", "strict_rules", "beats_scratch"}


def load_trunk(model, state_dict):
    model.features.load_state_dict({k: v for k, v in state_dict.items() if k.startswith("features.")},
                                   strict=False)
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
