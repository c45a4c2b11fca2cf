"""Correct alternative: everything by parameter name: a table of name prefixes per stage,
one loop over named_parameters and named_modules, group dicts that carry their own
settings, index arithmetic for the batches and zero_grad() after the step."""
import torch
import torch.nn.functional as F
from torch import nn

_EX03_OPEN = {0: ("classifier.",),
              1: ("classifier.", "features.4.", "features.5."),
              2: ("classifier.", "features.4.", "features.5.", "features.0.", "features.1.")}


def set_stage(model, stage):
    if stage not in _EX03_OPEN:
        raise ValueError(f"unknown stage {stage}")
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith(_EX03_OPEN[stage])
    for name, module in model.named_modules():
        if isinstance(module, nn.BatchNorm1d):
            module.training = (name + ".").startswith(_EX03_OPEN[stage])
        else:
            module.training = True


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4):
    head, trunk = [], []
    for name, param in model.named_parameters():
        if param.requires_grad:
            (head if name.startswith("classifier.") else trunk).append(param)
    settings = {"momentum": momentum, "weight_decay": weight_decay}
    groups = [dict(params=head, lr=head_lr, **settings)]
    if trunk:
        groups.append(dict(params=trunk, lr=trunk_lr, **settings))
    return torch.optim.SGD(groups)


def train_gradually(model, x, y, epochs_per_stage=2, batch_size=32, head_lr=1e-3, trunk_lr=1e-4, seed=0):
    generator = torch.Generator()
    generator.manual_seed(seed)
    n = y.shape[0]
    record = []
    for stage in range(3):
        set_stage(model, stage)
        sgd = make_optimizer(model, head_lr, trunk_lr)
        stage_losses = []
        for _epoch in range(epochs_per_stage):
            perm = torch.randperm(n, generator=generator)
            start = 0
            while start < n:
                idx = perm[start:start + batch_size]
                loss = F.cross_entropy(model(x[idx]), y[idx])
                loss.backward()
                sgd.step()
                sgd.zero_grad()
                stage_losses.append(float(loss.detach()))
                start += batch_size
        count = 0
        for _, param in model.named_parameters():
            count += param.numel() if param.requires_grad else 0
        record.append(dict(stage=stage, trainable=count, losses=stage_losses))
    model.train(False)
    return record
