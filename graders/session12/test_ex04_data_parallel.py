"""Graders: session 12, exercise 4 (DataParallel and the module. prefix: wrap, strip_prefix, add_prefix,
save_checkpoint, load_checkpoint)."""
import copy
import os
import tempfile
from collections import OrderedDict
from pathlib import Path

import torch
from hypothesis import strategies as st
from torch import nn
from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present

from coursekit import checks as ck
from coursekit.data.session12 import MotifNet, one_hot, random_records

PREFIX = "module."
SOURCE_SEED, TARGET_SEED = 0, 1

# Key names made of pieces that trip the usual mistakes: 'motif_module' and 'submodule' hold 'module.'
# inside, 'modules' and 'mod' start with letters of 'module.', 'module' alone has no dot.
PIECES = st.sampled_from(["module", "motif_module", "submodule", "modules", "mod", "norm", "head", "weight",
                          "bias", "running_mean", "num_batches_tracked", "0", "_orig_mod", "e", "lo"])
PLAIN_KEY = st.lists(PIECES, min_size=1, max_size=4).map(".".join)
KEY = st.one_of(PLAIN_KEY, PLAIN_KEY.map(lambda k: PREFIX + k))
# (keys, as an OrderedDict (else a dict))
KEY_SETS = st.tuples(st.lists(KEY, max_size=8, unique=True), st.booleans())

WRAP_HINT = "return nn.DataParallel(model): the wrapper holds the model itself as its .module"
STRIP_HINT = ("a new dict, in the same order: key[len('module.'):] for a key that STARTS with 'module.' "
              "(key.startswith('module.') or key.removeprefix('module.')), every other key as it is, each "
              "value the same tensor object; never str.replace (it also cuts 'motif_module.') nor "
              "str.lstrip (it strips characters, not a prefix); leave the argument unchanged")
ADD_HINT = ("a new dict, in the same order: 'module.' + key for EVERY key (also one that already starts "
            "with 'module.': a plain model may own a submodule named module), each value the same tensor "
            "object; leave the argument unchanged")
SAVE_HINT = ("torch.save the state dict of the plain model: model.module.state_dict() when model is an "
             "nn.DataParallel, model.state_dict() otherwise (parameters AND buffers, names without "
             "'module.')")
LOAD_HINT = ("state = torch.load(path, map_location='cpu', weights_only=True); strip the 'module.' prefix "
             "when the file has it; load it into the plain model (model.module when model is an "
             "nn.DataParallel) with strict=True, and return model")


# ---------------------------------------------------------------- trusted pieces ----

def _device():
    """Where the graders run a wrapped model: nn.DataParallel runs a CPU model only where there is no GPU."""
    return torch.device("cuda:0") if torch.cuda.is_available() else torch.device("cpu")


def _sequences(n=6, seed=12, length=40):
    return torch.stack([one_hot(r.sequence) for r in random_records(n, seed, length, length, 0.0, 0.0)])


def _source(seed=SOURCE_SEED):
    """MotifNet with its own weights and non-trivial BatchNorm statistics (3 passes in train mode over 3
    batches of 8 sequences: running_mean and running_var moved, num_batches_tracked 3), in eval mode."""
    model = ck.seeded(seed, MotifNet)
    with torch.no_grad():
        for batch in _sequences(24, seed=5).split(8):
            model(batch)
    return model.eval()


def _target(seed=TARGET_SEED):
    return ck.seeded(seed, MotifNet).eval()


class _Holder(nn.Module):
    """A plain model that owns a submodule named `module` (as EMA or compile wrappers do): its own keys
    start with 'module.', and a wrapped copy's keys with 'module.module.'."""

    def __init__(self):
        super().__init__()
        self.module = MotifNet()
        self.scale = nn.Linear(2, 2)

    def forward(self, x):
        return self.scale(self.module(x))


def _holder(seed):
    model = ck.seeded(seed, _Holder).eval()
    model.module.load_state_dict(_source(seed).state_dict())
    return model


def _logits(module, x):
    """The plain module's own forward (the graders' run) on a CPU copy: two models compared on one device
    (nn.DataParallel moves a model to cuda:0 where there is one GPU)."""
    with torch.no_grad():
        return copy.deepcopy(module).cpu()(x.cpu())


