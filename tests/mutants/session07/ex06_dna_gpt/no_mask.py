"""Mutant: the encoder is called without the causal mask: every position attends to the whole
sequence, future included (training then learns to copy the next token, which generation lacks)."""
from reference.session07.ex06_dna_gpt import (DNAGPT as _DNAGPT, causal_mask, generate,  # noqa: F401
                                              next_token_loss, sample_next)

CAUGHT_BY = {"no_future_leakage", "generates_motif"}


class DNAGPT(_DNAGPT):
    def forward(self, tokens):
        import torch
        positions = torch.arange(tokens.shape[1], device=tokens.device)
        x = self.token_embedding(tokens) + self.position_embedding(positions)
        return self.head(self.norm(self.blocks(x)))
