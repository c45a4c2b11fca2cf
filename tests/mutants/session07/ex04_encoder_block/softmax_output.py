"""Mutant: DNATransformer returns softmax probabilities instead of logits (F.cross_entropy
applies log_softmax itself, so the model must return raw scores)."""
from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"dna_transformer"}


class DNATransformer(_Reference):
    def forward(self, tokens, padding_mask=None):
        return super().forward(tokens, padding_mask).softmax(dim=-1)
