"""Session 3, exercise 2: a promoter classifier, trained with a validation set.

Genomics context
----------------
A promoter is the stretch of DNA where transcription starts; many carry a TATA box.
The kit's data (``coursekit.data.session03.promoter_sequences``) are 50 bp sequences:
half are promoters that start with ``TATAAAA``, half are random. A small MLP reads the
one-hot sequence and outputs the probability that it is a promoter. The same network
also classifies real data shipped with scikit-learn: the 8x8 handwritten digits (64
pixels; is the digit 5 or more?), the small cousin of the slides' MNIST classifier
(784-128-64-10, 109,386 parameters).

Task 1: ``encode_sequence(seq) -> Tensor``
------------------------------------------
One-hot encode a DNA string and flatten it: float32, shape ``[4 * len(seq)]``.
Position ``i`` fills entries ``4*i .. 4*i+3`` in the order A, C, G, T
(``"AC"`` -> ``[1, 0, 0, 0, 0, 1, 0, 0]``). Lowercase letters count as their base
(use ``seq.upper()``); any other character (``N``, ``-``, ...) gives four zeros.

Task 2: ``PromoterClassifier(input_size=200, hidden_sizes=[128, 64], dropout=0.2)``
-----------------------------------------------------------------------------------
An ``nn.Module``. For each size ``h`` in ``hidden_sizes``, in order:
``nn.Linear(previous, h)``, ReLU, dropout with probability ``dropout``; then
``nn.Linear(previous, 1)`` and a Sigmoid. Any number of hidden layers must work, so
build the layers in a loop and keep them in ``nn.Sequential`` or ``nn.ModuleList``:
layers in a plain Python list are invisible to ``parameters()``, ``.to(device)`` and
the optimizer. ``forward(x)`` takes float32 ``[N, input_size]`` and returns the
probabilities, float32 ``[N]`` in (0, 1) (``.squeeze(-1)`` the last dimension).
Dropout is active in ``train()`` mode only (``nn.Dropout`` does that for you).
The default model has 34,049 parameters (200*128+128 + 128*64+64 + 64+1).

Task 3: ``train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001)``
----------------------------------------------------------------------------------------------
Full-batch training with validation after every epoch. ``model`` maps ``[N, F]`` to
probabilities ``[N]``; labels are float32 0/1 ``[N]``. Create ``nn.BCELoss()`` and
``torch.optim.Adam(model.parameters(), lr=lr)`` once. Every epoch:

1. ``model.train()``; one forward pass on ``X_train``; the loss; ``optimizer.zero_grad()``,
   ``loss.backward()``, ``optimizer.step()``. The epoch's training loss and accuracy come
   from this forward pass, made *before* the step;
2. ``model.eval()`` and, under ``torch.no_grad()``, one forward pass on ``X_val`` for the
   validation loss and accuracy.

Accuracy is the fraction of samples where ``(probability > 0.5)`` equals the label.
Return a tuple of four lists, ``(train_losses, val_losses, train_accs, val_accs)``,
each holding ``epochs`` Python floats (use ``.item()``).

What the graders check
----------------------
- ``encode_sequence``: shape, dtype, base order, lowercase and unknown letters, against a
  trusted encoder on random sequences;
- the classifier: output shape ``[N]`` in (0, 1) for one, two and three hidden layers;
  parameter counts, 34,049 for ``PromoterClassifier()`` built with no arguments (the
  defaults 200, ``[128, 64]``, 0.2); every layer registered; in eval mode the output
  equals sigmoid(last(relu(...relu(first(x))))) of your own Linear layers; dropout
  random in train mode, off in eval mode, and no effect with ``dropout=0``; with the
  default dropout of 0.2, the activations that reach the second Linear in train mode
  are the first ReLU's outputs times ``1 / (1 - 0.2) = 1.25`` (or 0);
- ``train_with_validation``: train mode with gradients for the training pass, eval mode
  without gradients for validation; four lists of ``epochs`` floats; the first training
  loss and accuracy equal those of the untrained model; every epoch matches a trusted
  loop from the same initial weights, also when called with the stated defaults of 100
  epochs and ``lr=0.001`` (hidden check);
- learning: the default classifier trained 100 epochs at ``lr=0.001`` on 400 of the
  kit's promoter sequences reaches at least 0.9 validation accuracy on 100 others, its
  training loss falling at least 5x; ``PromoterClassifier(64, [128, 64])`` trained the
  same way (100 epochs, ``lr=0.001``) on 1,397 of the digits reaches at least 0.85
  validation accuracy on the other 400;
- devices: every tensor follows ``.to(device)`` (the ``meta`` device); CPU/GPU parity
  where a GPU exists.
"""
import torch
from torch import nn


def encode_sequence(seq: str) -> torch.Tensor:
    """Flattened one-hot encoding (A, C, G, T) of ``seq``: float32 ``[4 * len(seq)]``."""
    # TODO (task 1)
    raise NotImplementedError("encode_sequence")


class PromoterClassifier(nn.Module):
    """MLP: (Linear, ReLU, Dropout) per hidden size, then Linear to 1 and Sigmoid."""

    def __init__(self, input_size: int = 200, hidden_sizes: list[int] = [128, 64],
                 dropout: float = 0.2):
        super().__init__()
        # TODO (task 2): build the layers in a loop and register them
        raise NotImplementedError("PromoterClassifier.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): probabilities of shape [N]
        raise NotImplementedError("PromoterClassifier.forward")


def train_with_validation(model: nn.Module, X_train: torch.Tensor, y_train: torch.Tensor,
                          X_val: torch.Tensor, y_val: torch.Tensor, epochs: int = 100,
                          lr: float = 0.001):
    """Return (train_losses, val_losses, train_accs, val_accs), one float per epoch each."""
    # TODO (task 3)
    raise NotImplementedError("train_with_validation")
