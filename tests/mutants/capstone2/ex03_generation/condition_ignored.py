"""Mutant: the cell type ignored: latent points drawn from the prior N(0, I), so the "generated
cells of a type" are cells of any type."""
import torch

from reference.capstone2.ex03_generation import type_latent  # noqa: F401

CAUGHT_BY = {"generate_matches", "generated_types", "generated_types_hidden"}


@torch.no_grad()
def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    z_new = torch.randn((n, z.shape[1]), generator=generator)
    sizes = None if library is None else torch.full((n,), float(library))
    was_training = model.training
    model.eval()
    cells = model.decode(z_new, sizes)
    model.train(was_training)
    return cells
