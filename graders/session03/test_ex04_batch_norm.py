"""Graders: session 3, exercise 4 (MLPWithBatchNorm). Each test is one check."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck

LAYERS = (("fc1", 10, 50), ("fc2", 50, 30), ("fc3", 30, 1))
NORMS = (("bn1", 50), ("bn2", 30))
BUFFERS = ("running_mean", "running_var")
ORDER_HINT = "forward is bn1(relu(fc1(x))), bn2(relu(fc2(.))), fc3(.): batch norm after each ReLU"


def _mlp(sol, use_bn, seed=0):
    return ck.build_model(sol.MLPWithBatchNorm, use_bn=use_bn, seed=seed,
                          what=f"MLPWithBatchNorm(use_bn={use_bn})")


def _expect_bn(layer, size, name, settings=True):
    """``layer`` is nn.BatchNorm1d(size) with scale, shift and running statistics;
    with ``settings``, also PyTorch's default eps and momentum."""
    ck.expect(isinstance(layer, nn.BatchNorm1d), f"{name} to be nn.BatchNorm1d({size})",
              type(layer).__name__, "use nn.BatchNorm1d: it normalises over the batch and keeps "
              "running statistics")
    wanted = {"num_features": size, "affine": True, "track_running_stats": True}
    if settings:
        wanted.update(eps=1e-5, momentum=0.1)
    found = {key: getattr(layer, key) for key in wanted}
    wrong = [f"{key}={found[key]!r} (expected {value!r})" for key, value in wanted.items()
             if found[key] != value]
    ck.expect(not wrong, f"{name} = nn.BatchNorm1d({size}) with PyTorch's defaults",
              ", ".join(wrong), f"{name} normalises {size} units; pass only the size and keep "
              "the defaults (eps 1e-5, momentum 0.1, affine, running statistics)")


def _expect_layers(model, use_bn, settings=True):
    for attr, n_in, n_out in LAYERS:
        ck.expect_linear(getattr(model, attr, None), n_in, n_out, attr)
    if use_bn:
        for attr, size in NORMS:
            _expect_bn(getattr(model, attr, None), size, attr, settings)


