"""Graders: session 6, exercise 3 (set_stage, make_optimizer, train_gradually)."""
import math

import torch
import torch.nn.functional as F

from coursekit import checks as ck
from coursekit.data.session06 import domain_dataset, pretrained_model

# Parameter-name prefixes of the three parts, from the head down to the first conv block.
HEAD = ("classifier.",)
SECOND = ("features.4.", "features.5.")
FIRST = ("features.0.", "features.1.")
OPEN = {0: HEAD, 1: HEAD + SECOND, 2: HEAD + SECOND + FIRST}
COUNTS = {0: 2_052, 1: 85_508, 2: 86_756}
NORMS = {"features.1": FIRST, "features.5": SECOND}  # BatchNorm layer -> the block it belongs to
STAGE_HINT = ("stage 0: only model.classifier; stage 1: also features[4] and features[5]; stage 2: "
              "everything. Set requires_grad on EVERY parameter (False for the rest), whatever it was")
MODE_HINT = ("call model.train(), then put each BatchNorm layer of a frozen block in eval mode "
             "(model.features[1].eval(), ...), so its running statistics stay put")
GROUP_HINT = ("torch.optim.SGD([{'params': head, 'lr': head_lr}, {'params': trunk, 'lr': trunk_lr}], "
              "lr=head_lr, momentum=momentum, weight_decay=weight_decay): head = the classifier's "
              "parameters, trunk = the features' parameters with requires_grad True at the call")
SCHEDULE_HINT = ("for stage 0, 1, 2: set_stage, then a NEW make_optimizer(model, head_lr=..., "
                 "trunk_lr=...); one torch.Generator().manual_seed(seed) for the whole call; each epoch "
                 "torch.randperm(N, generator=g).split(batch_size); zero_grad, cross_entropy, backward, "
                 "step; no model.train() after set_stage")


def _data(n, seed):
    """GC-rich CpG-island promoters with the four human classes: the target domain."""
    return domain_dataset("human", n, seed=seed)


def _is_open(name, stage):
    return name.startswith(OPEN[stage])


def _flags(model):
    return {name: p.requires_grad for name, p in model.named_parameters()}


def _norm_modes(model):
    return {name: model.get_submodule(name).training for name in NORMS}


def _wanted_modes(stage):
    return {name: _is_open(block[0], stage) for name, block in NORMS.items()}


def _frozen_at(key, stage):
    """Does this state_dict entry (parameter or BatchNorm buffer) belong to a frozen part?"""
    return not _is_open(key, stage)


def _snapshot(model):
    return {key: value.detach().clone() for key, value in model.state_dict().items()}


def _expect_stage_flags(model, stage, what):
    found = _flags(model)
    extra = sorted(n for n, on in found.items() if on and not _is_open(n, stage))
    missing = sorted(n for n, on in found.items() if not on and _is_open(n, stage))
    ck.expect(not extra and not missing,
              f"{what}: requires_grad True exactly for the stage-{stage} parameters "
              f"({', '.join(p + '*' for p in OPEN[stage])})",
              f"trainable but should be frozen: {extra or 'none'}; frozen but should train: "
              f"{missing or 'none'}", STAGE_HINT)
    count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    ck.expect(count == COUNTS[stage], f"{what}: {COUNTS[stage]:,} trainable parameters",
              f"{count:,}", STAGE_HINT)


def _expect_stage_modes(model, stage, what):
    modes = _norm_modes(model)
    ck.expect(model.training and modes == _wanted_modes(stage),
              f"{what}: the model in train mode, the BatchNorm layers of frozen blocks in eval mode "
              f"(training flags {_wanted_modes(stage)})",
              f"model.training={model.training}, BatchNorm training flags {modes}", MODE_HINT)


