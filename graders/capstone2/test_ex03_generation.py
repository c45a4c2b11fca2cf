"""Graders: capstone 2, module 3 (cells of a chosen type generated from its latent region), with the
outcome judged by the kit's classifier on the VAE trained by the student's pipeline."""
import torch
from torch import nn

from coursekit import checks as ck
from coursekit.checks import cells as cc
from coursekit.data import capstone2  # noqa: F401  (its warm_cache runs before a sealed grading process)

OUTCOME_SEED = 0  # the public outcome's seed (the hidden twin has its own)
GENERATE_HINT = ("generate_cells(model, z, labels, cell_type, n, library, generator): centre, spread = "
                 "type_latent(z, labels, cell_type) (mean and std over the type's rows); z_new = centre + spread "
                 "* torch.randn((n, d), generator=generator); model.decode(z_new, torch.full((n,), library)) in "
                 "eval mode under torch.no_grad(), the mode restored")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


class _StandIn(nn.Module):
    """The graders' decoder with outputs known exactly, recording the mode of each call."""

    def __init__(self, likelihood):
        super().__init__()
        self.likelihood, self.n_latent = likelihood, 3
        self.w = nn.Parameter(torch.randn(3, 12, generator=_gen(9)))
        self.modes = []

    def decode(self, z, library=None):
        self.modes.append(self.training)
        out = z @ self.w
        if self.likelihood == "nb":
            return torch.softmax(out, dim=1) * library.unsqueeze(1)
        return out


def _latent(seed, n=60):
    g = _gen(seed)
    labels = torch.arange(n) % 3
    return torch.randn(n, 3, generator=g) + 3 * labels.unsqueeze(1).float(), labels


def _trusted(model, z, labels, cell_type, n, library, seed):
    rows = z[labels == cell_type]
    z_new = rows.mean(dim=0) + rows.std(dim=0) * torch.randn((n, z.shape[1]), generator=_gen(seed))
    with torch.no_grad():
        return model.decode(z_new, None if library is None else torch.full((n,), float(library)))


def _generate(sol, model, z, labels, cell_type, n, library, seed, what):
    cells = ck.call(sol.generate_cells, model, z.clone(), labels.clone(), cell_type, n, library=library,
                    generator=_gen(seed), what=what, hint=GENERATE_HINT)
    ck.expect_tensor(cells, what, (n, 12), torch.float32, hint=GENERATE_HINT)
    return cells


def test_generate_matches(sol):
    z, labels = _latent(1)
    what = "type_latent(z [60, 3], labels, 2)"
    found = ck.call(sol.type_latent, z.clone(), labels.clone(), 2, what=what, hint=GENERATE_HINT)
    ck.expect(isinstance(found, tuple) and len(found) == 2, f"{what} to return (centre, spread)",
              type(found).__name__, GENERATE_HINT)
    rows = z[labels == 2]
    ck.expect_close(found[0], rows.mean(dim=0), f"{what}: the centre, the mean of the type's rows", GENERATE_HINT,
                    rtol=1e-5, atol=1e-6)
    ck.expect_close(found[1], rows.std(dim=0), f"{what}: the spread, the standard deviation of the type's rows "
                    "(torch.std)", GENERATE_HINT, rtol=1e-5, atol=1e-6)
    for likelihood, library, cell_type in (("nb", 800.0, 1), ("gaussian", None, 0)):
        model = _StandIn(likelihood)
        what = (f"generate_cells(graders' {likelihood!r} model, z [60, 3], labels, cell_type={cell_type}, n=25, "
                f"library={library}, generator)")
        cells = _generate(sol, model, z, labels, cell_type, 25, library, 5, what)
        ck.expect_close(cells, _trusted(model, z, labels, cell_type, 25, library, 5), f"{what}: decode(centre + "
                        "spread * eps) with eps from the generator", GENERATE_HINT, rtol=1e-5, atol=1e-4)


def test_generate_seeded(sol):
    z, labels = _latent(2)
    model = _StandIn("nb").train()
    what = "generate_cells(graders' model in train mode, z, labels, 1, n=10, library=500.0, generator)"
    runs = ck.under_global_seeds(lambda: _generate(sol, model, z, labels, 1, 10, 500.0, 6, what), what,
                                 GENERATE_HINT)
    ck.expect(torch.equal(runs[0], runs[1]), f"{what}: the same cells from the same generator seed",
              "different cells", GENERATE_HINT)
    other = _generate(sol, model, z, labels, 1, 10, 500.0, 7, what)
    ck.expect(not torch.equal(other, runs[0]), f"{what}: other cells from another generator seed", "the same",
              GENERATE_HINT)
    ck.expect(not runs[0].requires_grad, f"{what}: computed under torch.no_grad()", "a tensor with gradients",
              GENERATE_HINT)
    ck.expect(model.modes and not any(model.modes) and model.training, f"{what}: decode called in eval mode, the "
              "model back in train mode afterwards", f"modes {sorted(set(model.modes))}, now "
              f"{'train' if model.training else 'eval'}", GENERATE_HINT)


def test_generated_types(sol):
    cc.expect_generated_types(sol, OUTCOME_SEED)
