"""Capstone 1, module 2: a variant-effect model on a pretrained trunk, with attention over positions.

Genomics context
----------------
Whether a variant matters depends on what it does to the sequence around it: a base changed inside a
TATA-box or a splice donor breaks the element, the same change three bases away does nothing. So the
model reads both alleles, the reference window and the alternate one, with a convolutional **trunk**
the kit pretrained to recognise the elements (transfer learning, session 6), and an **attention** layer
(session 7) that weighs the positions of the window: after training it should look at the element the
variant breaks, and the figure of module 4 shows where it looks.

Data and conventions
--------------------
As in module 1 (read its docstring): windows are float32 one-hot ``[N, 4, L]`` (rows A, C, G, T), ``L =
41`` (20 bases either side of the variant, at index 20), ``ref`` and ``alt`` differing at the centre.
``coursekit.data.capstone1.pretrained_trunk()`` returns the kit's trunk: ``nn.Sequential(nn.Conv1d(4,
32, 9, padding=4), nn.ReLU())``, ``[N, 4, L]`` -> ``[N, 32, L]`` (length kept), a new copy each call.

Task 1: ``VariantEffectModel(trunk)``
-------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) of any form that meets these rules (extra
constructor arguments are yours, with defaults):

- ``self.trunk = trunk``: the module given, kept as it is (not copied, not re-initialised); it maps
  ``[N, 4, L]`` to ``[N, 32, L]``;
- ``forward(ref, alt)`` -> float32 logits ``[N]`` (one per variant; positive: pathogenic), from BOTH
  alleles: the trunk on ``ref`` and on ``alt`` (for example features ``cat([ref_f, alt_f - ref_f])``:
  what the alternate allele changes), then attention over the ``L`` positions: one score per position,
  ``weights = softmax(scores, dim=1)`` ``[N, L]``, the features summed with those weights, a linear layer;
- ``attention(ref, alt)`` -> the weights ``[N, L]`` that ``forward`` uses (non-negative, each row
  summing to 1); any ``L`` works;
- at most **20,000 parameters outside the trunk** (a 1x1 convolution from 64 to 32 channels, one to a
  score, and a linear layer of 32 have about 2,150); every tensor registered, so ``.to(device)`` moves it.

Task 2: ``freeze_trunk(model, frozen=True)``
-------------------------------------------
Set ``requires_grad`` of every parameter of ``model.trunk`` to ``not frozen`` (module 3 trains the rest
first, then everything). Not graded on its own; the training of module 3 is.

What the graders check
----------------------
- ``trunk_loaded`` (1): ``VariantEffectModel(pretrained_trunk())`` (built after ``torch.manual_seed(0)``)
  has ``.trunk`` the very module given, its weights equal to the kit's; every tensor registered; at
  most 20,000 parameters outside the trunk; on 10 of the kit's variants, finite float32 logits ``[10]``;
- ``attention_sums_to_one`` (1): ``attention`` on 12 variants, windows of 41 and of 25 positions:
  ``[12, L]``, non-negative, each row summing to 1 (atol 1e-5);
- ``alt_changes_logit`` (1): in eval mode, on 40 of the kit's variants: changing only the ALT base at
  the centre changes the logit (by more than 1e-6) for at least 90% of them, and ``model(ref, ref)``
  differs from ``model(ref, alt)`` for at least 90%;
- ``follows_device`` (1): the model on a fresh trunk, its forward and ``attention`` follow
  ``.to(device)`` (checked on the ``meta`` device);
- ``cuda_parity`` (0 points; only where a GPU exists): the same outputs on CPU and CUDA.
"""
import torch  # noqa: F401
from torch import nn


class VariantEffectModel(nn.Module):
    """ref, alt [N, 4, L] -> logits [N]; attention(ref, alt) -> weights [N, L]."""

    def __init__(self, trunk):
        super().__init__()
        # TODO (task 1): self.trunk = trunk; the layers of the attention and the output
        raise NotImplementedError("VariantEffectModel.__init__")

    def attention(self, ref, alt):
        # TODO (task 1): the softmax over positions of one score per position
        raise NotImplementedError("VariantEffectModel.attention")

    def forward(self, ref, alt):
        # TODO (task 1): the trunk on both alleles, attention-weighted sum, a linear layer -> [N]
        raise NotImplementedError("VariantEffectModel.forward")


def freeze_trunk(model, frozen=True):
    # TODO (task 2): requires_grad_(not frozen) on every parameter of model.trunk
    raise NotImplementedError("freeze_trunk")