def test_stages(sol):
    model = pretrained_model()
    start = _snapshot(model)
    params = dict(model.named_parameters())
    previous = "on a fresh pretrained_model()"
    for stage in (0, 1, 2, 0, 2, 1):  # from the fresh model, then re-freezing and skipping
        sol.set_stage(model, stage)
        what = f"set_stage(model, {stage}) {previous}"
        previous = f"after set_stage(model, {stage})"
        _expect_stage_flags(model, stage, what)
        _expect_stage_modes(model, stage, what)
        now = dict(model.named_parameters())
        ck.expect(now.keys() == params.keys() and all(now[n] is params[n] for n in params),
                  f"{what}: the same parameter objects as before", "parameters replaced or renamed",
                  "change requires_grad in place; don't rebuild or replace layers")
        changed = [k for k, v in model.state_dict().items() if not torch.equal(v, start[k])]
        ck.expect(not changed, f"{what}: no weight or BatchNorm buffer changed", f"changed: {changed}",
                  "set_stage only sets requires_grad and modes; it runs nothing through the model")
    for bad in (3, -1):
        ck.expect_raises(lambda: sol.set_stage(model, bad), ValueError, f"set_stage(model, {bad})",
                         "accept exactly the stages 0, 1 and 2; raise ValueError otherwise")


def _open_by_hand(model, prefixes):
    """The grader's own freezing: requires_grad from the names alone."""
    for name, p in model.named_parameters():
        p.requires_grad_(name.startswith(prefixes))


def _expect_groups(optimizer, model, lrs, settings, what):
    ck.expect(isinstance(optimizer, torch.optim.SGD), f"{what} to return a torch.optim.SGD",
              type(optimizer).__name__, GROUP_HINT)
    head_ids = {id(p) for p in model.classifier.parameters()}
    trunk_ids = {id(p) for p in model.features.parameters() if p.requires_grad}
    names = {id(p): n for n, p in model.named_parameters()}
    groups = [g for g in optimizer.param_groups if g["params"]]  # empty groups are ignored
    wanted = [("head", head_ids, lrs[0])] + ([("trunk", trunk_ids, lrs[1])] if trunk_ids else [])
    found = [sorted(names.get(id(p), "a parameter not of the model") for p in g["params"]) for g in groups]
    ck.expect(len(groups) == len(wanted), f"{what}: {len(wanted)} parameter group(s) with parameters "
              f"({', '.join(w[0] for w in wanted)})", f"{len(groups)}: {found}", GROUP_HINT)
    for role, ids, lr in wanted:
        match = [g for g in groups if {id(p) for p in g["params"]} == ids]
        ck.expect(len(match) == 1, f"{what}: one group holding exactly the {role} parameters "
                  f"{sorted(names[i] for i in ids)}", f"groups {found}",
                  GROUP_HINT + "; a frozen parameter belongs to no group")
        group = match[0]
        ck.expect(group["lr"] == lr, f"{what}: the {role} group's lr {lr}", f"lr={group['lr']}",
                  f"the {role} group's learning rate is {role}_lr")
        for key, value in settings.items():
            ck.expect(group.get(key) == value, f"{what}: {key}={value} in the {role} group",
                      f"{key}={group.get(key)}", GROUP_HINT + " (SGD's other settings at their defaults)")


PATTERNS = (("stage 0", OPEN[0]), ("stage 1", OPEN[1]), ("stage 2", OPEN[2]),
            ("head, features[0] and features[5]", HEAD + ("features.0.", "features.5.")))


def test_param_groups(sol):
    kwargs = {"head_lr": 0.05, "trunk_lr": 0.002, "momentum": 0.8, "weight_decay": 0.01}
    settings = {"momentum": 0.8, "weight_decay": 0.01, "nesterov": False, "dampening": 0}
    for label, prefixes in PATTERNS:
        model = pretrained_model()
        _open_by_hand(model, prefixes)
        flags = _flags(model)
        what = (f"make_optimizer(model, head_lr=0.05, trunk_lr=0.002, momentum=0.8, weight_decay=0.01) "
                f"with requires_grad set as at {label}")
        optimizer = sol.make_optimizer(model, **kwargs)
        _expect_groups(optimizer, model, (0.05, 0.002), settings, what)
        ck.expect(_flags(model) == flags, f"{what}: requires_grad left as it was", "changed",
                  "make_optimizer only reads requires_grad; set_stage sets it")


