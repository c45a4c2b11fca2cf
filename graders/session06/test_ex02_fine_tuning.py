"""Graders: session 6, exercise 2 (load_trunk, new_species_model, fine_tune)."""
import copy
import warnings

import torch
import torch.nn.functional as F

from coursekit import checks as ck
from coursekit.data.session06 import MotifCNN, pretrained_state_dict, species_dataset

TRUNK_PARAMS = 84_704
SCRATCH_SEEDS, N_SMALL, N_HELD_OUT, HELD_OUT_SEED, MARGIN = (0, 1, 2), 32, 200, 999, 0.06
LOAD_HINT = ("copy every 'features.*' entry (parameters AND BatchNorm buffers) into the model's own "
             "tensors, e.g. model.features.load_state_dict({key without 'features.': value}), and "
             "leave the 'classifier.*' entries out")
LOOP_HINT = ("model.train(); one Adam(model.parameters(), lr); a torch.Generator seeded with `seed`; "
             "each epoch torch.randperm(n, generator=...) in consecutive batches of batch_size; "
             "mean cross-entropy per batch; epoch loss = sum(loss.item() * len(batch)) / n; "
             "model.eval() at the end")


def _source():
    return pretrained_state_dict()


def _trunk_only(state):
    return {name: value for name, value in state.items() if name.startswith("features.")}


def _expect_trunk_equals(model, state, what):
    own = model.features.state_dict()
    for name, wanted in _trunk_only(state).items():
        short = name.split(".", 1)[1]
        ck.expect(short in own, f"{what}: a trunk tensor {name}", "no such tensor in model.features",
                  "load into the MotifCNN's own features module")
        ck.expect(torch.equal(own[short].cpu(), wanted), f"{what}: {name} equal to the state dict's",
                  "different values" + (" (the BatchNorm running statistics were not copied)"
                                        if "running" in name or "tracked" in name else ""), LOAD_HINT)


def _grader_loaded(num_classes, seed):
    """MotifCNN(num_classes) under a seed, its trunk filled tensor by tensor from the state dict."""
    net = ck.seeded(seed, MotifCNN, num_classes)
    source = _source()
    with torch.no_grad():
        for name, tensor in net.features.named_parameters():
            tensor.copy_(source["features." + name])
        for name, tensor in net.features.named_buffers():
            tensor.copy_(source["features." + name])
    return net


def _trusted_fit(net, inputs, labels, epochs, lr, batch_size, seed):
    """The loop of Task 3, written with split() and a weighted average of the batch losses."""
    adam = torch.optim.Adam(net.parameters(), lr=lr)
    draws = torch.Generator()
    draws.manual_seed(seed)
    per_epoch = []
    net.train()
    for _epoch in range(epochs):
        sizes, values = [], []
        for chunk in torch.randperm(labels.shape[0], generator=draws).split(batch_size):
            adam.zero_grad()
            batch_loss = F.cross_entropy(net(inputs[chunk]), labels[chunk])
            batch_loss.backward()
            adam.step()
            sizes.append(chunk.numel())
            values.append(batch_loss.item())
        per_epoch.append(float(torch.tensor(values, dtype=torch.float64) @
                               torch.tensor(sizes, dtype=torch.float64)) / labels.shape[0])
    return per_epoch


def _accuracy(net, inputs, labels):
    net.eval()
    with torch.no_grad():
        return (net(inputs).argmax(dim=1) == labels).double().mean().item()


def test_load_trunk(sol):
    for classes in (2, 3):
        model = ck.seeded(classes, MotifCNN, classes)
        state = _source()
        before = {name: value.clone() for name, value in state.items()}
        what = f"load_trunk(MotifCNN({classes}), pretrained_state_dict())"
        returned = sol.load_trunk(model, state)
        ck.expect(returned is model, f"{what} to return the model it was given", type(returned).__name__,
                  "change the model in place and `return model`")
        _expect_trunk_equals(model, state, what)
        ck.expect(sorted(state) == sorted(before) and all(torch.equal(state[k], before[k]) for k in before),
                  f"{what} to leave the state dict as it was", f"keys {sorted(state)}",
                  "don't pop or delete entries of the caller's dict: build a filtered copy")
        frozen = [name for name, p in model.named_parameters() if not p.requires_grad]
        ck.expect(not frozen, f"{what}: every parameter still trainable", f"frozen: {frozen}",
                  "fine-tuning trains everything: don't set requires_grad = False")
        with torch.no_grad():
            for tensor in model.features.state_dict().values():
                tensor.add_(1)
        changed = [k for k in before if k.startswith("features.") and not torch.equal(state[k], before[k])]
        ck.expect(not changed, f"{what}: the model's tensors are copies of the state dict's",
                  f"changing the model changed the state dict too: {changed[:3]}",
                  "copy the values into the model's own tensors (load_state_dict without assign=True, "
                  "or tensor.copy_), don't make the state dict's tensors the model's")
    model = ck.seeded(0, sol.new_species_model, _source(), 2)
    ck.expect_module(model, "new_species_model(pretrained_state_dict(), 2)")
    _expect_trunk_equals(model, _source(), "new_species_model(pretrained_state_dict(), 2)")


