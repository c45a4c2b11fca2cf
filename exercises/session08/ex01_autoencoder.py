"""Session 8, exercise 1: an autoencoder for expression profiles, and PCA.

Genomics context
----------------
A single-cell expression profile has thousands of genes, but cells do not vary along
thousands of independent directions: genes move together in **programs** (a cell-cycle
program, an interferon response, the markers of a cell type). An **autoencoder**
compresses each cell's profile to a few latent numbers (the *encoder*) and rebuilds the
profile from them (the *decoder*); training asks the rebuilt profile to equal the input,
so the bottleneck must keep what matters. This is the backbone of the single-cell models
of this session (scVI, the VAEs of the next exercises).

PCA is the yardstick. A **linear** autoencoder trained with squared error can at best
find PCA's subspace: by the Eckart-Young theorem, PCA with centring is the best rank-k
affine approximation of a data matrix, so no model whose reconstruction is a linear map of
a k-dimensional code does better on the data it was fitted to, and a well-trained one comes
close. A nonlinear autoencoder can bend its k-dimensional surface through the data (cell
types are clusters) and beat PCA.

Data
----
``coursekit.data.session08.expression_programs(n_cells=600, n_genes=200, n_programs=5,
n_types=4, noise=0.3, seed=0)`` returns ``(x, labels)``: float32 ``[n_cells, n_genes]``
expression, every gene centred and scaled to unit variance (as scanpy's ``pp.scale``: half
the values are negative), and int64 cell types ``[n_cells]``. A cell's expression is its
activity in 5 gene programs (its type's centre plus its own variation) times the
programs' gene loadings, plus noise. The graders draw ``expression_programs(500, seed=0)``
and use the first 300 cells for training and the last 200 as held-out cells.

Task 1: ``Autoencoder(input_dim=200, latent_dim=5, hidden_dim=64, linear=False)``
--------------------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly two attributes holding
layers, named ``encoder`` and ``decoder``:

- ``linear=False`` (the default)::

      self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                   nn.Linear(hidden_dim, latent_dim))
      self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                   nn.Linear(hidden_dim, input_dim))

- ``linear=True``: ``self.encoder = nn.Linear(input_dim, latent_dim)`` and
  ``self.decoder = nn.Linear(latent_dim, input_dim)`` (``hidden_dim`` is not used);
- every ``nn.Linear`` has its bias; **nothing after the decoder's last Linear**: no
  ReLU or Sigmoid at the output (the course guide's image decoders end in a Sigmoid for
  pixels in [0, 1]; scaled expression is negative for half the entries), no dropout, no
  normalisation. No other parameters.

Methods (``x`` float32 ``[B, input_dim]``, ``z`` float32 ``[B, latent_dim]``):

- ``encode(x)`` returns ``self.encoder(x)``, float32 ``[B, latent_dim]``;
- ``decode(z)`` returns ``self.decoder(z)``, float32 ``[B, input_dim]``;
- ``forward(x)`` returns ``decode(encode(x))``, float32 ``[B, input_dim]``, and nothing
  else: no noise, no dropout, no path from ``x`` to the output around the bottleneck.

``Autoencoder()`` has **26,573** parameters; in general ``2 * (i * h + h * k) + 2 * h + k
+ i`` with ``i = input_dim``, ``h = hidden_dim``, ``k = latent_dim``. ``Autoencoder(
linear=True)`` has **2,205**: ``2 * i * k + k + i``.

Task 2: ``train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None)``
----------------------------------------------------------------------------------------
Train every parameter of ``model`` to reconstruct ``x`` (float32 ``[n, genes]``) and
return the loss of each epoch, a list of ``epochs`` Python floats:

- ``model.train()`` first, and ``model.eval()`` at the end, before returning;
- one ``torch.optim.Adam(model.parameters(), lr=lr)`` for the whole run (other arguments
  at their defaults);
- every epoch walks a fresh random order of the ``n`` cells in consecutive batches of
  ``batch_size`` (the last one smaller when ``batch_size`` does not divide ``n``; no batch
  dropped), one forward pass per batch;
- per batch: ``optimizer.zero_grad()``, ``loss = F.mse_loss(model(batch), batch)`` (the
  mean over the batch's entries), ``loss.backward()``, ``optimizer.step()``;
- the order comes from ``generator``: with a ``torch.Generator`` given, **all** the
  randomness comes from it and torch's global random state is left untouched
  (``torch.randperm(n, generator=generator)`` each epoch, or a ``DataLoader(...,
  shuffle=True, generator=generator)``); with ``generator=None``, from the global
  generator. Never call ``torch.manual_seed`` inside;
- the loss of an epoch is the mean squared error over all its entries: the sum over its
  batches of ``loss.item() * len(batch)``, divided by ``n`` (with a smaller last batch
  this is not the plain mean of the batch losses).

The defaults are the graders' budget: 300 cells make batches of 64, 64, 64, 64 and 44, 50
epochs of 5 Adam steps at ``lr=0.03``: a second or less on a laptop CPU.

Task 3: ``reconstruction_error(model, x)``
------------------------------------------
The mean squared error of ``model``'s reconstruction of ``x`` over every entry (cells and
genes), as a Python float (``.item()``): call ``model.eval()`` (the model stays in eval mode
afterwards), compute ``model(x)`` under ``torch.no_grad()``, and average ``(model(x) - x) **
2``. Use it to look at held-out cells: the graders compute the error themselves wherever
it is compared with a bar.

What the graders check
----------------------
Models are built under a fixed global seed; ``Autoencoder(i, k, h, linear)`` below is
``Autoencoder(input_dim=i, latent_dim=k, hidden_dim=h, linear=linear)`` called with
positional arguments in that order.

- ``architecture``: ``Autoencoder(30, 3, 16, False)`` has ``encoder`` an ``nn.Sequential``
  of exactly ``Linear(30, 16)``, ``ReLU``, ``Linear(16, 3)`` and ``decoder`` of exactly
  ``Linear(3, 16)``, ``ReLU``, ``Linear(16, 30)`` (nothing after the last Linear), every
  Linear with a bias; ``Autoencoder(30, 3, 16, True)`` has ``encoder`` ``nn.Linear(30, 3)``
  and ``decoder`` ``nn.Linear(3, 30)``; ``Autoencoder()`` and ``Autoencoder(linear=True)``
  the same with the defaults (200 genes, 5 latent, 64 hidden); nothing held in plain lists
  or plain tensor attributes;
- ``param_count``: ``Autoencoder()`` 26,573; ``Autoencoder(linear=True)`` 2,205;
  ``Autoencoder(30, 3, 16, False)`` 1,121; ``Autoencoder(30, 3, 16, True)`` 213;
  ``Autoencoder(7, 1, 2, False)`` 44;
- ``encode_decode``: in eval mode, on ``Autoencoder(30, 3, 16, False)`` and ``(..., True)``
  with ``x`` ``[4, 30]``, then on 20 generated cases (batch 1-9, ``input_dim`` 2-40,
  ``latent_dim`` 1-6, ``hidden_dim`` 1-24, both kinds): ``encode(x)`` float32 ``[B, k]``,
  ``decode(z)`` float32 ``[B, i]`` and ``model(x)`` float32 ``[B, i]`` equal the graders'
  own computation from your layers' weights (``decode(encode(x))``; rtol 1e-4, atol 1e-5);
  ``reconstruction_error(model, x)``, called on a model in train mode, returns a Python
  float equal to the graders' mean of ``(decode(encode(x)) - x) ** 2`` and leaves the model
  in eval mode;
- ``seeded_training``: ``train_autoencoder(Autoencoder(20, 3, 8), x, epochs=2, lr=0.0,
  batch_size=16, generator=...)`` on 60 cells of 20 genes (``lr=0``: Adam moves nothing)
  calls the model on batches of 16, 16, 16, 12 cells in each epoch, in train mode with
  gradients enabled, leaves it in eval mode, and returns two losses each equal to the
  untrained model's MSE over all of ``x`` (rtol 1e-4); on 100 cells,
  ``train_autoencoder(model, x, generator=torch.Generator().manual_seed(7))`` with every
  other default runs 50 epochs of batches of 64 and 36 (the defaults epochs=50,
  batch_size=64) and leaves torch's global random state untouched; with ``epochs=3`` it
  gives the same losses and weights twice (from copies of one model, under global seeds 11
  and 12) and other losses with ``manual_seed(8)``;
- ``never_beats_pca`` (2 points): ``Autoencoder(latent_dim=2, linear=True)`` trained with
  ``train_autoencoder(model, x, generator=torch.Generator().manual_seed(0))`` (defaults
  otherwise) on the 300 training cells; its training MSE, computed by the graders
  (``((model(x) - x) ** 2).mean()`` in eval mode), must be at least PCA(2)'s reconstruction
  MSE times ``1 - 1e-3`` (float tolerance). PCA's MSE is computed by the graders with
  scikit-learn in float64: ``pca = PCA(n_components=2).fit(x)``, the mean of
  ``(pca.inverse_transform(pca.transform(x)) - x) ** 2``. A model that beats it is not a linear
  autoencoder: a hidden ReLU layer in the ``linear=True`` model (over seeds 0-19 the
  nonlinear ``Autoencoder(latent_dim=2)`` reaches 0.28 to 0.77 x PCA's MSE), or a path
  from ``x`` around the bottleneck;
- ``nears_pca``: the same trained model's training MSE must be at most **1.05 x** PCA(2)'s.
  The reference over 20 seeds (seeds 0-19 for the data, the initialisation and the
  generator): 1.0014 to 1.0049 x PCA;
- ``heldout_error_falls``: ``Autoencoder()`` (all defaults) trained the same way on the
  300 training cells; the graders' MSE on the 200 held-out cells must fall by at least
  **3x** from the untrained model's. The reference over seeds 0-19: 7.0x to 32.1x;
- ``follows_device``: every tensor of ``Autoencoder(30, 3, 16, False)`` and ``(..., True)``
  and of their forward passes follows ``.to(device)`` (checked on the ``meta`` device,
  train and eval mode);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``Autoencoder()`` gives the
  same output on CPU and CUDA, in full float32 (TF32 off).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.mse_loss)
from torch import nn


class Autoencoder(nn.Module):
    """encoder: [B, input_dim] -> [B, latent_dim]; decoder: [B, latent_dim] -> [B, input_dim]."""

    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__()
        # TODO (task 1): self.encoder and self.decoder (two Linear layers with a ReLU between, or one)
        raise NotImplementedError("Autoencoder.__init__")

    def encode(self, x):
        # TODO (task 1): the latent code [B, latent_dim]
        raise NotImplementedError("Autoencoder.encode")

    def decode(self, z):
        # TODO (task 1): the reconstruction [B, input_dim]
        raise NotImplementedError("Autoencoder.decode")

    def forward(self, x):
        # TODO (task 1): decode(encode(x))
        raise NotImplementedError("Autoencoder.forward")


def train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None):
    """Mini-batch Adam on the mean squared error; the mean training MSE of each epoch (a list of floats)."""
    # TODO (task 2)
    raise NotImplementedError("train_autoencoder")


def reconstruction_error(model, x):
    """Mean squared error over every entry of x, in eval mode without gradients: a Python float."""
    # TODO (task 3)
    raise NotImplementedError("reconstruction_error")
