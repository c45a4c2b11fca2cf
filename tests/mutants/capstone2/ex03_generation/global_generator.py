"""Mutant: eps drawn from torch's global generator, ignoring the one given."""
import torch

from reference.capstone2.ex03_generation import type_latent

CAUGHT_BY = {"generate_seeded"}


@torch.no_grad()
def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    centre, spread = type_latent(z, labels, cell_type)
    z_new = centre + spread * torch.randn((n, z.shape[1]))
    sizes = None if library is None else torch.full((n,), float(library))
    was_training = model.training
    model.eval()
    cells = model.decode(z_new, sizes)
    model.train(was_training)
    return cells