def test_strict_rules(sol):
    hint = ("strict about the trunk: every trunk tensor needs its 'features.*' entry of the same shape, and "
            "no other 'features.*' entry may appear; the 'classifier.*' entries are simply left out")
    broken = {}
    state = _source()
    del state["features.5.running_var"]
    broken["features.5.running_var left out"] = state
    state = _source()
    state["features.9.weight"] = torch.ones(3)
    broken["an extra features.9.weight"] = state
    state = _source()
    state["features.4.weight"] = torch.zeros(512, 32, 3)
    broken["features.4.weight of shape [512, 32, 3]"] = state
    broken["every key prefixed 'module.'"] = {"module." + k: v for k, v in _source().items()}
    for why, state in broken.items():
        model = ck.seeded(0, MotifCNN, 2)
        ck.expect_raises(lambda: sol.load_trunk(model, state), RuntimeError,
                         f"load_trunk(MotifCNN(2), a state dict with {why})", hint)
    fine = [(classes, _source(), "the full pretrained state dict") for classes in (2, 3, 4)]
    fine.append((2, _trunk_only(_source()), "the trunk entries alone"))
    for classes, state, why in fine:
        model = ck.seeded(0, MotifCNN, classes)
        try:
            sol.load_trunk(model, state)
        except NotImplementedError:
            raise
        except RuntimeError as error:
            raise ck.CheckFailure(f"load_trunk(MotifCNN({classes}), {why}) without an error",
                                  f"RuntimeError: {str(error)[:300]}",
                                  "leave every 'classifier.*' entry out before loading: the source head "
                                  "never fits a new species' head, and need not be there") from None


def test_new_head(sol):
    for classes in (2, 3, 4):
        what = f"new_species_model(pretrained_state_dict(), {classes})"
        model = ck.seeded(classes + 10, sol.new_species_model, _source(), classes)
        ck.expect_module(model, what)
        ck.expect_param_count(model, TRUNK_PARAMS + 513 * classes, what)
        ck.expect_linear(model.classifier, 512, classes, f"the classifier of {what}")
        fresh = ck.seeded(classes + 10, MotifCNN, classes).classifier
        source = _source()
        if classes == 4 and torch.equal(model.classifier.weight.detach(), source["classifier.weight"]):
            raise ck.CheckFailure(f"{what}: a new head", "the source (human) head",
                                  "leave the 'classifier.*' entries of the state dict out")
        for name in ("weight", "bias"):
            ck.expect_close(getattr(model.classifier, name), getattr(fresh, name),
                            f"{what}: classifier.{name} (new, from MotifCNN({classes}) under the same seed)",
                            "build MotifCNN(num_classes) first (draw nothing random before it) and keep "
                            "its new head: never copy or slice the source head")
        frozen = [name for name, p in model.named_parameters() if not p.requires_grad]
        ck.expect(not frozen, f"{what}: every parameter trainable", f"frozen: {frozen}",
                  "fine-tuning trains the trunk too: freeze nothing")
        with torch.no_grad():
            logits = model.eval()(species_dataset("yeast", 5, seed=classes)[0])
        ck.expect_tensor(logits, f"{what} logits for 5 sequences", (5, classes))
    model = ck.seeded(3, MotifCNN, 4)
    head = {name: value.clone() for name, value in model.classifier.state_dict().items()}
    sol.load_trunk(model, _source())
    for name, value in model.classifier.state_dict().items():
        ck.expect(torch.equal(value, head[name]),
                  f"load_trunk(MotifCNN(4), ...) to leave classifier.{name} as it was",
                  "the source head's values (same shape, so they were copied)",
                  "load only the 'features.*' entries, even when the head's shape fits")


