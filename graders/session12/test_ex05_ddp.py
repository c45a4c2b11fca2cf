"""Graders: session 12, exercise 5 (setup, cleanup, train_distributed, launch)."""
import datetime
import os
import signal
import socket
import time
from pathlib import Path

import pytest
import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data.distributed import DistributedSampler

from coursekit import checks as ck
from coursekit.checks import distributed
from coursekit.data.session12 import ShardDataset, ShardNet

MODULE = "ex05_ddp"  # the name the launch imports the answer under (the ranks import it again)
WORLD_SIZE = 2
SETTINGS = {"world_size": WORLD_SIZE, "epochs": 2, "batch_size": 8, "lr": 0.5, "seed": 3}
# 3x the reference's slowest launch: 5.5-7.5 s over 12 seeds on 2 idle cores, 9.9-11.8 s with four
# busy processes beside it (a loaded grading machine); past it, the launch is killed
DEADLINE_S = 36
TIMEOUT_PROBE_S = 1  # setup(0, 2, timeout_s=1) with no rank 1: torch gives up after 2 s
TIMEOUT_WAIT_S = 6  # ... and must have raised by then (3x that; torch's default: 30 minutes)
# ranks vs the single-process loop: at most 4.5e-8 (float sums in another order) over 12 seeds, the
# reference and both alternatives; 1e-6 is 20x that, while epochs in epoch 0's order move some weight
# by 8.8e-3 at least (12 seeds)
ATOL = 1e-6

SETUP_HINT = ("def setup(rank, world_size, timeout_s=60.0): os.environ['MASTER_ADDR'] = '127.0.0.1'; "
              "dist.init_process_group('gloo', rank=rank, world_size=world_size, "
              "timeout=datetime.timedelta(seconds=timeout_s)): gloo runs on CPUs (nccl needs GPUs), and the "
              "port is the one in MASTER_PORT, which launch chose: do not set it in setup")
CLEANUP_HINT = "def cleanup(): dist.destroy_process_group()"
LAUNCH_HINT = ("launch: find a free port (bind a socket to ('127.0.0.1', 0), read getsockname()[1], close "
               "it), os.environ['MASTER_PORT'] = str(port), then torch.multiprocessing.spawn("
               "train_distributed, args=(world_size, out_dir, epochs, batch_size, lr, seed), "
               "nprocs=world_size, join=True); a fixed port (29500, 12355) is often taken")
TRAIN_HINT = ("in train_distributed: setup; ShardDataset(); torch.manual_seed(seed) then ShardNet(); "
              "DDP(model) with no device_ids (on CPU); DistributedSampler(dataset, num_replicas=world_size, "
              "rank=rank, shuffle=True, seed=seed); DataLoader(dataset, batch_size=batch_size, "
              "sampler=sampler); SGD(ddp_model.parameters(), lr=lr); each epoch sampler.set_epoch(epoch) "
              "first; BCEWithLogitsLoss on ddp_model(x); torch.save({'state_dict': model.state_dict(), "
              "'indices': [...]}, os.path.join(out_dir, f'rank{rank}.pt')); cleanup")


# ---------------------------------------------------------------- trusted pieces ----

def _trusted_indices(rank, epoch):
    """The items DistributedSampler gives `rank` in `epoch`, in order."""
    sampler = DistributedSampler(range(len(ShardDataset())), num_replicas=WORLD_SIZE, rank=rank,
                                 shuffle=True, seed=SETTINGS["seed"])
    sampler.set_epoch(epoch)
    return list(sampler)


def _trusted_weights():
    """One process, the same global batches: at step k the mean, over the ranks, of each rank's
    mean loss on its k-th batch (what DDP's averaged gradients descend)."""
    dataset = ShardDataset()
    torch.manual_seed(SETTINGS["seed"])
    model = ShardNet()
    optimizer = torch.optim.SGD(model.parameters(), lr=SETTINGS["lr"])
    loss_fn, size = nn.BCEWithLogitsLoss(), SETTINGS["batch_size"]
    for epoch in range(SETTINGS["epochs"]):
        shards = [_trusted_indices(rank, epoch) for rank in range(WORLD_SIZE)]
        for start in range(0, len(shards[0]), size):
            optimizer.zero_grad()
            losses = [loss_fn(model(dataset.x[s[start:start + size]]), dataset.y[s[start:start + size]])
                      for s in shards]
            (sum(losses) / WORLD_SIZE).backward()
            optimizer.step()
    return model.state_dict()


