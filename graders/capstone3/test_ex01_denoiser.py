"""Graders: capstone 3, module 1 (a conditional denoiser of any architecture within a parameter cap, and
classifier-free guidance computed from the model's own outputs)."""
import torch
from torch import nn

from coursekit import checks as ck
from coursekit.checks.design import PARAM_CAP

MODEL_HINT = ("DesignDenoiser(seq_len=64, n_classes=2): an nn.Module with self.seq_len = seq_len and "
              "self.null_label = n_classes (an int); forward(x [B, seq_len] float32, t int64 [B], labels "
              "int64 [B], 0..n_classes) -> [B, seq_len] float32, each row from that row's x, t and label "
              "alone; the label (the null label too) through an nn.Embedding(n_classes + 1, ...), t through "
              "a time embedding")
GUIDE_HINT = ("guided_noise(model, x_t, t, labels, w): eps_c = model(x_t, t, labels); eps_u = model(x_t, t, "
              "torch.full_like(labels, model.null_label)); return eps_u + w * (eps_c - eps_u): labels "
              "used as "
              "given, nothing random")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _forward(model, x, t, labels, what):
    with torch.no_grad():
        out = ck.call(model, x, t, labels, what=what, hint=MODEL_HINT)
    ck.expect_tensor(out, what, tuple(x.shape), torch.float32, hint=MODEL_HINT)
    ck.expect_finite(out, what)
    return out


def _differ(a, b):
    return (a - b).abs().max().item() > 1e-6


def test_interface(sol):
    for args, seq_len, null in (((), 64, 2), ((32, 3), 32, 3)):
        what = f"DesignDenoiser({', '.join(map(str, args))})"
        model = ck.build_model(sol.DesignDenoiser, *args, seed=0, what=what).eval()
        found = (getattr(model, "seq_len", None), getattr(model, "null_label", None))
        ck.expect(found == (seq_len, null) and type(found[1]) is int,
                  f"{what}.seq_len == {seq_len} and .null_label == {null} (an int: the classes are "
                  f"0..{null - 1})",
                  f"seq_len {found[0]!r}, null_label {found[1]!r}", MODEL_HINT)
        x = torch.randn(6, seq_len, generator=_gen(1))
        t = torch.tensor([0, 1, 17, 50, 98, 99])
        labels = torch.tensor([0, 1, null, 1, 0, null])
        out = _forward(model, x, t, labels, f"{what}(x [6, {seq_len}], t [6], labels [6])")
        alone = torch.cat([_forward(model, x[i:i + 1], t[i:i + 1], labels[i:i + 1], f"{what} on one row")
                           for i in range(6)])
        ck.expect_close(out, alone, f"{what} in eval mode: each row's output the same alone as in a batch",
                        MODEL_HINT, rtol=1e-4, atol=1e-5)
        same_x = x[:1].expand(3, -1)
        by_label = _forward(model, same_x, torch.full((3,), 40), torch.tensor([0, 1, null]),
                            f"{what} on one x with labels 0, 1 and the null label {null}")
        ck.expect(_differ(by_label[0], by_label[1]) and _differ(by_label[0], by_label[2])
                  and _differ(by_label[1], by_label[2]),
                  f"{what}: one x and t with labels 0, 1 and null give three different outputs (the model "
                  "uses its label)", "two of them equal", MODEL_HINT)
        by_time = _forward(model, same_x[:2], torch.tensor([0, 99]), torch.tensor([1, 1]),
                           f"{what} on one x and label at t = 0 and t = 99")
        ck.expect(_differ(by_time[0], by_time[1]), f"{what}: one x and label at t = 0 and t = 99 give "
                                                   f"different "
                  "outputs (the model uses t)", "equal outputs", MODEL_HINT)


def test_param_cap(sol):
    model = ck.build_model(sol.DesignDenoiser, seed=0, what="DesignDenoiser()")
    ck.expect_registered(model, "DesignDenoiser()")
    total, trainable = ck.count_parameters(model), ck.count_parameters(model, trainable_only=True)
    ck.expect(0 < trainable and total <= PARAM_CAP, f"DesignDenoiser() with at most {PARAM_CAP:,} "
                                                    f"parameters, "
              "trainable", f"{total:,} parameters, {trainable:,} trainable",
              "a network of a few layers of about 256 units fits; count with sum(p.numel() for p in "
              "model.parameters())")


