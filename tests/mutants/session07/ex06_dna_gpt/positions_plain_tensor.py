"""Mutant: the position indices are made once in __init__ and kept as a plain tensor attribute
(not register_buffer), so they stay on the CPU when the model moves to another device."""
import torch

from reference.session07.ex06_dna_gpt import (DNAGPT as _DNAGPT, causal_mask, generate,  # noqa: F401
                                              next_token_loss, sample_next)

CAUGHT_BY = {"follows_device"}


class DNAGPT(_DNAGPT):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.positions = torch.arange(self.max_len)

    def forward(self, tokens):
        length = tokens.shape[1]
        x = self.token_embedding(tokens) + self.position_embedding(self.positions[:length])
        x = self.blocks(x, mask=causal_mask(length, device=tokens.device), is_causal=True)
        return self.head(self.norm(x))
