"""Graders: capstone 1, module 2 (a model of any form on the kit's pretrained trunk: attention over
positions that sums to 1, the trunk loaded as given, the alt allele reaching the logit)."""
import torch
from torch import nn

from coursekit import checks as ck
from coursekit.checks.variants import variant_data
from coursekit.data.capstone1 import pretrained_trunk

HEAD_CAP = 20_000  # parameters outside the trunk
MODEL_HINT = ("VariantEffectModel(trunk): self.trunk = trunk (the module given, kept as it is); "
              "forward(ref, alt) "
              "with ref, alt [N, 4, L] -> logits [N]: the trunk on both alleles, attention over the L "
              "positions "
              "(a softmax of one score per position), the weighted sum, a linear layer; attention(ref, "
              "alt) -> "
              "the weights [N, L]")
ATTENTION_HINT = "attention(ref, alt): torch.softmax(scores [N, L], dim=1), one score per position"


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _model(sol, seed=0, trunk=None):
    return ck.build_model(sol.VariantEffectModel, pretrained_trunk() if trunk is None else trunk, seed=seed,
                          what="VariantEffectModel(pretrained_trunk())").eval()


def _logits(model, ref, alt, what):
    with torch.no_grad():
        out = ck.call(model, ref, alt, what=what, hint=MODEL_HINT)
    ck.expect_tensor(out, what, (ref.shape[0],), torch.float32, hint=MODEL_HINT)
    ck.expect_finite(out, what)
    return out


def test_trunk_loaded(sol):
    trunk = pretrained_trunk()
    model = _model(sol, trunk=trunk)
    ck.expect(getattr(model, "trunk", None) is trunk, "VariantEffectModel(trunk).trunk is the trunk it "
                                                      "was given",
              type(getattr(model, "trunk", None)).__name__, MODEL_HINT)
    kit = pretrained_trunk().state_dict()
    mine = model.trunk.state_dict()
    same = mine.keys() == kit.keys() and all(torch.equal(mine[k], kit[k]) for k in kit)
    ck.expect(same, "model.trunk's weights equal to the kit's pretrained ones (loaded, not re-initialised)",
              "other weights", MODEL_HINT)
    ck.expect_registered(model, "VariantEffectModel(pretrained_trunk())")
    trunk_ids = {id(p) for p in model.trunk.parameters()}
    head = sum(p.numel() for p in model.parameters() if id(p) not in trunk_ids)
    ck.expect(0 < head <= HEAD_CAP, f"VariantEffectModel: at most {HEAD_CAP:,} parameters outside the trunk",
              f"{head:,}", "a small head: 1x1 convolutions and a linear layer")
    data = variant_data(0)
    _logits(model, data.ref[:10], data.alt[:10], "VariantEffectModel(trunk)(ref [10, 4, 41], alt [10, 4, "
                                                 "41])")


def test_attention_sums_to_one(sol):
    data = variant_data(0)
    model = _model(sol, seed=1)
    for width, rows in ((41, data.ref[:12]), (25, data.ref[:12, :, 8:33])):
        alt = rows.clone()
        alt[:, :, width // 2] = torch.roll(alt[:, :, width // 2], 1, dims=1)
        what = f"model.attention(ref [12, 4, {width}], alt)"
        with torch.no_grad():
            weights = ck.call(model.attention, rows, alt, what=what, hint=ATTENTION_HINT)
        ck.expect_tensor(weights, what, (12, width), hint=ATTENTION_HINT)
        ck.expect(bool((weights >= 0).all()), f"{what}: weights >= 0", f"min {weights.min().item():.3g}",
                  ATTENTION_HINT)
        ck.expect_close(weights.sum(dim=1).double(), torch.ones(12, dtype=torch.float64),
                        f"{what}: each variant's weights summing to 1 over the positions", ATTENTION_HINT,
                        rtol=0, atol=1e-5)


def test_alt_changes_logit(sol):
    data = variant_data(0)
    model = _model(sol, seed=2)
    ref, alt = data.ref[:40], data.alt[:40]
    base = _logits(model, ref, alt, "model(ref [40, 4, 41], alt)")
    other = alt.clone()
    other[:, :, 20] = torch.roll(alt[:, :, 20], 1, dims=1)  # another ALT base at the centre
    moved = _logits(model, ref, other, "model(ref, alt with another base at the centre)")
    changed = ((moved - base).abs() > 1e-6).double().mean().item()
    ck.expect(changed >= 0.9, "model(ref, alt) for 40 variants: changing only the ALT base changes the logit "
              "(for at least 90% of them)", f"{changed:.0%}", "use the alt allele: the trunk on alt too, "
                                                              "e.g. "
              "features of alt - ref")
    same = _logits(model, ref, ref, "model(ref, ref)")
    ck.expect(((same - base).abs() > 1e-6).double().mean().item() >= 0.9, "model(ref, ref) differs from "
                                                                          "model(ref, "
              "alt): the logit depends on the alt allele", "the same logits", MODEL_HINT)


class _Pipeline(nn.Module):
    def __init__(self, sol):
        super().__init__()
        self.model = sol.VariantEffectModel(nn.Sequential(nn.Conv1d(4, 32, 9, padding=4), nn.ReLU()))

    def forward(self, x):
        alt = torch.roll(x, 1, dims=1)
        return self.model(x, alt), self.model.attention(x, alt)


def _one_hot_windows(n, seed):
    codes = torch.randint(0, 4, (n, 41), generator=_gen(seed))
    return torch.nn.functional.one_hot(codes, 4).transpose(1, 2).float()


def test_follows_device(sol):
    x = _one_hot_windows(3, 5)
    ck.expect_follows_device(lambda: ck.build_model(_Pipeline, sol, what="VariantEffectModel(trunk)"), x,
                             "VariantEffectModel(trunk), its forward and attention")


def test_cuda_parity(sol):
    x = _one_hot_windows(6, 6)
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Pipeline, sol), x, "VariantEffectModel(trunk) and attention")
