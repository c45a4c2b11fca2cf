"""Mutant: the snippet found online: ``if list(sd)[0].startswith("module."): sd = {k[7:]: v ...}``: the
first key decides for all, and 7 characters are cut from every key, prefixed or not (a mixed dict
loses the start of its plain names)."""
from reference.session12.ex04_data_parallel import (add_prefix, load_checkpoint, save_checkpoint,  # noqa: F401
                                                    wrap)

CAUGHT_BY = {"strip_prefix"}


def strip_prefix(state_dict):
    if state_dict and list(state_dict)[0].startswith("module."):
        return {key[7:]: value for key, value in state_dict.items()}
    return dict(state_dict)