def _cpu_state(module):
    return OrderedDict((k, v.detach().cpu()) for k, v in module.state_dict().items())


def _naive_strip(keys):
    return [k[len(PREFIX):] if k.startswith(PREFIX) else k for k in keys]


def _without_clashes(keys):
    """Keys whose stripped names are all different (a dict holding both 'x' and 'module.x' has no answer)."""
    kept, seen = [], set()
    for key, name in zip(keys, _naive_strip(keys)):
        if name not in seen:
            kept.append(key)
            seen.add(name)
    return kept


def _state_dict(keys, ordered):
    values = [torch.full((1,), float(i)) for i in range(len(keys))]
    return (OrderedDict if ordered else dict)(zip(keys, values))


def _consumed(keys):
    """The keys torch's consume_prefix_in_state_dict_if_present leaves in a copy (its order aside)."""
    copy = OrderedDict((k, None) for k in keys)
    consume_prefix_in_state_dict_if_present(copy, PREFIX)
    return set(copy)


def _describe(state_dict):
    return f"{type(state_dict).__name__} with keys {list(state_dict)}"


def _expect_new_dict(found, given, before, what, hint):
    ck.expect(isinstance(found, dict), f"{what} to return a dict", type(found).__name__, hint)
    ck.expect(found is not given, f"{what} to return a NEW dict", "the argument itself", hint)
    after = [(k, id(v)) for k, v in given.items()]
    ck.expect(after == before, f"{what} to leave its argument unchanged",
              f"the argument now has keys {list(given)}", hint)


def _expect_same_values(found, given, names, what, hint):
    """found[name] is given[key] for each key and its new name."""
    moved = [f"{key!r} -> {name!r}" for key, name in zip(given, names)
             if name in found and found[name] is not given[key]]
    ck.expect(not moved, f"{what}: each value the same tensor object as the argument's (no copy)",
              f"other objects for {', '.join(moved[:3])}", hint)


def _strip_case(sol, keys, ordered=True):
    given = _state_dict(keys, ordered)
    before = [(k, id(v)) for k, v in given.items()]
    what = f"strip_prefix({_describe(given)})"
    found = ck.call(sol.strip_prefix, given, what=what, hint=STRIP_HINT)
    _expect_new_dict(found, given, before, what, STRIP_HINT)
    wanted = _naive_strip(keys)
    ck.expect(set(found) == _consumed(keys), f"{what} to have the keys {sorted(_consumed(keys))} (what "
              "torch's consume_prefix_in_state_dict_if_present leaves in a copy)", f"keys {sorted(found)}",
              STRIP_HINT)
    ck.expect(list(found) == wanted, f"{what} to keep the order: keys {wanted}", f"keys {list(found)}",
              STRIP_HINT)
    _expect_same_values(found, given, wanted, what, STRIP_HINT)


def _add_case(sol, keys, ordered=True):
    given = _state_dict(keys, ordered)
    before = [(k, id(v)) for k, v in given.items()]
    what = f"add_prefix({_describe(given)})"
    found = ck.call(sol.add_prefix, given, what=what, hint=ADD_HINT)
    _expect_new_dict(found, given, before, what, ADD_HINT)
    wanted = [PREFIX + k for k in keys]
    ck.expect(list(found) == wanted, f"{what} to have the keys {wanted}, in that order",
              f"keys {list(found)}", ADD_HINT)
    ck.expect(_consumed(list(found)) == set(keys), f"{what}: torch's consume_prefix_in_state_dict_if_present "
              "on a copy of the result gives the argument's keys back", f"{sorted(_consumed(list(found)))}",
              ADD_HINT)
    _expect_same_values(found, given, wanted, what, ADD_HINT)


