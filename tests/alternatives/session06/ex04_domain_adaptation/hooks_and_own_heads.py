"""Correct, written another way: the reversal clones its input and scales with mul/neg; the
domain head is a small module of its own (two Linear layers, F.relu); the domain loss is a
summed BCE divided by the row count; AdaBN measures each BatchNorm's inputs with forward
pre-hooks in one train-mode pass and writes the mean and unbiased variance into the buffers."""
import torch
import torch.nn.functional as F
from torch import nn


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.scale = float(lambd)
        return x.clone()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.neg().mul(ctx.scale), None


def grad_reverse(x, lambd=1.0):
    return GradientReversal.apply(x, lambd)


class _DomainClassifier(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.hidden = nn.Linear(width, 64)
        self.out = nn.Linear(64, 1)

    def forward(self, f):
        return self.out(F.relu(self.hidden(f)))


class DANN(nn.Module):
    def __init__(self, features, feature_dim=512, num_classes=4):
        super().__init__()
        self.features = features
        self.label_head = nn.Linear(feature_dim, num_classes)
        self.domain_head = _DomainClassifier(feature_dim)

    def forward(self, x, lambd=1.0):
        f = self.features(x)
        class_logits = self.label_head(f)
        domain_logits = self.domain_head(GradientReversal.apply(f, lambd))
        return class_logits, domain_logits[:, 0]


def dann_losses(model, source_x, source_y, target_x, lambd):
    n_src, n_tgt = len(source_x), len(target_x)
    class_logits, domain_logits = model(torch.cat((source_x, target_x), dim=0), lambd)
    label_loss = F.cross_entropy(class_logits.narrow(0, 0, n_src), source_y)
    domain_of = torch.cat((domain_logits.new_zeros(n_src), domain_logits.new_ones(n_tgt)))
    total = F.binary_cross_entropy_with_logits(domain_logits, domain_of, reduction="sum")
    return label_loss, total / (n_src + n_tgt)


def adabn(model, target_x):
    layers = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    captured = {}
    handles = [layer.register_forward_pre_hook(lambda mod, args: captured.update({mod: args[0].detach()}))
               for layer in layers]
    was = [layer.momentum for layer in layers]
    try:
        model.train()
        with torch.no_grad():
            model(target_x)
    finally:
        for handle in handles:
            handle.remove()
    with torch.no_grad():
        for layer, momentum in zip(layers, was):
            inputs = captured[layer]
            dims = [0] + list(range(2, inputs.dim()))
            layer.running_mean.copy_(inputs.mean(dim=dims))
            layer.running_var.copy_(inputs.var(dim=dims, unbiased=True))
            layer.momentum = momentum
    model.eval()
    return model
