"""Mutant: every cell generated at the type's centre (no spread): n copies of one cell."""
import torch

from reference.capstone2.ex03_generation import type_latent

CAUGHT_BY = {"generate_matches", "generated_types", "generated_types_hidden"}


@torch.no_grad()
def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    centre, _ = type_latent(z, labels, cell_type)
    z_new = centre.expand(n, -1).clone()
    sizes = None if library is None else torch.full((n,), float(library))
    was_training = model.training
    model.eval()
    cells = model.decode(z_new, sizes)
    model.train(was_training)
    return cells