def _expect_state(found, trusted, what, hint):
    """found (a state dict on any device) holds exactly trusted's keys and values."""
    ck.expect(set(found) == set(trusted), f"{what}: the keys {list(trusted)}",
              f"missing {sorted(set(trusted) - set(found))}, unexpected {sorted(set(found) - set(trusted))}",
              hint)
    differ = [k for k in trusted if not (isinstance(found[k], torch.Tensor)
                                         and found[k].shape == trusted[k].shape
                                         and torch.equal(found[k].detach().cpu(), trusted[k]))]
    tracked = int(trusted["norm.num_batches_tracked"])
    ck.expect(not differ, f"{what}: every value equal to the source model's (BatchNorm buffers included: "
              f"num_batches_tracked {tracked})", f"differ: {', '.join(differ)}", hint)


def _load_case(sol, path, source_what, wrapped_target):
    """load_checkpoint(a fresh MotifNet, wrapped or not, path): returns it, holding the source's state."""
    target = _target()
    given = nn.DataParallel(target) if wrapped_target else target
    name = "nn.DataParallel(MotifNet())" if wrapped_target else "MotifNet()"
    what = f"load_checkpoint({name}, path) where path holds {source_what}"
    returned = ck.call(sol.load_checkpoint, given, path, what=what, hint=LOAD_HINT)
    ck.expect(returned is given, f"{what} to return the model it was given", type(returned).__name__,
              LOAD_HINT)
    source = _source()
    _expect_state(_cpu_state(target), _cpu_state(source), what + " (the plain model's state_dict())",
                  "load every key with strict=True (strict=False skips the keys it does not know, silently); "
                  + LOAD_HINT)
    ck.expect_close(_logits(target, _sequences()), _logits(source, _sequences()),
                    f"{what}: the loaded model's logits on 6 sequences", LOAD_HINT, rtol=1e-6, atol=1e-7)


# ---------------------------------------------------------------- checks ------------

def test_wrapped_outputs(sol):
    model = _source().to(_device())
    x = _sequences().to(_device())
    wrapped = ck.call(sol.wrap, model, what="wrap(model)", hint=WRAP_HINT)
    ck.expect(isinstance(wrapped, nn.DataParallel), "wrap(model) to return an nn.DataParallel",
              type(wrapped).__name__, "wrap always, GPUs or not (nn.DataParallel with no GPU just calls the "
              "model): " + WRAP_HINT)
    ck.expect(wrapped.module is model, "wrap(model).module to be the model itself",
              "another object (a copy?)",
              "a copy would be trained (and saved) instead of your model; " + WRAP_HINT)
    ck.expect(not model.training, "wrap(model) to leave the model in eval mode", "train mode", WRAP_HINT)
    with torch.no_grad():
        found = ck.call(wrapped, x, what="wrap(model)(x)", hint=WRAP_HINT)
    ck.expect_tensor(found, "wrap(model)(x)", shape=(6, 2))
    with torch.no_grad():
        trusted = model(x)
    gpu = trusted.device.type == "cuda"  # split over several GPUs: TF32 convolutions of other batch sizes
    ck.expect_close(found, trusted,
                    "wrap(model)(x): the logits of the model itself on x [6, 4, 40]", WRAP_HINT,
                    rtol=1e-3 if gpu else 1e-6, atol=1e-4 if gpu else 1e-7)


def test_strip_prefix(sol):
    for keys in (["module.motif_module.weight", "module.motif_module.bias",
                  "module.norm.num_batches_tracked"],
                 ["motif_module.weight", "norm.running_mean", "head.bias"],
                 ["module.module.x", "module.y", "z", "submodule.w"],
                 ["modules.weight", "module", "mod.e", "_orig_mod.module.w", "lo"],
                 []):
        _strip_case(sol, keys)
    _strip_case(sol, ["module.head.weight", "norm.bias"], ordered=False)
    ck.for_all(KEY_SETS, lambda case: _strip_case(sol, _without_clashes(case[0]), case[1]), max_examples=60)


