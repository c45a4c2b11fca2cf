"""Session 12, exercise 5: DistributedDataParallel, on CPUs.

Genomics context
----------------
Training on a whole genome's windows takes days on one device. ``DistributedDataParallel``
(DDP) trains on several at once: ONE PROCESS PER DEVICE (a *rank*), each with a full copy of
the model and its own SHARD of the data. After each backward pass DDP averages the gradients
over the ranks (an *all-reduce*), so every copy takes the same optimizer step and the copies
stay identical. PyTorch recommends it over ``nn.DataParallel`` (exercise 4) even on one
machine. Here the ranks are processes on your CPU: the backend is **gloo** (NCCL, the GPU
backend, needs a GPU per rank) and the ranks meet at an address and port on this machine.

Mistakes of scale do not show on a toy run: two ranks that both read the whole dataset, or
whose shards never change between epochs, or whose gradients are not averaged, still lower
the loss. So the graders compare what each rank saw and what it ended with against a
trusted computation.

How the pieces fit
------------------
``launch`` (in the process you start) picks a free port, writes it in the environment and
starts ``world_size`` new processes with ``torch.multiprocessing.spawn``; each runs
``train_distributed(rank, world_size, ...)``, which calls ``setup`` (joins the group),
trains, saves its results and calls ``cleanup`` (leaves the group). ``spawn`` starts each
rank as a NEW Python interpreter that imports this module again by its name and runs
``train_distributed``: so keep everything a rank needs in this module (no notebook-only
state), define the functions at the module's top level, and put nothing slow at import time.
(The graders run your ``launch`` the way a user would: a new Python process imports this
file by its path, as a module named ``ex05_ddp``, and calls it; from a notebook, the answer
cell is written to such a file first. Ranks still running past 36 s are stopped.)

Data
----
``coursekit.data.session12``:

- ``ShardDataset()`` (defaults ``n=64, length=32, seed=0``): item ``i`` is ``(x, y, i)``, ``x``
  one-hot DNA float32 ``[4, 32]``, ``y`` a float32 scalar tensor (1.0 if the sequence holds
  ``TATAAT``), ``i`` the item's own index (an ``int``; a ``DataLoader`` batches it into an int64
  tensor ``[B]``). Every process that builds it gets the same 64 items.
- ``ShardNet()``: ``[N, 4, L]`` -> logits ``[N]`` (Conv1d, ReLU, max over positions, Linear;
  177 parameters; no BatchNorm, no Dropout, so the ranks together compute exactly what one
  process computes on the same data).

Task 1: ``setup(rank, world_size, timeout_s=60.0)``
---------------------------------------------------
Joins this process to the default process group: sets ``os.environ["MASTER_ADDR"] =
"127.0.0.1"`` (the ranks meet on this machine's loopback) and calls
``torch.distributed.init_process_group("gloo", rank=rank, world_size=world_size,
timeout=datetime.timedelta(seconds=timeout_s))``. The port comes from the environment
variable ``MASTER_PORT``, which ``launch`` set before starting the ranks: ``setup`` must not
set or change it (a port written into ``setup``, 12355 say, breaks as soon as another job on
the machine uses it). The timeout matters: without it, a rank whose partner never arrives
waits 30 minutes; with it, ``init_process_group`` raises once ``timeout_s`` has passed.
Returns nothing.

Task 2: ``cleanup()``
---------------------
``torch.distributed.destroy_process_group()``: the default group ends and
``torch.distributed.is_initialized()`` is ``False`` again.

Task 3: ``train_distributed(rank, world_size, out_dir, epochs=2, batch_size=8, lr=0.1, seed=0)``
--------------------------------------------------------------------------------------------------
One rank's whole run, in this order:

1. ``setup(rank, world_size)``;
2. ``dataset = ShardDataset()``; then ``torch.manual_seed(seed)`` and ``model = ShardNet()``
   (every rank starts from the same weights: DDP also copies rank 0's weights to the others
   when it wraps the model);
3. ``ddp_model = DistributedDataParallel(model)``: NO ``device_ids`` and no ``.to(rank)`` (those
   are for GPUs: ``device_ids=[rank]`` with a CPU model is an error, and ``.to(rank)`` moves it
   to ``cuda:rank``);
4. ``sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True,
   seed=seed)`` (from ``torch.utils.data.distributed``): each rank gets its own shard of
   ``len(dataset) / world_size`` items, the shards together covering the dataset once;
   ``loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)`` (no ``shuffle``:
   the sampler shuffles; the default ``num_workers=0`` and ``drop_last=False``);
5. ``optimizer = torch.optim.SGD(ddp_model.parameters(), lr=lr)``, ``loss_fn =
   nn.BCEWithLogitsLoss()`` (the mean over the batch);
6. for each ``epoch`` in ``range(epochs)``: FIRST ``sampler.set_epoch(epoch)`` (the shuffle is
   drawn from ``seed + epoch``: without it every epoch repeats epoch 0's order), then for each
   batch ``(x, y, index)``: ``optimizer.zero_grad()``, ``loss_fn(ddp_model(x), y).backward()``,
   ``optimizer.step()``, and record ``index`` (the items this rank trained on, in order). Train
   ``ddp_model``, the wrapper: calling the inner ``model`` skips the gradient averaging and the
   ranks drift apart;
7. ``torch.save({"state_dict": model.state_dict(), "indices": seen}, path)`` with ``path =
   os.path.join(out_dir, f"rank{rank}.pt")``: the PLAIN model's state dict (keys
   ``conv.weight``, ``conv.bias``, ``head.weight``, ``head.bias``; the wrapper's own keys start
   with ``module.``; ``ddp_model.module.state_dict()`` is the same thing) and ``seen``, a list
   with one list per epoch of the item indices this rank trained on, as Python ints in the
   order the loader gave them;
8. ``cleanup()`` (also when something above failed: ``try``/``finally``).

Task 4: ``launch(world_size=2, out_dir=".", epochs=2, batch_size=8, lr=0.1, seed=0)``
-------------------------------------------------------------------------------------
Finds a FREE port: ``socket.socket()``, ``bind(("127.0.0.1", 0))`` (port 0: the system picks
an unused one), ``getsockname()[1]``, then close the socket; sets ``os.environ["MASTER_PORT"]
= str(port)`` (the spawned ranks inherit the environment); then
``torch.multiprocessing.spawn(train_distributed, args=(world_size, out_dir, epochs,
batch_size, lr, seed), nprocs=world_size, join=True)`` (``spawn`` passes each process its
rank as the FIRST argument). Returns when every rank has finished (``spawn`` raises if one
failed). A fixed port (29500 and 12355 are the tutorials' favourites) fails when something
else holds it; the graders hold both while your ``launch`` runs.

What the graders check
----------------------
``setup``, ``cleanup`` and the timeout are checked in the graders' own process (world size 1,
``MASTER_PORT`` set to a free port and ``MASTER_ADDR`` unset first). Then ONE launch of your
module (as described above) with ``world_size=2, epochs=2, batch_size=8, lr=0.5, seed=3``
and ports 29500 and 12355 taken feeds the last four checks. The trusted computations are
torch's ``DistributedSampler`` and a single-process loop: the same ``ShardNet`` start
(``torch.manual_seed(3)``), and at each step the mean over the 2 ranks of each rank's mean
loss on its batch of that step (what DDP's averaged gradients descend), SGD with ``lr=0.5``.

- ``setup_gloo``: after ``setup(0, 1)`` the default group exists with backend ``"gloo"``, rank
  0, world size 1; ``MASTER_ADDR`` is ``"127.0.0.1"`` and ``MASTER_PORT`` is unchanged. This
  rejects the NCCL backend, a setup that sets no address, and a port written into ``setup``;
- ``cleanup``: after the graders start a group (gloo, world size 1), ``cleanup()`` leaves none;
- ``setup_timeout``: ``setup(0, 2, timeout_s=1)`` with no rank 1 raises (any exception) within
  6 s (in a process of the graders' own, forked for it). This rejects ignoring ``timeout_s``;
- ``launch_runs``: the launch ends within 36 s, successfully, and ``rank0.pt`` and
  ``rank1.pt`` each load with ``torch.load(path, weights_only=True)`` as a dict holding
  ``"state_dict"`` (a dict) and ``"indices"`` (a list). This rejects a fixed port, NCCL and
  ``device_ids=[rank]`` (the launch fails);
- ``sampler_indices``: each rank's ``indices`` are, epoch by epoch, exactly the items
  ``DistributedSampler(dataset, num_replicas=2, rank=rank, shuffle=True, seed=3)`` gives after
  ``set_epoch(epoch)``, in that order. This rejects no ``set_epoch``, no sampler (each rank
  then sees every item), a sampler without ``seed``;
- ``ranks_identical``: both ranks' state dicts have exactly the keys ``conv.weight``,
  ``conv.bias``, ``head.weight``, ``head.bias`` (in that order) and are bit-identical. This
  rejects saving the wrapper's state dict (``module.`` keys) and training the inner model;
- ``single_process_equal``: each rank's weights equal the single-process loop's (``atol=1e-6``;
  the ranks differ from it by 5e-8 at most, float sums taken in another order). This rejects
  every mistake above that still trains, and a step taken on a rank's own gradient alone.
"""
import datetime  # noqa: F401
import os  # noqa: F401
import socket  # noqa: F401

