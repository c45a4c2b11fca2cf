"""Mutant: the spread is the type's variance, not its standard deviation."""
import torch

from reference.capstone2.ex03_generation import generate_cells  # noqa: F401

CAUGHT_BY = {"generate_matches"}


def type_latent(z, labels, cell_type):
    rows = z[labels == cell_type]
    return rows.mean(dim=0), rows.var(dim=0)


@torch.no_grad()
def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):  # noqa: F811
    centre, spread = type_latent(z, labels, cell_type)
    z_new = centre + spread * torch.randn((n, z.shape[1]), generator=generator)
    sizes = None if library is None else torch.full((n,), float(library))
    was_training = model.training
    model.eval()
    cells = model.decode(z_new, sizes)
    model.train(was_training)
    return cells