def test_inner_names_kept(sol):
    source = _source()
    plain_keys = list(source.state_dict())
    for given, name in ((nn.DataParallel(source).state_dict(), "nn.DataParallel(MotifNet()).state_dict()"),
                        (source.state_dict(), "MotifNet().state_dict() (no prefix: nothing to strip)")):
        what = f"strip_prefix({name})"
        found = ck.call(sol.strip_prefix, given, what=what, hint=STRIP_HINT)
        ck.expect(isinstance(found, dict) and list(found) == plain_keys,
                  f"{what} to have the plain model's keys {plain_keys}, in order",
                  f"{list(found) if isinstance(found, dict) else type(found).__name__}", STRIP_HINT)
        target = _target()
        ck.call(target.load_state_dict, found, strict=True,
                what=f"MotifNet().load_state_dict({what}, strict=True)", hint=STRIP_HINT)
        ck.expect_close(_logits(target, _sequences()), _logits(source, _sequences()),
                        f"a MotifNet loaded from {what}: its logits", STRIP_HINT, rtol=1e-6, atol=1e-7)
    holder = _holder(SOURCE_SEED)
    holder_keys = list(holder.state_dict())
    what = "strip_prefix(nn.DataParallel(holder).state_dict()), holder a model with a submodule named module"
    found = ck.call(sol.strip_prefix, nn.DataParallel(holder).state_dict(), what=what, hint=STRIP_HINT)
    ck.expect(isinstance(found, dict) and list(found) == holder_keys,
              f"{what} to have holder's own keys {holder_keys[:3]}... (one 'module.' removed, the "
              "second kept)",
              f"{list(found)[:3] if isinstance(found, dict) else type(found).__name__}...",
              "remove the prefix ONCE (not while the key still starts with it); " + STRIP_HINT)


def test_checkpoint_round_trip(sol):
    source = _source()
    trusted = _cpu_state(source)
    with tempfile.TemporaryDirectory(prefix="ex04_data_parallel_") as folder:
        for wrapped_source in (True, False):
            model = nn.DataParallel(source) if wrapped_source else source
            name = "nn.DataParallel(MotifNet())" if wrapped_source else "MotifNet()"
            path = os.path.join(folder, f"{'wrapped' if wrapped_source else 'plain'}.pt")
            what = f"save_checkpoint({name}, path)"
            ck.call(sol.save_checkpoint, model, path if wrapped_source else Path(path), what=what,
                    hint=SAVE_HINT)
            ck.expect(os.path.isfile(path), f"{what} to write a file at path", "no file there", SAVE_HINT)
            saved = ck.call(torch.load, path, map_location="cpu", weights_only=True,
                            what=f"torch.load(path, weights_only=True) of the file {what} wrote",
                            hint="torch.save the state dict itself: " + SAVE_HINT)
            ck.expect(isinstance(saved, dict), f"the file {what} wrote to hold a state dict (a dict)",
                      type(saved).__name__, SAVE_HINT)
            _expect_state(saved, trusted,
                          f"the file {what} wrote (the PLAIN state dict, whatever the wrapper)", SAVE_HINT)
            for wrapped_target in (False, True):
                _load_case(sol, path, f"what {what} saved", wrapped_target)
        raw = os.path.join(folder, "raw_wrapped.pt")
        torch.save(nn.DataParallel(source).state_dict(), raw)
        for wrapped_target in (False, True):
            _load_case(sol, raw, "torch.save(nn.DataParallel(MotifNet()).state_dict()) (every key 'module.')",
                       wrapped_target)


def test_add_prefix(sol):
    for keys in (["motif_module.weight", "norm.num_batches_tracked", "head.bias"],
                 ["module.motif_module.weight", "module.x", "y"],
                 []):
        _add_case(sol, keys)
    _add_case(sol, ["motif_module.bias", "module.w"], ordered=False)
    ck.for_all(KEY_SETS, lambda case: _add_case(sol, case[0], case[1]), max_examples=60)
    for make, name in ((_source, "MotifNet()"), (_holder, "holder (a model with a submodule named module)")):
        source, target = make(SOURCE_SEED), make(TARGET_SEED)
        wrapped = nn.DataParallel(target)
        what = f"add_prefix({name}.state_dict())"
        found = ck.call(sol.add_prefix, source.state_dict(), what=what, hint=ADD_HINT)
        ck.call(wrapped.load_state_dict, found, strict=True,
                what=f"nn.DataParallel({name}).load_state_dict({what}, strict=True)", hint=ADD_HINT)
        ck.expect_close(_logits(target, _sequences()), _logits(source, _sequences()),
                        f"the wrapped {name} loaded from {what}: its logits", ADD_HINT, rtol=1e-6, atol=1e-7)
