"""Mutant: ``torch.save(model.state_dict(), path)`` whatever the model: a wrapped model's checkpoint keeps
its ``module.`` keys, which a plain model cannot load strictly (this load_checkpoint strips them, so the
mutant's own round trip works; anyone else's ``load_state_dict`` fails)."""
import torch

from reference.session12.ex04_data_parallel import (add_prefix, load_checkpoint, strip_prefix,  # noqa: F401
                                                    wrap)

CAUGHT_BY = {"checkpoint_round_trip"}


def save_checkpoint(model, path):
    torch.save(model.state_dict(), path)
