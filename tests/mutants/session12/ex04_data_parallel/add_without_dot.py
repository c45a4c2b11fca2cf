"""Mutant: ``"module" + key``: the dot forgotten, ``modulemotif_module.weight``."""
from reference.session12.ex04_data_parallel import (load_checkpoint, save_checkpoint, strip_prefix,  # noqa: F401
                                                    wrap)

CAUGHT_BY = {"add_prefix"}


def add_prefix(state_dict):
    return {"module" + key: value for key, value in state_dict.items()}