# ---------------------------------------------------------------- the launch, once per submission ----

_DONE = {}  # the submission's identity -> its Launch


def _identity_of(function):
    path = distributed.answer_file(function)
    if path is not None:
        return distributed.identity(path)
    return "cell", distributed.answer_text(function)


def _launched(sol):
    key = _identity_of(sol.launch)
    if key not in _DONE:
        _DONE[key] = distributed.launch_answer(sol.launch, MODULE, SETTINGS, WORLD_SIZE, DEADLINE_S,
                                               LAUNCH_HINT + "; " + TRAIN_HINT)
    return _DONE[key].result()


@pytest.fixture(autouse=True)
def _one_launch_per_submission(sol, sandboxed):
    """Graded in a sandbox, each check runs in a process of its own: the launch then runs once, in
    a sandboxed process of its own, and what it left reaches every check through _DONE."""
    if sandboxed is None or not sol.path.is_file():
        return
    key = distributed.identity(sol.path)
    if key in _DONE:
        return

    def start(submission):
        distributed.start_answer(submission.launch, MODULE, SETTINGS, DEADLINE_S, Path.cwd() / "launch")

    def keep(folder):
        if (folder / "launch" / "run" / "status.json").is_file():
            _DONE[key] = distributed.collect(folder / "launch" / "run", SETTINGS, WORLD_SIZE, DEADLINE_S,
                                             LAUNCH_HINT + "; " + TRAIN_HINT)

    sandboxed(start, keep)


def _rank(sol, rank):
    saved = _launched(sol)[rank]
    ck.expect(isinstance(saved.get("state_dict"), dict) and isinstance(saved.get("indices"), list),
              f"rank {rank}'s file to hold a dict with 'state_dict' (a state dict) and 'indices' (a list)",
              f"keys {sorted(map(str, saved))}", TRAIN_HINT)
    return saved


# ---------------------------------------------------------------- setup and cleanup, here ----

def _free_port():
    server = socket.create_server(("127.0.0.1", 0))
    try:
        return server.getsockname()[1]
    finally:
        server.close()


class _Environment:
    """MASTER_PORT set to a free port, MASTER_ADDR unset (setup sets it); both restored on exit, and
    any process group left behind destroyed."""

    def __enter__(self):
        self.saved = {k: os.environ.get(k) for k in ("MASTER_ADDR", "MASTER_PORT")}
        os.environ.pop("MASTER_ADDR", None)
        self.port = str(_free_port())
        os.environ["MASTER_PORT"] = self.port
        return self

    def __exit__(self, *exc):
        if dist.is_initialized():
            dist.destroy_process_group()
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        return False


def test_setup_gloo(sol):
    with _Environment() as env:
        ck.call(sol.setup, 0, 1, what="setup(0, 1) (MASTER_PORT set, MASTER_ADDR not)", hint=SETUP_HINT)
        ck.expect(dist.is_initialized(), "setup(0, 1) to start the default process group",
                  "dist.is_initialized() is False", SETUP_HINT)
        found = (dist.get_backend(), dist.get_rank(), dist.get_world_size())
        ck.expect(found == ("gloo", 0, 1), "backend 'gloo', rank 0, world size 1", f"{found}", SETUP_HINT)
        ck.expect(os.environ.get("MASTER_ADDR") == "127.0.0.1", "MASTER_ADDR '127.0.0.1' (set by setup)",
                  f"{os.environ.get('MASTER_ADDR')!r}", SETUP_HINT)
        ck.expect(os.environ.get("MASTER_PORT") == env.port,
                  f"MASTER_PORT left as launch set it ({env.port})", f"{os.environ.get('MASTER_PORT')!r}",
                  SETUP_HINT)


def test_cleanup(sol):
    with _Environment() as env:
        dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{env.port}", rank=0, world_size=1,
                                timeout=datetime.timedelta(seconds=30))
        ck.call(sol.cleanup, what="cleanup() after a process group was started", hint=CLEANUP_HINT)
        ck.expect(not dist.is_initialized(), "no process group left after cleanup()",
                  "dist.is_initialized() is still True", CLEANUP_HINT)


