"""Reference solution: capstone 2, module 3 (cells of a chosen type, generated from its latent region)."""
import torch


def type_latent(z, labels, cell_type):
    members = z[labels == cell_type]
    return members.mean(dim=0), members.std(dim=0)


@torch.no_grad()
def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    centre, spread = type_latent(z, labels, cell_type)
    eps = torch.randn((n, z.shape[1]), generator=generator)
    z_new = centre + spread * eps
    sizes = None if library is None else torch.full((n,), float(library))
    was_training = model.training
    model.eval()
    cells = model.decode(z_new, sizes)
    model.train(was_training)
    return cells
