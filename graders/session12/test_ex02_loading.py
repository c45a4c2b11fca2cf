"""Graders: session 12, exercise 2 (collate_fn, seed_worker, make_loader)."""
import multiprocessing
import random

import numpy as np
import torch
from hypothesis import strategies as st
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, RandomSampler, get_worker_info

from coursekit import checks as ck
from coursekit.checks.base import plain
from coursekit.data.session12 import VariableLengthDataset

# The probe: 18 sequences all 40 bp long (so a crop's length depends on the generator's state alone,
# not on which sequence it crops), crops of 8-40 bp; batches of 4 (the last one of 2), loader seed 5.
N_ITEMS, DATA_SEED, LENGTH, MIN_CROP = 18, 3, 40, 8
BATCH, SEED, EPOCHS = 4, 5, 2
GLOBAL_SEEDS = (1, 2)  # the global random state (torch, numpy, random) each of the two runs starts from
DEFAULT_WORKERS = 2
COMPARED_DRAWS = 8  # crops compared between workers and epochs: 8 draws, each one of 33 lengths
# (no threshold from a sweep: every comparison is exact)
# lengths of the items of a batch; (data seed, labels 0-9) for the generated batches
BATCHES = st.tuples(st.lists(st.integers(1, 30), min_size=1, max_size=6), st.integers(0, 2**31 - 1))

COLLATE_HINT = ("the length of an item x [4, L] is x.shape[1] (len(x) is 4, its first dimension); "
                "padded = torch.zeros(B, 4, max length) and padded[i, :, :L_i] = x_i (zeros at the END); "
                "labels and lengths as torch.int64 tensors (torch.tensor(list_of_ints))")
ORDER_HINT = ("DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=torch.Generator()"
              ".manual_seed(seed), drop_last=False, ...): the loader's own generator fixes the order")
GLOBAL_HINT = ("give the DataLoader generator=torch.Generator().manual_seed(seed): its order and its "
               "workers' seeds are then drawn from that generator, never from torch's global one; don't call "
               "torch.manual_seed (or random.seed, np.random.seed) in make_loader")
SEED_HINT = ("seed_worker(worker_id): torch.utils.data.get_worker_info().dataset.generator.manual_seed("
             "torch.initial_seed()): each worker holds its own copy of the dataset, generator included, in "
             "the state it had when the loader started; torch.initial_seed() in a worker is the loader's "
             "base seed (drawn from the loader's generator, new every epoch) + worker_id")
SETTINGS_HINT = ("return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers, "
                 "collate_fn=collate_fn, worker_init_fn=seed_worker, generator=torch.Generator()"
                 ".manual_seed(seed), drop_last=False, persistent_workers=False, pin_memory=False)")


# ---------------------------------------------------------------- trusted pieces ----

class _Probe(VariableLengthDataset):
    """VariableLengthDataset whose label tells what the graders need: 1000 * index + 100 * reader + the
    crop's length (reader: 0 in the main process, worker id + 1 in a loader's worker)."""

    def __init__(self, n=N_ITEMS):
        super().__init__(n, DATA_SEED, min_length=LENGTH, max_length=LENGTH, min_crop=MIN_CROP)

    def __getitem__(self, index):
        x, _ = super().__getitem__(index)
        worker = get_worker_info()
        return x, 1000 * int(index) + 100 * (0 if worker is None else worker.id + 1) + x.shape[1]


def _trusted_collate(items):
    """pad_sequence on the [L, 4] transposes, transposed back: [B, 4, Lmax], zeros at the end."""
    xs = [x for x, _ in items]
    padded = pad_sequence([x.t() for x in xs], batch_first=True).transpose(1, 2)
    return (padded, torch.tensor([label for _, label in items], dtype=torch.int64),
            torch.tensor([x.shape[1] for x in xs], dtype=torch.int64))


