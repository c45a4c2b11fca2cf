"""Correct, written another way: the backward multiplies by a negative scale kept on ctx;
the domain head is an nn.Sequential built from an OrderedDict; the losses come from
nn.CrossEntropyLoss / nn.BCEWithLogitsLoss modules with labels filled in place; AdaBN sets
the whole model to train mode, collects the statistics with momentum=None, then restores."""
from collections import OrderedDict

import torch
from torch import nn


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.negative_scale = -lambd
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.negative_scale, None


def grad_reverse(x, lambd=1.0):
    return GradientReversal.apply(x, lambd)


class DANN(nn.Module):
    def __init__(self, features, feature_dim=512, num_classes=4):
        super().__init__()
        self.features = features
        self.label_head = nn.Linear(feature_dim, num_classes)
        self.domain_head = nn.Sequential(OrderedDict([
            ("fc1", nn.Linear(feature_dim, 64)), ("act", nn.ReLU()), ("fc2", nn.Linear(64, 1))]))

    def forward(self, x, lambd=1.0):
        feats = self.features(x)
        reversed_feats = grad_reverse(feats, lambd=lambd)
        return self.label_head(feats), self.domain_head(reversed_feats).view(-1)


def dann_losses(model, source_x, source_y, target_x, lambd):
    both = torch.cat([source_x, target_x])
    class_logits, domain_logits = model(both, lambd=lambd)
    n = source_x.size(0)
    which = torch.empty_like(domain_logits)
    which[:n] = 0.0
    which[n:] = 1.0
    return nn.CrossEntropyLoss()(class_logits[:n], source_y), nn.BCEWithLogitsLoss()(domain_logits, which)


def adabn(model, target_x):
    saved = {}
    for name, module in model.named_modules():
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)):
            saved[name] = module.momentum
            module.running_mean.zero_()
            module.running_var.fill_(1.0)
            module.num_batches_tracked.zero_()
            module.momentum = None
    model.train()
    with torch.no_grad():
        _ = model(target_x)
    for name, module in model.named_modules():
        if name in saved:
            module.momentum = saved[name]
    return model.eval()