import torch  # noqa: F401
import torch.distributed as dist  # noqa: F401
import torch.multiprocessing as mp  # noqa: F401
from torch import nn  # noqa: F401
from torch.nn.parallel import DistributedDataParallel as DDP  # noqa: F401
from torch.utils.data import DataLoader  # noqa: F401
from torch.utils.data.distributed import DistributedSampler  # noqa: F401

from coursekit.data.session12 import ShardDataset, ShardNet  # noqa: F401


def setup(rank, world_size, timeout_s=60.0):
    # TODO (task 1): MASTER_ADDR = "127.0.0.1"; init_process_group("gloo", ..., timeout=...);
    #                leave MASTER_PORT as launch set it
    raise NotImplementedError("setup")


def cleanup():
    # TODO (task 2): destroy the default process group
    raise NotImplementedError("cleanup")


def train_distributed(rank, world_size, out_dir, epochs=2, batch_size=8, lr=0.1, seed=0):
    # TODO (task 3): setup; seeded ShardNet in DDP (no device_ids); DistributedSampler with set_epoch;
    #                SGD on ddp_model; save {"state_dict", "indices"} to out_dir/rank{rank}.pt; cleanup
    raise NotImplementedError("train_distributed")


def launch(world_size=2, out_dir=".", epochs=2, batch_size=8, lr=0.1, seed=0):
    # TODO (task 4): a free port into MASTER_PORT, then torch.multiprocessing.spawn(train_distributed, ...)
    raise NotImplementedError("launch")
