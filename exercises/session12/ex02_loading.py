"""Session 12, exercise 2: loading: a padding collate, seeded workers, a reproducible order.

Genomics context
----------------
Training on a genome means reading millions of sequences of different lengths (reads,
peaks, transcripts, random crops of longer regions), and a ``DataLoader`` with worker
processes is what keeps the model fed. Three things go wrong with it, silently:

- **Variable lengths**: the default collate stacks tensors of one shape; sequences of
  different lengths need a ``collate_fn`` that pads them to the batch's longest and says how
  long each one really is (a model can then mask the padding or pool over the real part);
- **Random augmentation in workers**: a dataset that draws random crops from its own
  ``torch.Generator`` is copied into every worker process *with its generator in the same
  state*: without a reseed, worker 0 and worker 1 draw the same crops, and every epoch
  (workers restart each epoch) repeats the same crops again. Your model then sees a fraction
  of the augmentations you think it sees;
- **Reproducibility**: a shuffled order drawn from torch's global random state changes with
  everything else that draws from it (a model's initialisation, dropout, another loader):
  the same script, one line changed, reads the data in another order. A loader with its own
  seeded generator gives the same order, and the same worker seeds, every run.

Data
----
Items are ``(x, label)`` pairs: ``x`` a float32 one-hot tensor ``[4, L]`` (rows A, C, G, T;
``L`` at least 1, different from item to item), ``label`` a Python ``int``. The session's
``coursekit.data.session12.VariableLengthDataset(n, seed, min_length=20, max_length=60,
min_crop=10)`` gives such items: item ``i`` is a random crop of sequence ``i`` (its length and
start drawn from the dataset's own generator, ``dataset.generator``, a ``torch.Generator``
seeded with ``seed`` at construction, at every read), its label 0 or 1::

    from coursekit.data.session12 import VariableLengthDataset
    dataset = VariableLengthDataset(64, seed=0)
    x, label = dataset[3]          # x: float32 [4, L] with 10 <= L <= the sequence's length

Task 1: ``collate_fn(batch)``
-----------------------------
``batch``: a list of ``B`` items ``(x [4, L_i] float32, label int)``, ``B >= 1``. Returns the
tuple ``(padded, labels, lengths)``:

- ``padded``: float32 ``[B, 4, Lmax]``, ``Lmax`` the longest ``L_i`` of THIS batch (not of
  the dataset); ``padded[i, :, :L_i]`` is item ``i``'s ``x`` and ``padded[i, :, L_i:]`` is zeros:
  **each sequence starts at position 0, the zeros come after its end**;
- ``labels``: ``torch.int64`` ``[B]``, the items' labels in the batch's order;
- ``lengths``: ``torch.int64`` ``[B]``, each item's ``L_i``.

The length of an item ``x`` of shape ``[4, L]`` is ``x.shape[1]`` (or ``x.size(-1)``).
**The guide is wrong here**: its ``lengths = [len(s) for s in sequences]`` takes ``len()`` of a
``[4, L]`` tensor, which is its FIRST dimension, 4, for every item. A correct version is
the guide's loop with ``s.shape[1]``; another is ``torch.nn.utils.rnn.pad_sequence``, which pads
the first dimension of ``[L, 4]`` tensors (transpose each item, pad with
``batch_first=True``, transpose the result back to ``[B, 4, Lmax]``).

Task 2: ``seed_worker(worker_id)``
----------------------------------
The loader's ``worker_init_fn``: the ``DataLoader`` calls it once in each worker process, at
the worker's start (every epoch: workers start again for each epoch), before the worker
reads any item. It reseeds **the worker's copy of the dataset's generator**::

    info = torch.utils.data.get_worker_info()      # in a worker: .id, .seed, .dataset (this worker's copy)
    info.dataset.generator.manual_seed(torch.initial_seed())

``torch.initial_seed()`` in a worker is the loader's base seed + ``worker_id``, and the base
seed is drawn from the loader's ``generator`` at the start of every epoch: the seed differs
between the workers, between the epochs, and is the same in every run of the same loader
with the same seed (``get_worker_info().seed`` is the same number). Any seed computed from it
(not from ``worker_id`` alone, which is the same every epoch) will do. Seeding torch's
global generator (``torch.manual_seed``), ``random`` or ``numpy`` does NOT change the crops:
the dataset draws from ``dataset.generator`` (and the ``DataLoader`` already seeds those
three in each worker). ``seed_worker`` runs only in workers (``get_worker_info()`` is
``None`` elsewhere) and returns nothing.

Task 3: ``make_loader(dataset, batch_size, seed, num_workers=2)``
-----------------------------------------------------------------
Returns the ``torch.utils.data.DataLoader``::

    DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
               collate_fn=collate_fn, worker_init_fn=seed_worker,
               generator=torch.Generator().manual_seed(seed),
               drop_last=False, persistent_workers=False, pin_memory=False)

- ``shuffle=True`` with the loader's own ``generator``, a NEW ``torch.Generator`` seeded with
  ``seed`` at each call: the order of each epoch is then that of any shuffling
  ``DataLoader`` given the same seed, and the next epoch continues from the same
  generator (another order, the same in every run);
- ``collate_fn`` and ``worker_init_fn`` are your two functions themselves (not wrapped);
- ``drop_last=False``: the last batch may be shorter; ``persistent_workers=False``: workers
  start anew each epoch (and ``seed_worker`` runs again, with that epoch's seed);
  ``pin_memory=False``: the course runs on the CPU;
- ``num_workers=2`` by default; the other settings (``timeout``, ``prefetch_factor``, the
  multiprocessing context) keep the DataLoader's defaults;
- ``make_loader`` itself never seeds or draws from torch's global generator (nor ``random`` or
  ``numpy``): no ``torch.manual_seed`` here.

The graders start your loaders' workers with ``fork`` (they set the ``multiprocessing_context``
of the loader they get; the default on Linux before Python 3.14): a worker is a copy of the
grading process, so your functions need not be importable by another process.

What the graders check
----------------------
The graders' dataset (the *probe*) is a ``VariableLengthDataset(18, seed=3, min_length=40,
max_length=40, min_crop=8)`` (18 sequences of 40 bp, crops of 8-40 bp) whose label of item
``i`` tells them what they need: ``1000 * i + 100 * reader + the crop's length``, ``reader``
being 0 in the main process and ``worker id + 1`` in a worker. All sequences have one length,
so the crop lengths a worker draws depend on its generator's state alone. The graders run
``make_loader(probe, 4, 5)`` (``num_workers`` left to its default: 2 workers; 5 batches, the
last of 2 items) for two epochs, twice: from the global random states ``torch.manual_seed(1)``
and ``torch.manual_seed(2)`` (``numpy`` and ``random`` also seeded with 1 and 2), each run on
a fresh probe. For these runs (and the loader of ``loader_order``) the graders set the
returned loader's ``collate_fn`` to their own (``pad_sequence``-based) collate: the order, the
workers and their seeds are your loader's, and a mistake in your ``collate_fn`` costs
``collate_padding`` only (``loader_settings`` checks that ``make_loader`` passes your
``collate_fn``). Every comparison is exact (no threshold from a sweep). Each check's failure
names what differs.

- ``collate_padding``: ``collate_fn`` on six items of ``VariableLengthDataset(6, seed=12)``, on
  items of lengths 5, 1, 3, on lengths 2, 7 (the longest last), on one item of length 9, then
  on 40 generated batches (hypothesis: 1-6 items of lengths 1-30, values uniform in
  ``[0, 1)``, not one-hot, labels 0-9): returns ``(padded, labels, lengths)``; ``lengths`` int64
  ``[B]`` equal to the items' ``x.shape[1]``; ``labels`` int64 ``[B]`` equal to the items' labels;
  ``padded`` float32 ``[B, 4, Lmax]`` exactly equal to ``pad_sequence([x.T for x in xs],
  batch_first=True).transpose(1, 2)``. This rejects the guide's ``len()`` (every length 4),
  padding at the front, padding to another length than the batch's longest, and float or
  int32 labels or lengths;
- ``loader_order``: the items' indices (``label // 1000``), batch by batch, in both epochs of
  the graders' first run, equal to those of ``DataLoader(range(18), batch_size=4,
  shuffle=True, generator=torch.Generator().manual_seed(5))`` over two epochs (its batches of
  indices; the second epoch continues from the same generator); and the same for
  ``make_loader(probe of 13 items, 5, 11, num_workers=0)`` (batches of 5, 5 and 3) against
  ``DataLoader(range(13), batch_size=5, shuffle=True, generator=...manual_seed(11))``. This
  rejects an order drawn from the global generator, no shuffle, ``drop_last=True``, a
  ``torch.manual_seed(seed)`` in place of the loader's generator and ``persistent_workers=True``
  (a persistent loader draws its workers' base seed from its generator once, not every epoch:
  from the second epoch on, its order is another one);
- ``global_rng_independent``: each of the two runs leaves torch's global random state as it
  found it, and both give the same batches (``padded``, ``labels`` and ``lengths`` equal, batch
  by batch, in both epochs) although they start from different global random states. This
  rejects a loader without ``generator`` (its order and its workers' base seeds then come from
  the global state) and a ``torch.manual_seed`` in ``make_loader``;
- ``worker_epoch_draws``: in the first run, every item is read by one of the 2 workers (none
  by the main process: ``num_workers=2`` by default; the workers' ids are 0 and 1); in each
  epoch the two workers' first 8 crops (their lengths, in the order each worker read its
  items) differ from each other, and each worker's first 8 crops differ between epoch 0 and
  epoch 1. This rejects no ``worker_init_fn``, a ``seed_worker`` that seeds torch's global
  generator (or ``random``, or ``numpy``) instead of the dataset's, a reseed from ``worker_id``
  alone (the same crops every epoch) and ``num_workers=0`` by default;
- ``loader_settings``: ``make_loader(VariableLengthDataset(16, seed=4), 8, 5)`` (``num_workers``
  left out) returns a ``DataLoader`` with that dataset, ``batch_size`` 8, ``num_workers`` 2,
  ``collate_fn`` your ``collate_fn`` and ``worker_init_fn`` your ``seed_worker`` (the functions
  themselves), a ``RandomSampler`` (``shuffle=True``), a ``torch.Generator`` with
  ``initial_seed()`` 5, ``drop_last`` False, ``persistent_workers`` False, ``pin_memory`` False;
  ``make_loader(same dataset, 3, 9, num_workers=0)``: ``batch_size`` 3, ``num_workers`` 0 and a
  new generator with ``initial_seed()`` 9. Nothing is iterated here. This rejects a missing
  ``worker_init_fn`` or ``generator``, another default for ``num_workers``, ``drop_last=True``
  and ``persistent_workers=True``.
"""
import torch  # noqa: F401
from torch.utils.data import DataLoader, get_worker_info  # noqa: F401


def collate_fn(batch):
    # TODO (task 1): (padded [B, 4, Lmax] float32, zeros after each end; labels int64 [B]; lengths int64 [B])
    raise NotImplementedError("collate_fn")


def seed_worker(worker_id):
    # TODO (task 2): get_worker_info().dataset.generator.manual_seed(torch.initial_seed())
    raise NotImplementedError("seed_worker")


def make_loader(dataset, batch_size, seed, num_workers=2):
    # TODO (task 3): a shuffling DataLoader with its own seeded generator, your collate_fn and seed_worker
    raise NotImplementedError("make_loader")
