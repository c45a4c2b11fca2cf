"""Graders: session 3, exercise 4 (MLPWithBatchNorm)."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck

ORDER_HINT = "forward is bn1(relu(fc1(x))), bn2(relu(fc2(x))), fc3(x): batch norm after the ReLU"


def _mlp(sol, use_bn, seed=0):
    return ck.build_model(sol.MLPWithBatchNorm, use_bn=use_bn, seed=seed,
                          what=f"MLPWithBatchNorm(use_bn={use_bn})")


def _expect_bn(layer, size, name):
    ck.expect(isinstance(layer, nn.BatchNorm1d), f"{name} to be nn.BatchNorm1d({size})",
              type(layer).__name__, "use nn.BatchNorm1d: it keeps running statistics")
    found = (layer.num_features, layer.eps, layer.momentum, layer.affine, layer.track_running_stats)
    ck.expect(found == (size, 1e-5, 0.1, True, True),
              f"{name} = nn.BatchNorm1d({size}) with PyTorch's defaults",
              f"num_features, eps, momentum, affine, track_running_stats = {found}",
              "keep the defaults")


def _randomise_bn(model):
    """Non-trivial running statistics and affine parameters, so the order matters."""
    g = torch.Generator().manual_seed(17)
    with torch.no_grad():
        for bn in (model.bn1, model.bn2):
            n = bn.num_features
            bn.running_mean.copy_(torch.rand(n, generator=g))
            bn.running_var.copy_(0.5 + torch.rand(n, generator=g))
            bn.weight.copy_(0.5 + torch.rand(n, generator=g))
            bn.bias.copy_(torch.randn(n, generator=g))


def _trusted(model, x, training):
    def norm(bn, h):
        return F.batch_norm(h, bn.running_mean.clone(), bn.running_var.clone(), bn.weight, bn.bias,
                            training=training, momentum=0.1, eps=1e-5)
    h = norm(model.bn1, F.relu(model.fc1(x)))
    h = norm(model.bn2, F.relu(model.fc2(h)))
    return model.fc3(h)


def test_architecture(sol):
    for use_bn in (True, False):
        model = _mlp(sol, use_bn)
        for attr, sizes in [("fc1", (10, 50)), ("fc2", (50, 30)), ("fc3", (30, 1))]:
            ck.expect_linear(getattr(model, attr, None), *sizes, attr)
        if use_bn:
            _expect_bn(getattr(model, "bn1", None), 50, "bn1")
            _expect_bn(getattr(model, "bn2", None), 30, "bn2")
        model.train()
        ck.expect_tensor(model(torch.randn(16, 10)), f"MLPWithBatchNorm(use_bn={use_bn}) output",
                         (16, 1))


def test_param_count(sol):
    ck.expect_param_count(_mlp(sol, True), 2_271, "MLPWithBatchNorm(use_bn=True)")
    ck.expect_param_count(_mlp(sol, False), 2_111, "MLPWithBatchNorm(use_bn=False)")


def test_forward_order(sol):
    model = _mlp(sol, True)
    _expect_bn(getattr(model, "bn1", None), 50, "bn1")
    _expect_bn(getattr(model, "bn2", None), 30, "bn2")
    _randomise_bn(model)
    x = 5 * torch.randn(32, 10)
    for training in (False, True):
        with torch.no_grad():
            trusted = _trusted(model, x, training)
            out = model.train(training)(x)
        ck.expect_tensor(out, "output", (32, 1))
        ck.expect_close(out, trusted, f"{'train' if training else 'eval'}-mode forward", ORDER_HINT)


def test_running_stats(sol):
    model = _mlp(sol, True)
    _expect_bn(getattr(model, "bn1", None), 50, "bn1")
    x = 5 * torch.randn(64, 10)
    with torch.no_grad():
        h = F.relu(model.fc1(x))
        expected_mean = 0.1 * h.mean(dim=0)
        expected_var = 0.9 + 0.1 * h.var(dim=0, unbiased=True)
        model.train()(x)
    ck.expect_close(model.bn1.running_mean, expected_mean,
                    "bn1.running_mean after one train-mode batch (momentum 0.1)",
                    "bn1 normalises relu(fc1(x)), in train mode, with momentum 0.1")
    ck.expect_close(model.bn1.running_var, expected_var, "bn1.running_var after one batch",
                    "bn1 normalises relu(fc1(x)), in train mode, with momentum 0.1")
    model.eval()
    stats = [t.clone() for t in (model.bn1.running_mean, model.bn2.running_var)]
    with torch.no_grad():
        batch = model(x)
        alone = torch.cat([model(x[i:i + 1]) for i in range(4)])
    ck.expect(all(torch.equal(a, b) for a, b in zip(stats, (model.bn1.running_mean,
                                                           model.bn2.running_var))),
              "eval mode to leave the running statistics alone", "they changed",
              "model.eval() switches BatchNorm to its running statistics")
    ck.expect_close(alone, batch[:4], "eval-mode outputs of samples alone vs in a batch",
                    "in eval mode each sample is normalised with the running statistics")


def test_no_bn_identity(sol):
    model = _mlp(sol, False)
    for name in ("bn1", "bn2"):
        layer = getattr(model, name, None)
        ck.expect(isinstance(layer, nn.Identity), f"{name} to be nn.Identity() when use_bn=False",
                  type(layer).__name__, "bn = nn.BatchNorm1d(n) if use_bn else nn.Identity()")
    norms = [type(m).__name__ for m in model.modules()
             if isinstance(m, (nn.modules.batchnorm._BatchNorm, nn.LayerNorm))]
    ck.expect(not norms, "no normalisation layer when use_bn=False", ", ".join(norms),
              "use_bn=False must switch batch norm off")
    x = 5 * torch.randn(16, 10)
    with torch.no_grad():
        model.train()
        ck.expect_close(model(x[:3]), model(x)[:3], "use_bn=False: samples independent in train mode",
                        "without batch norm nothing mixes the samples of a batch")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _mlp(sol, True), torch.randn(8, 10), "MLPWithBatchNorm()")


def test_cuda_parity(sol):
    for use_bn in (True, False):
        ck.expect_cuda_parity(lambda: _mlp(sol, use_bn), torch.randn(16, 10),
                              f"MLPWithBatchNorm(use_bn={use_bn})")
