"""Capstone 2, module 3: generating cells of a chosen type from its region of the latent space.

Genomics context
----------------
A generative model of cells can make new cells: to augment a rare cell type, to ask what a type's
expression looks like away from the cells that happened to be sequenced, or to test a classifier. With
a VAE trained without labels, a type's cells occupy a region of the latent space; drawing new latent
points from that region (a Gaussian with the region's centre and spread) and decoding them generates
cells of that type. Generated cells are judged like real ones, by a classifier trained on real cells,
and must be new (no copies of training cells) and varied (not one cell repeated).

Conventions
-----------
``model`` is a VAE like module 1's ``CellVAE``: ``model.decode(z, library)`` returns the mean expression
``[n, G]`` (for counts, positive and summing to ``library`` per cell; for scaled values, the library is
ignored). ``z`` are latent means of real cells ``[N, d]``, ``labels`` their types int64 ``[N]``. This
module stands alone (it imports no other module of the capstone).

Task 1: ``type_latent(z, labels, cell_type)``
---------------------------------------------
Return ``(centre, spread)``, each ``[d]``: the mean and the standard deviation (``torch.std``, the
default unbiased one) over the rows of ``z`` whose label is ``cell_type``.

Task 2: ``generate_cells(model, z, labels, cell_type, n, library=None, generator=None)``
---------------------------------------------------------------------------------------
``centre, spread = type_latent(z, labels, cell_type)``; ``eps = torch.randn((n, d), generator=generator)``
(one draw; nothing else random); ``z_new = centre + spread * eps``; return ``model.decode(z_new,
sizes)`` float32 ``[n, G]``, where ``sizes = torch.full((n,), float(library))`` (or ``None`` when
``library`` is ``None``). Decode in eval mode under ``torch.no_grad()``, the model's mode restored.
With a generator given, torch's global random state is untouched.

What the graders check
----------------------
- ``generate_matches`` (1): ``type_latent`` on 60 latent points of 3 types (rtol 1e-5); ``generate_cells``
  on the graders' own decoders (a counts one with ``library=800.0``, a Gaussian one with ``None``):
  equal to ``decode(centre + spread * eps)`` with ``eps`` as above (rtol 1e-5);
- ``generate_seeded`` (1): the same cells from the same generator seed, whatever torch's global seed,
  which stays untouched; other cells from another seed; no gradients; ``decode`` called in eval mode
  and the model back in train mode afterwards;
- ``generated_types`` (1) and its hidden twin ``generated_types_hidden`` (3: another seed): your module 1
  and 2 pipeline trained on the kit's counts of the seed (0 for the public check; see module 2's
  ``heldout_ari``), ``z`` the graders' own latent means of the 600 training cells; for each of the 4
  types, ``generate_cells(model, z, labels, type, 100, library=the training cells' median library
  size, generator)``. The kit's classifier (scikit-learn's ``LogisticRegression`` on ``log1p`` of the
  real training cells' counts scaled to 10,000 per cell) calls at least **45%** of the generated cells
  the type they were generated for (averaged over the types); at most 5% of them lie within 0.25 times
  the training cells' median nearest-neighbour distance of a training cell (no copies); and for every
  type their median pairwise distance is at least **0.01** times that of the real cells of the type
  (not collapsed).

The bars come from sweeps over seeds 0-11 and the hidden seed: the reference's generated cells are
called their type 71% of the time at worst (82% to 95% for most seeds), a deeper correct alternative's
58%; none near a copy; spread 0.054 at worst (generated cells are expected counts, smoother than real
ones). Latent points drawn from the prior N(0, I), ignoring the type: at best 29%; every cell at the
type's centre: spread 0.
"""
import torch  # noqa: F401


def type_latent(z, labels, cell_type):
    # TODO (task 1): mean and std over the type's rows
    raise NotImplementedError("type_latent")


def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    # TODO (task 2): decode centre + spread * eps, eps from the generator; eval mode, no grad, mode restored
    raise NotImplementedError("generate_cells")
