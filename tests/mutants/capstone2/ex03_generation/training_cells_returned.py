"""Mutant: the "generated" cells are the training cells of the type, decoded from their own latent
means: the type is right, but nothing new is generated."""
import torch

from reference.capstone2.ex03_generation import type_latent  # noqa: F401

CAUGHT_BY = {"generate_matches", "generated_types", "generated_types_hidden"}


@torch.no_grad()
def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    from coursekit.checks.cells import counts

    data = counts(0)
    rows = data.x[data.train_idx][data.labels[data.train_idx] == cell_type]
    return rows[torch.arange(n) % rows.shape[0]].clone()