def test_frozen_stay_put(sol):
    model = pretrained_model()
    x, y = _data(48, seed=31)
    F.cross_entropy(model(x[:16]), y[:16]).backward()  # every parameter now holds a stale .grad
    kwargs = {"head_lr": 0.05, "trunk_lr": 0.01, "momentum": 0.9, "weight_decay": 0.05}
    for stage in (0, 1):
        sol.set_stage(model, stage)
        optimizer = sol.make_optimizer(model, **kwargs)
        before = _snapshot(model)
        for rows in (slice(0, 16), slice(16, 32), slice(32, 48)):
            optimizer.zero_grad(set_to_none=False)  # zeros, not None: weight decay would act on them
            F.cross_entropy(model(x[rows]), y[rows]).backward()
            optimizer.step()
        what = (f"3 SGD steps (momentum 0.9, weight_decay 0.05, zero_grad(set_to_none=False), stale "
                f"gradients present) after set_stage(model, {stage}) and make_optimizer(model, ...)")
        after = model.state_dict()
        moved = sorted(k for k in after if _frozen_at(k, stage) and not torch.equal(after[k], before[k]))
        ck.expect(not moved, f"{what}: every frozen weight and frozen BatchNorm statistic bit-identical",
                  f"changed: {moved}",
                  "keep frozen parameters out of the optimizer (weight decay and momentum move a "
                  "parameter whose gradient is zero, not None) and frozen BatchNorm layers in eval mode")
        trainable = [n for n, p in model.named_parameters() if _is_open(n, stage)]
        still = sorted(n for n in trainable if torch.equal(after[n], before[n]))
        ck.expect(not still, f"{what}: every trainable parameter moved", f"unchanged: {still}",
                  STAGE_HINT + "; " + GROUP_HINT)
        stats = [f"{n}.running_mean" for n in NORMS if _is_open(n + ".", stage)]
        still = [k for k in stats if torch.equal(after[k], before[k])]
        ck.expect(not still, f"{what}: the running statistics of trainable BatchNorm layers updated",
                  f"unchanged: {still}", MODE_HINT + "; a trainable block's BatchNorm trains in train mode")


def _trusted_schedule(x, y, epochs, size, lrs, seed, momentum=0.9, decay=1e-4):
    """The schedule by hand: autograd.grad on the open parameters and the SGD rule written out
    (d = grad + decay * p; v = d at the first step, then momentum * v + d; p -= lr * v)."""
    net = pretrained_model()
    named = dict(net.named_parameters())
    draw = torch.Generator().manual_seed(seed)
    per_stage = []
    for stage in range(3):
        net.train()
        for norm, block in NORMS.items():
            net.get_submodule(norm).train(_is_open(block[0], stage))
        live = [n for n in named if _is_open(n, stage)]
        velocity, stage_losses = {}, []
        for _epoch in range(epochs):
            order = torch.randperm(y.shape[0], generator=draw)
            for first in range(0, y.shape[0], size):
                pick = order[first:first + size]
                value = F.cross_entropy(net(x[pick]), y[pick])
                grads = torch.autograd.grad(value, [named[n] for n in live])
                with torch.no_grad():
                    for n, grad in zip(live, grads):
                        d = grad + decay * named[n]
                        velocity[n] = d if n not in velocity else momentum * velocity[n] + d
                        named[n].sub_((lrs[0] if n.startswith(HEAD) else lrs[1]) * velocity[n])
                stage_losses.append(value.item())
        per_stage.append(stage_losses)
    return per_stage, net.state_dict()


def _expect_history(history, steps, what):
    ck.expect(isinstance(history, list) and len(history) == 3 and all(isinstance(h, dict) for h in history),
              f"{what} to return a list of 3 dicts, one per stage", repr(history)[:200],
              "append {'stage': stage, 'trainable': count, 'losses': losses} after each stage")
    for entry, stage in zip(history, range(3)):
        ck.expect({"stage", "trainable", "losses"} <= entry.keys(),
                  f"{what}: entry {stage} with keys 'stage', 'trainable', 'losses'", f"keys {list(entry)}",
                  "one dict per stage with these three keys")
        ck.expect(entry["stage"] == stage and entry["trainable"] == COUNTS[stage],
                  f"{what}: entry {stage} = stage {stage} with {COUNTS[stage]:,} trainable parameters",
                  f"stage {entry['stage']!r}, trainable {entry['trainable']!r}",
                  "stages in the order 0, 1, 2; trainable = sum(p.numel() for trainable p)")
        ck.expect_float_list(entry["losses"], steps, f"{what}: entry {stage}['losses']")


