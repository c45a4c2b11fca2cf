"""Correct alternative: the type's rows chosen with torch.nonzero, the standard deviation computed by
hand (sum of squared deviations over n - 1), the new latent points built with torch.addcmul, and the
mode handled by a try/finally."""
import torch


def type_latent(z, labels, cell_type):
    rows = z.index_select(0, torch.nonzero(labels == cell_type).flatten())
    centre = rows.sum(dim=0) / rows.shape[0]
    spread = ((rows - centre) ** 2).sum(dim=0).div(rows.shape[0] - 1).sqrt()
    return centre, spread


def generate_cells(model, z, labels, cell_type, n, library=None, generator=None):
    centre, spread = type_latent(z, labels, cell_type)
    noise = torch.randn((n, z.shape[1]), generator=generator)
    points = torch.addcmul(centre.expand(n, -1), spread.expand(n, -1), noise)
    sizes = torch.full((n,), float(library)) if library is not None else None
    previous = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model.decode(points, sizes)
    finally:
        model.train(previous)
