"""Mutant: ``add_prefix`` skips the keys that already start with ``module.``: a plain model whose own
submodule is named ``module`` then lacks the wrapper's ``module.module.`` keys (not the inverse of
strip_prefix)."""
from reference.session12.ex04_data_parallel import (load_checkpoint, save_checkpoint, strip_prefix,  # noqa: F401
                                                    wrap)

CAUGHT_BY = {"add_prefix"}


def add_prefix(state_dict):
    return {(key if key.startswith("module.") else "module." + key): value
            for key, value in state_dict.items()}