def _set_bn_state(model, seed=17):
    """Running statistics and affine parameters away from their initial 0 / 1 values."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for attr, size in NORMS:
            bn = getattr(model, attr)
            bn.running_mean.copy_(torch.randn(size, generator=g))
            bn.running_var.copy_(0.5 + torch.rand(size, generator=g))
            bn.weight.copy_(0.5 + torch.rand(size, generator=g))
            bn.bias.copy_(torch.randn(size, generator=g))


def _snapshot(model):
    return {(attr, b): getattr(getattr(model, attr), b).clone() for attr, _ in NORMS for b in BUFFERS}


def _trusted(model, x, training, stats):
    """fc3(bn2(relu(fc2(bn1(relu(fc1(x))))))) with F.batch_norm on ``stats`` (updated in place)."""
    h = x
    for (fc, _, _), (attr, _) in zip(LAYERS, NORMS):
        layer, bn = getattr(model, fc), getattr(model, attr)
        h = F.relu(F.linear(h, layer.weight, layer.bias))
        h = F.batch_norm(h, stats[attr, "running_mean"], stats[attr, "running_var"], bn.weight,
                         bn.bias, training=training, momentum=0.1, eps=1e-5)
    return F.linear(h, model.fc3.weight, model.fc3.bias)


def test_architecture(sol):
    for use_bn in (True, False):
        model = _mlp(sol, use_bn)
        _expect_layers(model, use_bn)
        for training in (True, False):
            with torch.no_grad():
                out = model.train(training)(torch.randn(16, 10))
            ck.expect_tensor(out, f"MLPWithBatchNorm(use_bn={use_bn}) output for 16 samples in "
                             f"{'train' if training else 'eval'} mode", (16, 1))


def test_param_count(sol):
    ck.expect_param_count(_mlp(sol, True), 2_271, "MLPWithBatchNorm(use_bn=True)")
    ck.expect_param_count(_mlp(sol, False), 2_111, "MLPWithBatchNorm(use_bn=False)")
    ck.expect_param_count(ck.build_model(sol.MLPWithBatchNorm, what="MLPWithBatchNorm()"), 2_271,
                          "MLPWithBatchNorm() (default use_bn=True)")


def test_forward_order(sol):
    model = _mlp(sol, True)
    _expect_layers(model, True, settings=False)
    _set_bn_state(model)
    x = 5 * torch.randn(32, 10)
    for training in (False, True):
        with torch.no_grad():
            trusted = _trusted(model, x, training, _snapshot(model))
            out = model.train(training)(x)
        mode = "train" if training else "eval"
        ck.expect_tensor(out, f"the {mode}-mode output", (32, 1))
        ck.expect_close(out, trusted, f"the {mode}-mode forward",
                        ORDER_HINT + ("; in eval mode batch norm uses the running statistics"
                                      if not training else ""))


def test_running_stats(sol):
    model = _mlp(sol, True)
    _expect_layers(model, True, settings=False)
    _set_bn_state(model, seed=23)
    x = 5 * torch.randn(64, 10)
    expected = _snapshot(model)
    with torch.no_grad():
        _trusted(model, x, True, expected)
        model.train()(x)
    for (attr, buffer), value in expected.items():
        ck.expect_close(getattr(getattr(model, attr), buffer), value,
                        f"{attr}.{buffer} after one train-mode forward pass",
                        "one train-mode pass moves each running statistic 10% of the way to the "
                        "batch's (momentum 0.1); call each bn layer once, on the ReLU output")
    model.eval()
    before = _snapshot(model)
    with torch.no_grad():
        batch = model(x)
        alone = torch.cat([model(x[i:i + 1]) for i in range(4)])
    changed = [f"{attr}.{buffer}" for (attr, buffer), value in before.items()
               if not torch.equal(getattr(getattr(model, attr), buffer), value)]
    ck.expect(not changed, "eval-mode forward passes to leave the running statistics alone",
              "changed: " + ", ".join(changed),
              "don't switch the bn layers back to train mode inside forward")
    ck.expect_close(alone, batch[:4], "eval-mode outputs of 4 samples passed alone vs in a batch",
                    "in eval mode each sample is normalised with the running statistics")


def test_no_bn_identity(sol):
    model = _mlp(sol, False)
    _expect_layers(model, False)
    for attr, _ in NORMS:
        layer = getattr(model, attr, None)
        ck.expect(isinstance(layer, nn.Identity), f"{attr} to be nn.Identity() when use_bn=False",
                  type(layer).__name__, f"{attr} = nn.BatchNorm1d(n) if use_bn else nn.Identity()")
    norms = [name or type(m).__name__ for name, m in model.named_modules()
             if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    ck.expect(not norms, "no batch norm layer when use_bn=False", "batch norm in: " + ", ".join(norms),
              "use_bn=False must switch batch norm off")
    x = 5 * torch.randn(16, 10)
    model.train()
    with torch.no_grad():
        batch = model(x)
        alone = torch.cat([model(x[i:i + 1]) for i in range(4)])
        plain = F.relu(F.linear(x, model.fc1.weight, model.fc1.bias))
        plain = F.relu(F.linear(plain, model.fc2.weight, model.fc2.bias))
        plain = F.linear(plain, model.fc3.weight, model.fc3.bias)
    ck.expect_close(alone, batch[:4], "use_bn=False, train mode: 4 samples alone vs in a batch",
                    "without batch norm nothing mixes the samples of a batch")
    ck.expect_close(batch, plain, "use_bn=False: forward(x)",
                    "with bn1 = bn2 = nn.Identity() forward is fc3(relu(fc2(relu(fc1(x)))))")


def test_follows_device(sol):
    for use_bn in (True, False):
        ck.expect_follows_device(lambda: _mlp(sol, use_bn), torch.randn(8, 10),
                                 f"MLPWithBatchNorm(use_bn={use_bn})")


def test_cuda_parity(sol):
    def build(use_bn):
        model = _mlp(sol, use_bn)
        if use_bn:
            _expect_layers(model, True, settings=False)
            _set_bn_state(model)
        return model

    for use_bn in (True, False):
        ck.expect_cuda_parity(lambda: build(use_bn), 5 * torch.randn(16, 10),
                              f"MLPWithBatchNorm(use_bn={use_bn})")
