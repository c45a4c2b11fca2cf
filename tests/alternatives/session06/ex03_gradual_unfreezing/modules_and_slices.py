"""Correct alternative: by modules: slices of model.features per stage, requires_grad set
parameter by parameter, each BatchNorm's mode from its block, the trunk group added with
add_param_group, log_softmax + nll_loss and torch.split over the shuffled indices."""
import torch
import torch.nn.functional as F


def _ex03_alt_blocks(model):
    """(modules, BatchNorm layer) per trunk block, nearest to the head first."""
    return [(model.features[4:6], model.features[5]), (model.features[0:2], model.features[1])]


def set_stage(model, stage):
    if stage != 0 and stage != 1 and stage != 2:
        raise ValueError("gradual unfreezing has the stages 0, 1 and 2")
    model.train()
    for p in model.classifier.parameters():
        p.requires_grad = True
    for depth, (block, norm) in enumerate(_ex03_alt_blocks(model), start=1):
        unfrozen = depth <= stage
        for p in block.parameters():
            p.requires_grad = unfrozen
        norm.train(unfrozen)


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4):
    optimizer = torch.optim.SGD(model.classifier.parameters(), lr=head_lr, momentum=momentum,
                                weight_decay=weight_decay)
    trunk = list(filter(lambda p: p.requires_grad, model.features.parameters()))
    if len(trunk) > 0:
        optimizer.add_param_group({"params": trunk, "lr": trunk_lr})
    return optimizer


def train_gradually(model, x, y, epochs_per_stage=2, batch_size=32, head_lr=1e-3, trunk_lr=1e-4, seed=0):
    rng = torch.Generator().manual_seed(seed)
    out = []
    for stage in [0, 1, 2]:
        set_stage(model, stage)
        opt = make_optimizer(model, head_lr=head_lr, trunk_lr=trunk_lr)
        history = []
        for epoch in range(epochs_per_stage):
            for rows in torch.split(torch.randperm(len(x), generator=rng), batch_size):
                opt.zero_grad()
                loss = F.nll_loss(F.log_softmax(model(x[rows]), dim=1), y[rows])
                loss.backward()
                opt.step()
                history.append(loss.item())
        out.append({"stage": stage, "losses": history,
                    "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad)})
    model.eval()
    return out