def test_fine_tune_steps(sol):
    x_yeast, y_yeast = species_dataset("yeast", N_SMALL, seed=7)
    x_fish, y_fish = species_dataset("zebrafish", 20, seed=8)
    explicit = dict(epochs=3, lr=0.005, batch_size=6, seed=11)
    runs = [("fine_tune(model, x, y) (every default left out: epochs=10, lr=1e-3, batch_size=8, seed=0)",
             2, x_yeast, y_yeast, {}, dict(epochs=10, lr=1e-3, batch_size=8, seed=0)),
            ("fine_tune(model, x, y, epochs=3, lr=0.005, batch_size=6, seed=11)", 3, x_fish, y_fish,
             explicit, explicit)]
    for what, classes, inputs, labels, given, settings in runs:
        model = _grader_loaded(classes, seed=classes).eval()
        twin = copy.deepcopy(model)
        losses = ck.seeded(123, lambda: sol.fine_tune(model, inputs, labels, **given))
        trusted = ck.seeded(456, lambda: _trusted_fit(twin, inputs, labels, **settings))
        ck.expect_float_list(losses, settings["epochs"], f"the losses returned by {what}")
        ck.expect_close(torch.tensor(losses), torch.tensor(trusted), f"{what}: loss of each epoch", LOOP_HINT,
                        rtol=1e-3, atol=1e-5)
        ours = dict(twin.state_dict())
        for name, value in model.state_dict().items():
            ck.expect_close(value.float(), ours[name].float(), f"{what}: {name} after training", LOOP_HINT,
                            rtol=1e-3, atol=1e-5)
        ck.expect(not any(m.training for m in model.modules()), f"{what} to leave the model in eval mode",
                  "train mode", "call model.eval() before returning")


def test_beats_scratch(sol):
    held_x, held_y = species_dataset("yeast", N_HELD_OUT, seed=HELD_OUT_SEED)
    margins, found = [], []
    for seed in SCRATCH_SEEDS:
        inputs, labels = species_dataset("yeast", N_SMALL, seed=100 + seed)
        tuned = ck.seeded(seed, sol.new_species_model, _source(), 2)
        ck.seeded(seed, sol.fine_tune, tuned, inputs, labels)
        scratch = ck.seeded(seed, MotifCNN, 2)
        ck.seeded(seed, sol.fine_tune, scratch, inputs, labels)
        a, b = _accuracy(tuned, held_x, held_y), _accuracy(scratch, held_x, held_y)
        margins.append(a - b)
        found.append(f"seed {seed}: fine-tuned {a:.3f}, scratch {b:.3f}")
    mean_margin = sum(margins) / len(margins)
    ck.expect(mean_margin >= MARGIN,
              f"fine-tuning from the pretrained trunk to beat training from scratch on {N_SMALL} yeast "
              f"sequences by >= {MARGIN} held-out accuracy (mean over seeds {SCRATCH_SEEDS})",
              f"mean margin {mean_margin:.3f} ({'; '.join(found)})",
              "new_species_model must really load the trunk (check that the tensors changed), and "
              "fine_tune must train every parameter with the default budget")


def test_follows_device(sol):
    model = ck.seeded(0, MotifCNN, 2).to("meta")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # copying CPU values into meta tensors is a no-op, and says so
        sol.load_trunk(model, _source())
    stray = [f"{name} (on {t.device})" for name, t in
             list(model.named_parameters()) + list(model.named_buffers()) if t.device.type != "meta"]
    ck.expect(not stray, "load_trunk into a model on the meta device to keep every tensor there",
              "moved: " + ", ".join(stray[:4]),
              "copy values into the model's own tensors (load_state_dict without assign=True, or copy_), "
              "so they stay wherever the model lives")
    ck.expect_follows_device(lambda: ck.seeded(0, sol.new_species_model, _source(), 2),
                             species_dataset("yeast", 3, seed=4)[0], "new_species_model(state_dict, 2)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.seeded(0, sol.new_species_model, _source(), 2),
                          species_dataset("yeast", 16, seed=5)[0], "new_species_model(state_dict, 2)")