def test_setup_timeout(sol):
    """setup(0, 2, timeout_s=1) alone (rank 1 never comes), in a forked process: it must give up
    with an exception within TIMEOUT_WAIT_S."""
    with _Environment():
        pid = os.fork()
        if pid == 0:  # the probe: 0 if setup raised, 1 if it returned, 2 if not implemented
            code = 1
            try:
                sol.setup(0, 2, timeout_s=TIMEOUT_PROBE_S)
            except NotImplementedError:
                code = 2
            except BaseException:  # noqa: BLE001 - any error is the timeout's
                code = 0
            os._exit(code)
        status = None
        try:
            for _ in range(TIMEOUT_WAIT_S * 20):
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                status = None
                time.sleep(0.05)
        finally:
            if status is None:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    if status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2:
        raise NotImplementedError("setup is not implemented yet")
    what = f"setup(0, 2, timeout_s={TIMEOUT_PROBE_S}) with no rank 1 to raise within {TIMEOUT_WAIT_S} s"
    ck.expect(status is not None, what, f"still waiting after {TIMEOUT_WAIT_S} s",
              "pass timeout=datetime.timedelta(seconds=timeout_s) to init_process_group (its default "
              "is 30 minutes: a rank that never arrives would hang the run that long)")
    ck.expect(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, what,
              "it returned" if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1
              else f"its process ended otherwise (status {status})", SETUP_HINT)


# ---------------------------------------------------------------- the launch's results ----

def test_launch_runs(sol):
    ranks = _launched(sol)
    ck.expect(sorted(ranks) == list(range(WORLD_SIZE)), f"files rank0.pt .. rank{WORLD_SIZE - 1}.pt",
              f"ranks {sorted(ranks)}", TRAIN_HINT)
    for rank in range(WORLD_SIZE):
        _rank(sol, rank)


def test_sampler_indices(sol):
    for rank in range(WORLD_SIZE):
        found = _rank(sol, rank)["indices"]
        ck.expect(len(found) == SETTINGS["epochs"], f"rank {rank}: one list of indices per epoch "
                  f"({SETTINGS['epochs']})", f"{len(found)} lists", TRAIN_HINT)
        for epoch in range(SETTINGS["epochs"]):
            wanted, got = _trusted_indices(rank, epoch), [int(i) for i in found[epoch]]
            if got == wanted:
                continue
            hint = TRAIN_HINT
            if epoch > 0 and got == _trusted_indices(rank, 0):
                hint = "the order repeats epoch 0's: call sampler.set_epoch(epoch) at the start of each epoch"
            elif sorted(got) == list(range(len(ShardDataset()))):
                hint = ("each rank saw every item: a DistributedSampler(dataset, num_replicas=world_size, "
                        "rank=rank, ...) gives each rank its own shard")
            raise ck.CheckFailure(f"rank {rank}, epoch {epoch}: the {len(wanted)} items DistributedSampler"
                                  f"(..., shuffle=True, seed={SETTINGS['seed']}) gives, in order: "
                                  f"{wanted[:8]}...", f"{len(got)} items: {got[:8]}...", hint)


def test_ranks_identical(sol):
    names = list(ShardNet().state_dict())
    weights = []
    for rank in range(WORLD_SIZE):
        state = _rank(sol, rank)["state_dict"]
        ck.expect(list(state) == names, f"rank {rank}'s state_dict keys {names} (the plain model's)",
                  f"{list(state)}", "save model.state_dict() (or ddp_model.module.state_dict()): the DDP "
                  "wrapper's own keys start with 'module.'")
        weights.append(state)
    for name in names:
        ck.expect(torch.equal(weights[0][name], weights[1][name]), f"{name} bit-identical on both ranks",
                  f"largest difference {float((weights[0][name] - weights[1][name]).abs().max()):.3g}",
                  "train ddp_model (the DDP wrapper), not the model inside it: only the wrapper averages "
                  "the gradients over the ranks")


def test_single_process_equal(sol):
    trusted = _trusted_weights()
    for rank in range(WORLD_SIZE):
        state = _rank(sol, rank)["state_dict"]
        for name, wanted in trusted.items():
            got = state.get(name)
            ck.expect(isinstance(got, torch.Tensor) and got.shape == wanted.shape,
                      f"rank {rank}: {name} of shape {tuple(wanted.shape)}", f"{got!r:.80}", TRAIN_HINT)
            ck.expect_close(ck.base.plain(got).float(), wanted,
                            f"rank {rank}: {name} equal to the single-process loop's on the same global "
                            f"batches (lr={SETTINGS['lr']}, seed={SETTINGS['seed']})", TRAIN_HINT,
                            rtol=0, atol=ATOL)
