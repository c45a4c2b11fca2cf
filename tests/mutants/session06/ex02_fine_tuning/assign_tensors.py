"""Mutant: load_state_dict(..., assign=True): the model holds the state dict's own
tensors (shared memory, training changes the source weights) and they stay on the CPU
whatever device the model is on."""
from coursekit.data.session06 import MotifCNN
from reference.session06.ex02_fine_tuning import fine_tune  # noqa: F401

CAUGHT_BY = {"load_trunk", "follows_device"}


def load_trunk(model, state_dict):
    trunk = {k[len("features."):]: v for k, v in state_dict.items() if k.startswith("features.")}
    model.features.load_state_dict(trunk, assign=True)
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes), state_dict)