def _expect_schedule(model, history, x, y, epochs, size, lrs, seed, what):
    """train_gradually's record, final eval mode and trajectory against the trusted one."""
    steps = epochs * math.ceil(y.shape[0] / size)
    _expect_history(history, steps, what)
    ck.expect(not any(m.training for m in model.modules()), f"{what}: the model left in eval mode",
              "a module still in train mode", "call model.eval() before returning")
    trusted_losses, trusted_state = _trusted_schedule(x, y, epochs, size, lrs, seed)
    for entry, stage_losses in zip(history, trusted_losses):
        ck.expect_close(entry["losses"], stage_losses, f"{what}: the losses of stage {entry['stage']}",
                        SCHEDULE_HINT)
    final = model.state_dict()
    for key, value in trusted_state.items():
        if value.is_floating_point():
            ck.expect_close(final[key], value, f"{what}: {key} after training", SCHEDULE_HINT)


def test_unfreezing_order(sol):
    x, y = _data(60, seed=32)
    kwargs = {"epochs_per_stage": 1, "batch_size": 25, "head_lr": 0.02, "trunk_lr": 0.005, "seed": 3}
    what = ("train_gradually(model, x, y, epochs_per_stage=1, batch_size=25, head_lr=0.02, "
            "trunk_lr=0.005, seed=3) on 60 sequences")
    model = pretrained_model()
    seen = []  # (flags, BatchNorm modes, state) at every training forward pass

    def watch(module, args):
        if torch.is_grad_enabled():
            seen.append((_flags(module), _norm_modes(module), _snapshot(module)))

    handle = model.register_forward_pre_hook(watch)
    try:
        history = sol.train_gradually(model, x, y, **kwargs)
    finally:
        handle.remove()
    per_stage = math.ceil(60 / 25)
    wanted = [s for s in range(3) for _ in range(per_stage)]
    found = []
    for flags, _, _ in seen:
        match = [s for s in range(3) if flags == {n: _is_open(n, s) for n in flags}]
        found.append(match[0] if match else "other")
    ck.expect(found == wanted, f"{what}: the training batches at stages {wanted} (stage of each "
              f"forward pass with gradients, read from requires_grad)", str(found), SCHEDULE_HINT)
    ends = [state for _, _, state in seen[::per_stage]] + [_snapshot(model)]
    for stage in range(3):
        modes = seen[stage * per_stage][1]
        ck.expect(modes == _wanted_modes(stage), f"{what}: BatchNorm training flags "
                  f"{_wanted_modes(stage)} during stage {stage}", str(modes), MODE_HINT)
        start, end = ends[stage], ends[stage + 1]
        moved = sorted(k for k in start if _frozen_at(k, stage) and not torch.equal(start[k], end[k]))
        ck.expect(not moved, f"{what}: nothing frozen at stage {stage} changes during it",
                  f"changed: {moved}", MODE_HINT)
        still = sorted(n for n, p in model.named_parameters()
                       if _is_open(n, stage) and torch.equal(start[n], end[n]))
        ck.expect(not still, f"{what}: every parameter trainable at stage {stage} moves during it",
                  f"unchanged: {still}", SCHEDULE_HINT)
    _expect_schedule(model, history, x, y, 1, 25, (0.02, 0.005), 3, what)


def test_defaults(sol):
    model = pretrained_model()
    _open_by_hand(model, OPEN[1])
    settings = {"momentum": 0.9, "weight_decay": 1e-4, "nesterov": False, "dampening": 0}
    _expect_groups(sol.make_optimizer(model), model, (1e-3, 1e-4), settings,
                   "make_optimizer(model) (defaults head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, "
                   "weight_decay=1e-4) at stage 1")
    x, y = _data(64, seed=33)
    model = pretrained_model()
    history = sol.train_gradually(model, x, y)
    _expect_schedule(model, history, x, y, 2, 32, (1e-3, 1e-4), 0,
                     "train_gradually(model, x, y) (defaults epochs_per_stage=2, batch_size=32, "
                     "head_lr=1e-3, trunk_lr=1e-4, seed=0) on 64 sequences")