class _StandIn(nn.Module):
    """Row i: scale * x_i + table[label_i] + t_i: small integers, known exactly; records every call."""

    def __init__(self, features, n_classes, seed):
        super().__init__()
        self.null_label = n_classes
        self.table = torch.randint(-4, 5, (n_classes + 1, features), generator=_gen(seed)).float()
        self.calls = []

    def forward(self, x, t, labels):
        self.calls.append((x.detach().clone(), t.clone(), labels.clone()))
        return 2 * x + self.table.to(x.dtype)[labels] + t.to(x.dtype).unsqueeze(1)


def _eps(model, x, t, labels):
    return 2 * x + model.table.to(x.dtype)[labels] + t.to(x.dtype).unsqueeze(1)


def test_guidance_formula(sol):
    model = _StandIn(4, 3, 0)
    x = torch.randint(-3, 4, (4, 4), generator=_gen(1)).float()
    t = torch.tensor([0, 5, 50, 99])
    labels = torch.tensor([0, 1, 2, 1])
    eps_c, eps_u = _eps(model, x, t, labels), _eps(model, x, t, torch.full_like(labels, 3))
    for w in (0.0, 1.0, 3.0, 0.5, 7.5, -1.0):
        what = f"guided_noise(stand-in, x_t [4, 4], t, labels [0, 1, 2, 1], w={w})"
        given = labels.clone()
        found = ck.call(sol.guided_noise, model, x.clone(), t.clone(), given, w, what=what, hint=GUIDE_HINT)
        ck.expect_tensor(found, what, (4, 4), torch.float32, hint=GUIDE_HINT)
        trusted = eps_u + w * (eps_c - eps_u)
        if w in (0.0, 1.0):
            ck.expect(torch.equal(found.detach(), trusted), f"{what} exactly eps_{'u' if w == 0 else 'c'}",
                      f"{found.detach().tolist()}", GUIDE_HINT)
        ck.expect_close(found.detach(), trusted, f"{what} == eps_u + w (eps_c - eps_u) (eps_u from the null "
                        "label 3)", GUIDE_HINT, rtol=1e-5, atol=1e-5)
        ck.expect(torch.equal(given, labels), f"{what} to leave the labels untouched", f"{given.tolist()}",
                  GUIDE_HINT)
    # every row reaches the model twice: with its label, with the null label
    model = _StandIn(3, 2, 2)
    x = torch.arange(40, dtype=torch.float32).view(40, 1).expand(40, 3).contiguous()
    t = torch.arange(40) % 100
    labels = torch.arange(40) % 3
    before = torch.get_rng_state()
    ck.call(sol.guided_noise, model, x, t, labels, 3.0, what="guided_noise(stand-in, 40 rows, w=3.0)",
            hint=GUIDE_HINT)
    ck.expect(torch.equal(torch.get_rng_state(), before), "guided_noise to draw no random numbers",
              "torch's global random state changed", GUIDE_HINT)
    seen = [(int(xr[0]), int(tr), int(lr)) for xs, ts, ls in model.calls for xr, tr, lr in zip(xs, ts, ls)]
    wanted = sorted([(i, i, i % 3) for i in range(40)] + [(i, i, 2) for i in range(40)])
    ck.expect(sorted(seen) == wanted, "guided_noise on 40 rows (labels 0, 1 and null 2): the model sees "
                                      "each row "
              "exactly twice, with its t, once with its label and once with the null label",
              f"{len(seen)} rows seen", GUIDE_HINT)


class _Pipeline(nn.Module):
    def __init__(self, sol):
        super().__init__()
        self.sol = sol
        self.model = sol.DesignDenoiser(16, 2)

    def forward(self, x):
        n = x.shape[0]
        t = torch.arange(n, device=x.device) * 13 % 100
        labels = torch.arange(n, device=x.device) % 3
        return self.model(x, t, labels), self.sol.guided_noise(self.model, x, t, labels % 2, 3.0)


def test_follows_device(sol):
    x = torch.randn(5, 16, generator=_gen(50))
    ck.expect_follows_device(lambda: ck.build_model(_Pipeline, sol, what="DesignDenoiser(16, 2)"), x,
                             "DesignDenoiser(16, 2) and guided_noise with it")


class _ParityModel(_Pipeline):
    def __init__(self, sol):
        nn.Module.__init__(self)
        self.sol = sol
        self.model = sol.DesignDenoiser()


def test_cuda_parity(sol):
    x = torch.randn(9, 64, generator=_gen(60))
    ck.expect_cuda_parity(lambda: ck.seeded(0, _ParityModel, sol), x, "DesignDenoiser() and guided_noise")