def _trusted_order(n, batch_size, seed, epochs=EPOCHS):
    """The indices, batch by batch and epoch by epoch, of a plain shuffling DataLoader with that seed."""
    loader = DataLoader(range(n), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    return [[b.tolist() for b in loader] for _ in range(epochs)]


class _GlobalSeed:
    """torch's, numpy's and random's global states set from `seed`; all three restored on exit.
    `.kept`: whether the code inside left torch's global state as it found it."""

    def __init__(self, seed):
        self.seed = seed

    def __enter__(self):
        self.saved = torch.get_rng_state(), np.random.get_state(), random.getstate()
        torch.manual_seed(self.seed)
        np.random.seed(self.seed)
        random.seed(self.seed)
        self.start = torch.get_rng_state()
        return self

    def __exit__(self, *exc):
        self.kept = torch.equal(torch.get_rng_state(), self.start)
        torch.set_rng_state(self.saved[0])
        np.random.set_state(self.saved[1])
        random.setstate(self.saved[2])
        return False


def _batch(batch):
    """(padded, labels, lengths) of one batch of the graders' collate, copied out of shared memory."""
    return tuple(t.clone() for t in batch)


def _labels(batch):
    return batch[1].tolist()


def _epochs(loader, what, epochs=EPOCHS):
    """The batches of `epochs` epochs of a student's loader, collated by the graders' own collate (the
    order, the workers and their seeds are the loader's; collate_padding grades the student's collate)."""
    ck.expect(isinstance(loader, DataLoader), f"{what} to return a torch.utils.data.DataLoader",
              type(loader).__name__, SETTINGS_HINT)
    loader.collate_fn = _trusted_collate
    if loader.num_workers > 0 and "fork" in multiprocessing.get_all_start_methods():
        loader.multiprocessing_context = "fork"  # as the spec says (the default on Linux before Python 3.14)
    return [[_batch(b) for b in loader] for _ in range(epochs)]


# ---------------------------------------------------------------- the runs, once per submission ----

def _identity(sol):
    """Two loads of one submission make the same runs (each function's file, content and name)."""
    names = ("make_loader", "seed_worker", "collate_fn")
    return tuple(ck.source_identity(getattr(sol, name)) for name in names)


class _Runs:
    """make_loader(probe, 4, 5) (num_workers left to its default), two epochs, run twice, each run from its
    own global random state (seeds 1 and 2) on a fresh probe: the batches, and whether each run left
    torch's global random state alone."""

    def __init__(self, sol):
        self.error, self.runs, self.kept = None, [], []
        try:
            for seed in GLOBAL_SEEDS:
                with _GlobalSeed(seed) as state:
                    self.runs.append(ck.call(self._run, sol, what=f"two epochs of make_loader(dataset, "
                                             f"{BATCH}, {SEED}) (num_workers left to its default)",
                                             hint=SETTINGS_HINT + "; " + SEED_HINT))
                self.kept.append(state.kept)
        except (NotImplementedError, ck.CheckFailure) as error:
            self.error = error

    @staticmethod
    def _run(sol):
        return _epochs(sol.make_loader(_Probe(), BATCH, SEED), f"make_loader(dataset, {BATCH}, {SEED})")

    def done(self):
        if self.error is not None:
            raise self.error
        return self


_DONE = {}  # "runs" -> the latest _Runs


def _runs(sol):
    identity = _identity(sol)
    found = _DONE.get("runs")
    if found is None or found.identity != identity:
        found = _DONE["runs"] = _Runs(sol)
        found.identity = identity
    return found.done()


# ---------------------------------------------------------------- collate cases ----

def _collate_case(sol, items, name):
    what = f"collate_fn({name})"
    padded, labels, lengths = _trusted_collate(items)  # before the student's code sees the items
    found = ck.call(sol.collate_fn, items, what=what, hint=COLLATE_HINT)
    triple = isinstance(found, (tuple, list)) and len(found) == 3
    ck.expect(triple, f"{what} to return (padded, labels, lengths)",
              type(found).__name__ + (f" of {len(found)}" if isinstance(found, (tuple, list)) else ""),
              COLLATE_HINT)
    got_padded, got_labels, got_lengths = found
    ck.expect_tensor(got_lengths, f"{what}: lengths", tuple(lengths.shape), torch.int64, hint=COLLATE_HINT)
    got = plain(got_lengths)
    guide = bool((got == 4).all()) and not bool((lengths == 4).all())
    ck.expect(torch.equal(got, lengths), f"{what}: lengths {lengths.tolist()} (each item's x.shape[1])",
              f"{got.tolist()}", ("len(x) of an item [4, L] is 4, its first dimension: the length is "
                                  "x.shape[1]; " if guide else "") + COLLATE_HINT)
    ck.expect_tensor(got_labels, f"{what}: labels", tuple(labels.shape), torch.int64, hint=COLLATE_HINT)
    ck.expect(torch.equal(plain(got_labels), labels), f"{what}: labels {labels.tolist()} (the items' labels, "
              "in order)", f"{plain(got_labels).tolist()}", COLLATE_HINT)
    ck.expect_tensor(got_padded, f"{what}: padded", tuple(padded.shape), torch.float32, hint=COLLATE_HINT)
    got = plain(got_padded)
    if not torch.equal(got, padded):
        xs = [x.t().flip(0) for x in _unpadded(padded, lengths)]
        front = pad_sequence(xs, batch_first=True).flip(1).transpose(1, 2)  # each item ending at Lmax
        hint = ("you padded at the front (zeros first, then the sequence): the sequence starts at position 0 "
                "and zeros follow its end; " if torch.equal(got, front) else "") + COLLATE_HINT
        ck.expect_close(got, padded, f"{what}: padded (pad_sequence of the [L, 4] items, transposed back: "
                        "each item at the start, zeros after its end)", hint, rtol=0, atol=0)


def _unpadded(padded, lengths):
    """The items' x back from the trusted padded batch (the student's code may have changed the items)."""
    return [padded[i, :, :n] for i, n in enumerate(lengths.tolist())]


def _generated_batch(lengths, seed):
    g = torch.Generator().manual_seed(seed)
    return [(torch.rand(4, n, generator=g), int(torch.randint(0, 10, (), generator=g))) for n in lengths]


# ---------------------------------------------------------------- checks ------------

def test_collate_padding(sol):
    kit = VariableLengthDataset(6, seed=12)
    _collate_case(sol, [kit[i] for i in range(6)], "six items of VariableLengthDataset(6, seed=12)")
    _collate_case(sol, _generated_batch([5, 1, 3], 0), "items of lengths 5, 1, 3")
    _collate_case(sol, _generated_batch([2, 7], 1), "items of lengths 2, 7 (the longest last)")
    _collate_case(sol, _generated_batch([9], 2), "one item of length 9")
    ck.for_all(BATCHES, lambda case: _collate_case(
        sol, _generated_batch(*case), f"items of lengths {', '.join(map(str, case[0]))}"), max_examples=40)


def _expect_order(found_batches, n, batch_size, seed, what):
    trusted = _trusted_order(n, batch_size, seed)
    for epoch, (found, wanted) in enumerate(zip(found_batches, trusted)):
        found = [[label // 1000 for label in _labels(b)] for b in found]
        ck.expect(found == wanted, f"{what}, epoch {epoch}: the items (by index) in the order of DataLoader("
                  f"range({n}), batch_size={batch_size}, shuffle=True, generator=torch.Generator()"
                  f".manual_seed({seed})): {wanted}", f"{found}", ORDER_HINT)


def test_loader_order(sol):
    _expect_order(_runs(sol).runs[0], N_ITEMS, BATCH, SEED,
                  f"make_loader(dataset of {N_ITEMS}, {BATCH}, {SEED})")
    what = "make_loader(dataset of 13, 5, 11, num_workers=0)"
    loader = ck.call(sol.make_loader, _Probe(13), 5, 11, num_workers=0, what=what, hint=SETTINGS_HINT)
    batches = ck.call(_epochs, loader, what, what=f"two epochs of {what}", hint=SETTINGS_HINT)
    _expect_order(batches, 13, 5, 11, what)


def test_global_rng_independent(sol):
    runs = _runs(sol)
    what = f"two epochs of make_loader(dataset, {BATCH}, {SEED})"
    for seed, kept in zip(GLOBAL_SEEDS, runs.kept):
        ck.expect(kept, f"{what} to leave torch's global random state alone", f"changed (the run from "
                  f"torch.manual_seed({seed}))", GLOBAL_HINT)
    first, second = runs.runs
    for epoch, (a, b) in enumerate(zip(first, second)):
        ck.expect(len(a) == len(b), f"{what}, epoch {epoch}: as many batches in both runs", f"{len(a)} and "
                  f"{len(b)}", GLOBAL_HINT)
        for k, (x, y) in enumerate(zip(a, b)):
            same = all(s.shape == t.shape and torch.equal(s, t) for s, t in zip(x, y))
            ck.expect(same, f"{what}, run from global seeds {GLOBAL_SEEDS[0]} and {GLOBAL_SEEDS[1]} (torch, "
                      f"numpy and random): the same batches (order and crops); epoch {epoch}, batch {k}",
                      f"labels {_labels(x)} and {_labels(y)} (1000 * index + 100 * "
                      "(worker id + 1) + crop length), or other crops", GLOBAL_HINT + "; " + SEED_HINT)


def test_worker_epoch_draws(sol):
    runs = _runs(sol)
    what = f"make_loader(dataset, {BATCH}, {SEED}) (num_workers left to its default)"
    draws = {}  # (epoch, worker) -> the crop lengths that worker drew, in the order it read its items
    for epoch, batches in enumerate(runs.runs[0]):
        for batch in batches:
            for label in _labels(batch):
                draws.setdefault((epoch, label // 100 % 10 - 1), []).append(label % 100)
    readers = sorted({w for _, w in draws})
    ck.expect(readers == list(range(DEFAULT_WORKERS)), f"{what}: the items read by the loader's "
              f"{DEFAULT_WORKERS} worker processes (ids 0 and 1)", "read by " + ", ".join(
                  "the main process" if w < 0 else f"worker {w}" for w in readers),
              "num_workers=2 by default: DataLoader(..., num_workers=num_workers)")
    for epoch in range(EPOCHS):
        a, b = (draws.get((epoch, w), [])[:COMPARED_DRAWS] for w in range(DEFAULT_WORKERS))
        ck.expect(a != b, f"{what}, epoch {epoch}: the two workers drawing different crops",
                  f"the same crop lengths, in order: {a}", "each worker holds a copy of the dataset whose "
                  "generator is in the same state: without a reseed both repeat the same crops; " + SEED_HINT)
    for worker in range(DEFAULT_WORKERS):
        a, b = (draws.get((epoch, worker), [])[:COMPARED_DRAWS] for epoch in range(EPOCHS))
        ck.expect(a != b, f"{what}: worker {worker} drawing different crops in epochs 0 and 1",
                  f"the same crop lengths, in order: {a}", "seed from torch.initial_seed() (the loader "
                  "draws a new base seed every epoch), not from worker_id alone (the same every epoch); "
                  + SEED_HINT)


def _name(value):
    """A setting as the failure shows it: a function by its name, a sampler by its class."""
    if callable(value) and hasattr(value, "__name__"):
        return f"the function {value.__name__}"
    if isinstance(value, (torch.utils.data.Sampler, torch.Generator)):
        return type(value).__name__
    return repr(value)


def _expect_settings(what, settings):
    """settings: (name, what the loader holds, whether it is right, what is wanted)."""
    for name, found, right, wanted in settings:
        ck.expect(right, f"{what}: {name} {wanted}", f"{name} {_name(found)}", SETTINGS_HINT)


def test_loader_settings(sol):
    dataset = VariableLengthDataset(16, seed=4)
    what = "make_loader(dataset, 8, 5)"
    loader = ck.call(sol.make_loader, dataset, 8, 5, what=what, hint=SETTINGS_HINT)
    ck.expect(isinstance(loader, DataLoader), f"{what} to return a torch.utils.data.DataLoader",
              type(loader).__name__, SETTINGS_HINT)
    generator = loader.generator
    _expect_settings(what, (
        ("dataset", loader.dataset, loader.dataset is dataset, "the dataset it was given"),
        ("batch_size", loader.batch_size, loader.batch_size == 8, 8),
        ("num_workers", loader.num_workers, loader.num_workers == DEFAULT_WORKERS,
         f"{DEFAULT_WORKERS} (the default)"),
        ("collate_fn", loader.collate_fn, loader.collate_fn is sol.collate_fn, "your collate_fn itself"),
        ("worker_init_fn", loader.worker_init_fn, loader.worker_init_fn is sol.seed_worker,
         "your seed_worker itself"),
        ("sampler", loader.sampler, isinstance(loader.sampler, RandomSampler),
         "a RandomSampler (shuffle=True)"),
        ("generator", generator, isinstance(generator, torch.Generator), "a torch.Generator"),
        ("drop_last", loader.drop_last, not loader.drop_last, False),
        ("persistent_workers", loader.persistent_workers, not loader.persistent_workers, False),
        ("pin_memory", loader.pin_memory, not loader.pin_memory, False)))
    ck.expect(generator.initial_seed() == 5, f"{what}: a generator seeded with seed (initial_seed() 5)",
              f"initial_seed() {generator.initial_seed()}", "generator=torch.Generator().manual_seed(seed)")
    what = "make_loader(dataset, 3, 9, num_workers=0)"
    other = ck.call(sol.make_loader, dataset, 3, 9, num_workers=0, what=what, hint=SETTINGS_HINT)
    ck.expect(isinstance(other, DataLoader), f"{what} to return a torch.utils.data.DataLoader",
              type(other).__name__, SETTINGS_HINT)
    seed = other.generator.initial_seed() if isinstance(other.generator, torch.Generator) else None
    _expect_settings(what, (
        ("batch_size", other.batch_size, other.batch_size == 3, 3),
        ("num_workers", other.num_workers, other.num_workers == 0, 0),
        ("generator's initial_seed()", seed, seed == 9, 9),
        ("generator", other.generator, other.generator is not generator,
         "a new one (not the first loader's)")))
