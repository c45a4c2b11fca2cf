"""Mutant: the output head shares its weight with the token embedding (GPT-2's weight tying),
which the spec does not ask for: 256 parameters fewer than DNAGPT() should have."""
from reference.session07.ex06_dna_gpt import (DNAGPT as _DNAGPT, causal_mask, generate,  # noqa: F401
                                              next_token_loss, sample_next)

CAUGHT_BY = {"param_count"}


class DNAGPT(_DNAGPT):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.head.weight = self.token_embedding.weight
