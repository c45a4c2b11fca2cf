"""Session 12, exercise 6: whole-genome inference in windows; gradient checkpointing.

Genomics context
----------------
A trained per-position model (one prediction per base: chromatin accessibility, a TF's binding,
a splice site) is finally run over a whole genome: 3.1 billion bases for a human, a single
chromosome up to 250 million. Its one-hot input alone would be 16 bytes a base, its activations
many times that: the sequence is read from disk a window at a time (``pyfaidx``, or exercise 1's
index), the windows run through the model a batch at a time, and their outputs are stitched into
one track per output.

A convolutional model's output at a base depends on a stretch of bases around it, its
RECEPTIVE FIELD. Within a window, the outputs near the window's edges see zero padding where the
genome has bases, so they differ from what the model gives on the whole sequence. The fix:
overlapping windows, and from each window only its central part is kept, the ``overlap``
positions it shares with its neighbours split between the two. Once the overlap is at least the
receptive field minus 1, every kept position has all its context, and the stitched track equals
the whole-sequence output (to float rounding) for any length.

Training runs into the opposite memory problem: autograd keeps every block's activations for the
backward pass. GRADIENT CHECKPOINTING keeps only each block's input and recomputes the block's
activations during backward: less memory, one more forward pass. With Dropout, the recomputation
must draw the same masks as the first pass; ``torch.utils.checkpoint.checkpoint`` saves and
restores the random state for that (``preserve_rng_state=True``, its default). Its older
"reentrant" variant (``use_reentrant=True``, still the default when the argument is omitted, with
a warning) gives a block's output ``requires_grad=False`` when the block's input does not require
grad, as one-hot DNA never does: the parameters then get no gradients at all (``None``), with only
a warning. Pass ``use_reentrant=False``.

Data
----
``coursekit.data.session12.GenomeCNN(channels=16, n_outputs=3, dropout=0.2)``: a per-position
model, ``[N, 4, L]`` float32 one-hot -> ``[N, n_outputs, L]`` float32, for any ``L >= 1``.
``model.blocks`` is an ``nn.Sequential`` of 3 blocks, each an ``nn.Sequential`` of
``Conv1d(kernel_size=5, dilation=d, padding=2 * d)`` ('same' zero padding), ``ReLU`` and
``Dropout(0.2)``, with dilations 1, 2, 4; ``model.head`` a ``Conv1d(16, n_outputs, 1)``;
``model(x)`` is ``model.head(model.blocks(x))``. Its receptive field
``GenomeCNN.RECEPTIVE_FIELD`` is 1 + 4 * (1 + 2 + 4) = 29 bases: the output at a base depends on
the 14 bases on either side of it (zeros beyond the sequence's ends).

The graders' genome is one sequence of 1,200 bases (``random_records(1, 1206, 1200, 1200, 0.1,
0.02)``: with lowercase stretches and runs of ``N``, i.e. zero columns) and ``fetch(start, stop)``
returns ``one_hot(sequence[start:stop])``: float32 ``[4, stop - start]``, a new tensor each time;
it stands for a FASTA file on disk. It records each call, and a call with anything other than
ints ``0 <= start < stop <= length`` fails the check. The models are ``GenomeCNN()`` (and
``GenomeCNN(n_outputs=2)``) built after ``torch.manual_seed(seed)``, small seeds, on the CPU.

Task 1: ``predict_genome(model, fetch, length, window, overlap, batch_size)``
----------------------------------------------------------------------------
``model``: a per-position ``nn.Module`` (``[N, 4, L] -> [N, C, L]``, ``C`` read from its output,
not assumed); ``fetch``: as above; ``length``: the sequence's length (``>= 1``); ``window``: the
window length (``>= 1``); ``overlap``: ``0 <= overlap < window``; ``batch_size``: ``>= 1``. No
defaults. Returns float32 ``[C, length]`` on the CPU, not requiring grad: the stitched output.

- Windows: with the stride ``s = window - overlap``, the windows start at ``0, s, 2s, ...`` as
  long as ``start + window < length``, then ONE LAST window that ends exactly at ``length``: it
  starts at ``max(0, length - window)`` (shifted back, so it overlaps the one before it by
  ``overlap`` or more; it may be the window at ``(n - 1) * s`` itself). Every window is
  ``[start, start + window)``, ``window`` bases, except when ``length < window``: then the one
  window is the whole sequence, ``[0, length)``. E.g. ``length=53, window=40, overlap=28``
  (``s = 12``): starts 0, 12 (12 + 40 < 53), then 13; ``length=52``: 0, then 12; ``length=40``:
  0; ``length=39``: the window ``[0, 39)``.
- Each window is read with ONE call ``fetch(start, start + window)`` (``fetch(0, length)`` for a
  sequence shorter than a window); the whole sequence is never fetched at once (unless it fits
  in a window).
- Batches: the windows, in order, stacked into batches of ``batch_size`` (``[batch_size, 4,
  window]``; the last batch may hold fewer), ONE ``model(batch)`` call per batch. So
  ``ceil(n_windows / batch_size)`` model calls, none with more than ``batch_size`` windows.
- Mode: the model runs in eval mode (Dropout off) under ``torch.no_grad()`` (or
  ``torch.inference_mode()``); afterwards the model is back in the mode it was given in (train or
  eval, every submodule).
- Stitching: window ``k``'s output (``[C, window]``) supplies the positions
  ``[start_k + overlap // 2, start_k + window - (overlap - overlap // 2))`` of the result: its
  first ``overlap // 2`` and its last ``overlap - overlap // 2`` positions are dropped (for an odd
  overlap one more at the end than at the start), except that the FIRST window keeps its start
  (it supplies from 0) and the LAST window keeps its end (it supplies up to ``length``) and
  supplies everything after the previous window's part (as it is shifted back, it drops more
  than ``overlap // 2`` at its start). So the parts tile ``[0, length)`` with no gap and no
  double. E.g. ``length=53, window=40, overlap=28``: window 0 (start 0) supplies ``[0, 26)``,
  window 1 (start 12) ``[26, 38)``, the last window (start 13) ``[38, 53)``, i.e. its own
  positions 25 to 39.
- With ``overlap >= 28`` (receptive field - 1) every kept position has its 14 bases of context on
  both sides, and the result equals ``model(fetch(0, length)[None])[0]`` in eval mode (to float
  rounding).

(To use a GPU, one would move each batch to the model's device and each output back to the CPU:
not graded; the graders run on the CPU.)

Task 2: ``checkpointed_forward(blocks, x)``
-------------------------------------------
``blocks``: an ``nn.Sequential`` of blocks (the graders pass ``model.blocks`` of a ``GenomeCNN``
in TRAIN mode: Dropout on); ``x``: its input (``[N, 4, L]`` float32, requiring grad or not).
Returns what ``blocks(x)`` returns, computed block by block, EACH block run under
``torch.utils.checkpoint.checkpoint(block, h, use_reentrant=False)`` (``preserve_rng_state``
left at its default ``True``). Under the same ``torch.manual_seed`` its output equals
``blocks(x)``'s (the same dropout masks), and after ``loss.backward()`` every parameter's
gradient (and ``x.grad``, when ``x`` requires grad) equals the plain model's. Not
``torch.utils.checkpoint.checkpoint_sequential``: it runs its last segment without
checkpointing (with 3 blocks in 3 segments, the last block keeps all its activations).
(Checkpointing the whole ``blocks`` as one piece also passes the checks below; per block, the
recomputation in backward holds one block's activations at a time, not all of them.)

What the graders check
----------------------
The trusted yardsticks are the model's own forward pass on the whole sequence and on each window
alone (run by the graders, in eval mode, under ``torch.no_grad()``), a loop over positions that
follows the stitching rule above, the plain ``blocks(x)`` with its gradients under the same seed,
and autograd's saved-tensor hooks. Outputs are compared with ``rtol=1e-5, atol=1e-6`` (the
windows' convolutions round differently from the whole sequence's: over 10 model seeds and 20
random shapes each, lengths up to 1,200, the reference differs by at most 9e-8, 4% of the
tolerance); the memory ratio is exact, fixed by the shapes (the reference saves 26.5% of the
plain forward's bytes; the bar is 40%). Generated cases come from hypothesis (deterministic).
The models given to ``predict_genome`` are in TRAIN mode unless said otherwise.

- ``stitched_equals_whole``: ``(length, window, overlap, batch_size)`` = (1, 40, 28, 2),
  (39, 40, 28, 2), (40, 40, 28, 1), (41, 40, 28, 3), (52, 40, 28, 2), (53, 40, 28, 2),
  (100, 40, 28, 3), (112, 40, 28, 3), (113, 40, 29, 2), (500, 64, 29, 4), (1200, 100, 40, 5),
  (301, 50, 30, 3) with ``GenomeCNN(n_outputs=2)``, then 30 generated cases (overlap 28-45,
  window overlap + 1 to overlap + 60, length 1-400, batch_size 1-5, model seed 0-3, 2 or 3
  outputs): a float32 ``[C, length]`` tensor, not requiring grad, equal to the whole-sequence
  output ``model(one_hot(sequence[:length])[None])[0]`` in eval mode. This rejects windows side
  by side without overlap handling, ``(overlap - 1) // 2`` dropped at a window's start (13 bases
  of context left with overlap 28), ``overlap // 2`` dropped at both ends (a column too many per
  window for an odd overlap), a zero-padded short last window and Dropout left on (train mode);
- ``overlap_split``: with overlaps below 28, where the windows' edges show: (200, 40, 0, 3),
  (200, 40, 7, 2), (200, 40, 10, 4), (203, 50, 13, 2), (37, 40, 9, 2), (61, 30, 5, 1),
  (95, 30, 11, 4): equal to the stitching rule above (each window run alone, each position taken
  from the window the rule assigns it). This rejects rounding the split the other way
  (``(overlap + 1) // 2`` first), dropping ``overlap // 2`` at both ends, and another rule for
  the last window;
- ``bounded_memory``: (1000, 64, 30, 3), (1200, 100, 28, 4), (33, 40, 28, 2), (90, 40, 28, 1),
  the calls recorded: no ``fetch`` call for more than ``window`` bases, every base fetched;
  every model input ``[n, 4, L]`` with ``n <= batch_size`` and ``L <= window``, the model in eval
  mode and ``torch.is_grad_enabled()`` False during every call; the number of windows the model
  saw equal to the rule's, in ``ceil(n_windows / batch_size)`` calls. This rejects fetching the
  whole sequence, all windows in one batch, one window per call, train mode and no
  ``torch.no_grad()``;
- ``mode_restored``: ``predict_genome`` on a model in train mode leaves every submodule in
  train mode; on a model in eval mode, in eval mode (150, 40, 28, 2). This rejects ``model.eval()``
  without restoring the mode, and ``model.train()`` at the end whatever the mode was;
- ``checkpoint_equal``: for 3 model seeds, ``x`` 3 one-hot sequences ``[3, 4, 120]`` requiring
  grad, the model in train mode: under the same ``torch.manual_seed``,
  ``checkpointed_forward(model.blocks, x)`` equals ``model.blocks(x)``, and after
  ``loss = (model.head(h) * W).sum(); loss.backward()`` (``W`` a fixed random tensor) every
  parameter's ``.grad`` and ``x.grad`` equal the plain model's. This rejects
  ``preserve_rng_state=False`` (the recomputation draws other dropout masks);
- ``input_without_grad``: the same for 2 more seeds with ``x`` NOT requiring grad (one-hot DNA):
  every parameter has a gradient (none is ``None``) equal to the plain model's. This rejects
  ``use_reentrant=True`` (or the argument omitted) and ``preserve_rng_state=False``;
- ``checkpoint_memory``: ``x`` ``[4, 4, 200]`` not requiring grad, train mode: the bytes of the
  tensors autograd saves for backward (``numel() * element_size()`` of each tensor packed, under
  ``torch.autograd.graph.saved_tensors_hooks``) while ``checkpointed_forward(model.blocks, x)``
  runs are at most 40% of those while ``model.blocks(x)`` runs, and its output equals
  ``model.blocks(x)``'s under the same seed and requires grad. This rejects checkpointing
  nothing (100%) and ``checkpoint_sequential`` (51%).
"""
import torch  # noqa: F401
from torch.utils.checkpoint import checkpoint  # noqa: F401


def predict_genome(model, fetch, length, window, overlap, batch_size):
    # TODO (task 1): windows at 0, s, 2s, ... and one last window ending at length; fetch each one,
    #                run them batch_size at a time in eval mode under torch.no_grad(), keep each
    #                window's part, restore the model's mode; return [C, length]
    raise NotImplementedError("predict_genome")


def checkpointed_forward(blocks, x):
    # TODO (task 2): each block under checkpoint(block, h, use_reentrant=False)
    raise NotImplementedError("checkpointed_forward")
