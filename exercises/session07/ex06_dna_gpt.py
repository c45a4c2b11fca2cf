"""Session 7, exercise 6: GPT-style DNA generation: causal mask, temperature, top-k.

Genomics context
----------------
Genomic language models (DNAGPT, HyenaDNA, GenSLM, Evo) are trained the way GPT is: read
a sequence left to right and predict every next base from the bases before it. Once
trained, such a model **generates** DNA: give it a prompt (a promoter, the start of a
gene, a repeat unit), take its distribution over the next base, draw a base, append it,
repeat. Two things make this work:

- the **causal mask**: when the model learns to predict base ``t + 1`` it must not see
  base ``t + 1`` (nor anything after it). Self-attention sees the whole sequence unless
  a mask blocks every key ``j`` later than the query ``i``. A model that leaks the
  future learns to copy the next base during training and is useless at generation,
  when there is no future to copy;
- **sampling controls**: the *temperature* ``T`` divides the logits before the softmax
  (``T < 1`` sharpens the distribution, ``T > 1`` flattens it, ``T -> 0`` is greedy
  decoding, always the most likely base); *top-k* keeps only the ``k`` most likely
  bases and renormalises, so that a long generation never wanders into bases the model
  thinks very unlikely.

Here a small decoder-only transformer learns a tandem repeat (``GATTACA`` repeated end
to end, like the microsatellites and minisatellites of real genomes) and then continues
it from a prompt.

Data
----
``coursekit.data.session07.repeat_corpus(n, length, motif="GATTACA", seed)`` returns
``n`` strings of ``length`` bases: ``motif`` repeated end to end, each string starting
at a phase drawn uniformly in ``0 .. 6`` (``"TTACAGATTACAGA..."``).
``coursekit.data.session07.encode_bases(strings)`` turns equal-length strings into int64
token ids ``[N, L]``: **A 0, C 1, G 2, T 3** (this exercise's vocabulary has 4 tokens,
``vocab_size=4``), and ``decode_bases`` turns them back.

Task 1: ``causal_mask(length, device=None)``
---------------------------------------------
Returns a **bool** tensor ``[length, length]`` on ``device`` (``None``: the CPU, torch's
default) with entry ``[i, j]`` **True where attention is blocked**, that is exactly when
key ``j`` comes after query ``i`` (``j > i``): the convention of the bool ``attn_mask`` /
``mask`` of ``nn.MultiheadAttention`` and ``nn.TransformerEncoder`` (True = not
allowed). The diagonal is allowed (a position sees its own token). It equals
``torch.ones(length, length, dtype=torch.bool).triu(1)``; create it directly on
``device`` (``device=device`` in the constructor), not on the CPU then moved. For
``length=3``::

    [[False,  True,  True],
     [False, False,  True],
     [False, False, False]]

Task 2: ``DNAGPT``
------------------
``DNAGPT(vocab_size=4, d_model=64, nhead=4, num_layers=2, dim_feedforward=128,
max_len=64, dropout=0.0)``, an ``nn.Module`` (call ``super().__init__()`` first) with
these attributes:

- ``max_len``: the int ``max_len`` (``generate`` reads it);
- ``token_embedding = nn.Embedding(vocab_size, d_model)``;
- ``position_embedding = nn.Embedding(max_len, d_model)``: **learned** positions (not
  sinusoidal), position ``p`` is row ``p``;
- the decoder stack: ``num_layers`` pre-LayerNorm transformer layers, e.g.
  ``nn.TransformerEncoder(nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward,
  dropout, activation="gelu", batch_first=True, norm_first=True), num_layers,
  enable_nested_tensor=False)`` (any attribute name; your own blocks with the same
  parameters are fine too: self-attention with biases, LayerNorm, a GELU feed-forward
  ``d_model -> dim_feedforward -> d_model``, LayerNorm, residuals, pre-norm);
- ``norm = nn.LayerNorm(d_model)``: the final LayerNorm;
- ``head = nn.Linear(d_model, vocab_size)`` (with a bias, its own weight: no weight tying).

``forward(tokens)``: ``tokens`` int64 ``[B, L]`` with ``1 <= L <= max_len`` (longer
inputs are the caller's error: ``generate`` crops). Returns float32 logits
``[B, L, vocab_size]``: ``x = token_embedding(tokens) + position_embedding(positions
0..L-1)`` (no scaling by ``sqrt(d_model)``), the layers with the causal mask,
``norm``, ``head``. Logits at position ``t`` are the model's prediction of the token at
``t + 1`` and must depend only on ``tokens[:, :t + 1]``. Create the positions and the
mask on ``tokens.device`` (``torch.arange(L, device=tokens.device)``,
``causal_mask(L, device=tokens.device)``). With ``nn.TransformerEncoder``, pass the mask
**and** the hint: ``self.blocks(x, mask=causal_mask(L, device=tokens.device),
is_causal=True)``. Without an explicit ``is_causal``, ``nn.TransformerEncoder`` reads the
mask's values to guess whether it is causal, which fails on the ``meta`` device of the
``follows_device`` check ("Tensor.item() cannot be called on meta tensors"). Note that
with the hint PyTorch may take a fused causal path that ignores the mask's values, but
in eval mode under ``torch.no_grad()`` (as in ``generate``) it uses them: the mask must
be right.

Parameters: ``V * d + max_len * d + num_layers * (4 * d * d + 4 * d + 2 * d * F + F + d +
4 * d) + 2 * d + d * V + V`` for ``V = vocab_size``, ``d = d_model``, ``F =
dim_feedforward`` (a layer: q, k, v and output projections with biases ``4 d^2 + 4 d``,
the feed-forward ``2 d F + F + d``, two LayerNorms ``4 d``). ``DNAGPT()`` has **71,684**
parameters (256 + 4,096 + 2 x 33,472 + 128 + 260).

Task 3: ``next_token_loss(model, tokens)``
------------------------------------------
``tokens`` int64 ``[B, L]`` with ``2 <= L <= model.max_len + 1``. Returns the 0-d
float32 mean cross-entropy of next-token prediction: ``logits = model(tokens[:, :-1])``
(``[B, L - 1, V]``: the last token is only ever a target) against ``tokens[:, 1:]``, mean
over all ``B * (L - 1)`` predictions: ``F.cross_entropy(logits.reshape(-1, V),
tokens[:, 1:].reshape(-1))``. Feeding ``tokens[:, :-1]`` (not ``model(tokens)[:, :-1]``,
the same numbers for ``L <= max_len``) lets training use sequences of ``max_len + 1``
tokens, so that every position of the context window, the last one included, gets a
target: generation past ``max_len`` relies on that last position. It must carry gradients
into the model (no ``torch.no_grad()``, ``.detach()`` or ``.item()``) and work with any
``model`` mapping ``[B, L]`` token ids to ``[B, L, V]`` logits.

Task 4: ``sample_next(logits, temperature=1.0, top_k=None, generator=None)``
---------------------------------------------------------------------------
``logits``: float ``[B, V]``, one row of next-token logits per sequence. Returns int64
``[B]`` token ids on the logits' device, one per row, each row drawn independently:

- ``temperature == 0``: greedy, ``logits.argmax(dim=-1)``, drawing **no** random number
  (neither ``generator`` nor torch's global generator changes) and never dividing by 0;
- ``temperature > 0``: ``scaled = logits / temperature`` (divide, do not multiply);
  if ``top_k`` is not ``None``, keep in each row only the ``top_k`` **largest** scaled
  logits and set the others to ``-inf`` (``top_k >= V`` keeps them all; ``top_k=None``
  keeps all); ``probs = softmax(scaled, dim=-1)``, then one draw per row
  ``torch.multinomial(probs, 1, generator=generator)``. So a kept token ``i`` is drawn
  with probability ``exp(l_i / T) / sum_kept exp(l_j / T)`` and a dropped one never;
- ``temperature < 0``: raise ``ValueError``.

Every random number comes from ``generator`` (a ``torch.Generator``); with
``generator=None`` ``torch.multinomial`` uses torch's global generator. Do not seed
anything yourself. Ties at the ``k``-th largest logit may keep all tied tokens; the
graders use logits without ties. Equivalent ways (sorting, ``torch.topk`` with
``scatter``, zeroing the probabilities outside the top ``k`` and renormalising) are fine.

Task 5: ``generate(model, prompt, n_new, temperature=1.0, top_k=None, generator=None)``
--------------------------------------------------------------------------------------
``prompt``: int64 ``[B, L0]`` (``L0 >= 1``, possibly longer than ``model.max_len``) on
the model's device; ``n_new >= 0``. Returns int64 ``[B, L0 + n_new]``: the prompt
unchanged as the prefix, then ``n_new`` generated tokens. ``n_new`` times: feed the
**last** ``model.max_len`` tokens (``tokens[:, -model.max_len:]``) to ``model``, take the
logits of the last position (``[:, -1]``, ``[B, V]``), draw one token per row with
``sample_next(logits, temperature, top_k, generator)`` and append it. ``model`` is any
``nn.Module`` with an int attribute ``max_len`` that maps ``[B, L]`` (``L <= max_len``)
to ``[B, L, V]`` logits (the graders also use small models of their own).

Run the whole generation in **eval mode** (``model.eval()``: no dropout) and under
``torch.no_grad()``, and afterwards **put the model back in the mode it had**
(``model.train(was_training)``), so that a training loop can call ``generate`` to look at
samples and carry on training. Draw nothing but through ``sample_next`` with the given
``generator``: the same generator seed gives the same sequence.

Training, as the graders do it (and you may, to see it work)::

    data = encode_bases(repeat_corpus(32, 33, seed=0))          # [32, 33]: max_len + 1
    torch.manual_seed(0)
    model = DNAGPT(d_model=32, nhead=2, num_layers=1, dim_feedforward=64, max_len=32)
    adam = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(60):
        adam.zero_grad()
        next_token_loss(model, data).backward()
        adam.step()
    prompt = encode_bases(["TTACAGA"])
    decode_bases(generate(model, prompt, 28, temperature=0))   # TTACAGATTACAGATTACA...

What the graders check
----------------------
Tolerances are ``rtol=1e-4, atol=1e-5`` unless stated. The small model is ``DNAGPT(d_model=16,
nhead=2, num_layers=2, dim_feedforward=32, max_len=16)`` (4,868 parameters), built after
``torch.manual_seed(0)``.

- ``causal_mask``: ``causal_mask(3)`` is the bool ``[3, 3]`` above, on the CPU;
  ``causal_mask(L)`` for ``L`` = 1 .. 20 is bool ``[L, L]`` and equals the naive loop
  ``[[j > i for j in range(L)] for i in range(L)]``; ``causal_mask(5, device="meta")``
  and ``causal_mask(5, device=torch.device("meta"))`` are bool ``[5, 5]`` on the
  ``meta`` device;
- ``no_future_leakage``: on the small model, for one sequence of ``L`` random tokens
  (first ``L = 10``, then 15 more drawn by hypothesis with ``L`` from 2 to 16), the
  graders run in one batch the sequence, for every cut ``t`` the sequence with every
  token after ``t`` changed, and for every position ``s`` the sequence with token ``s``
  changed, in three modes (train mode; eval mode; eval mode under ``torch.no_grad()``).
  The logits are float32 ``[rows, L, 4]`` and finite; changing the tokens after ``t``
  leaves the logits at positions ``0..t`` unchanged (within 1e-5) for every ``t``; and
  changing token ``s`` changes the logits at position ``s`` and at the last position
  (by more than 1e-5): the model reads the past and the current token;
- ``param_count``: ``DNAGPT()`` (all defaults) has exactly 71,684 parameters and
  ``DNAGPT(vocab_size=5, d_model=32, nhead=2, num_layers=1, dim_feedforward=48,
  max_len=40)`` 9,173; ``token_embedding`` is ``nn.Embedding(vocab_size, d_model)``,
  ``position_embedding`` ``nn.Embedding(max_len, d_model)``, ``head``
  ``nn.Linear(d_model, vocab_size)`` with a bias, ``max_len`` the int given; in eval
  mode, tokens ``[2, max_len]`` give float32 logits ``[2, max_len, vocab_size]``;
- ``top_k``: each case draws 3,000 samples per row (the rows repeated 3,000 times in
  one call, with a seeded ``generator``) and compares the frequencies with the
  graders' float64 probabilities (softmax of ``logits / temperature`` over the ``top_k``
  largest): no token outside the kept ones is ever drawn, every frequency is within
  5 binomial standard deviations + 0.005 of its probability, and every kept token of
  probability >= 0.01 is drawn at least once; cases: first the plain
  ``[[2, 1, 0.5, -1, -3], [-3, -0.5, -2, 1.5, -1]]`` with ``top_k=2``; ``top_k=1`` (at
  temperatures 1 and 0.7) always gives the argmax; ``sample_next(logits)`` with all
  defaults (after ``torch.manual_seed(0)``, torch's global generator) follows the full
  softmax; then 30 cases drawn by hypothesis: ``V`` 2 to 8, ``top_k`` None or 1 to 10
  (so also ``>= V``), temperature 0.5, 1 or 2, logits ``scale * randn`` with scale 1,
  2 or 3. The output is int64 ``[rows]``;
- ``greedy_limit``: on logits without ties (gaps >= 0.05; ``[6, 4]``, ``[64, 5]``,
  ``[32, 8]``), with ``top_k`` None and 2: ``temperature=0`` returns int64 ``[B]`` equal
  to ``logits.argmax(dim=1)`` and leaves both the given generator's state and torch's
  global random state unchanged; ``temperature=1e-4`` also returns the argmax of every
  row; ``temperature=-1`` and ``-1e-3`` raise ``ValueError``;
- ``seeded_sampling``: ``sample_next`` on logits ``[50, 4]`` (``top_k`` None and 3) and
  ``generate`` (a graders' model, prompt ``[3, 4]``, 12 new tokens, ``top_k`` None and
  2) with a generator seeded 7 (5 for ``generate``) give the same result twice, under
  two different global seeds, and leave torch's global random state unchanged; a
  generator seeded 8 (6) gives a different result; ``generate`` with its defaults
  (``generator=None``) gives the same sequence twice after the same
  ``torch.manual_seed``; ``generate``'s output is int64 ``[3, 16]`` with the prompt as
  its prefix;
- ``generates_motif``: first ``next_token_loss`` on a graders' model (``max_len=8``) and
  tokens ``[3, 9]``: a 0-d float32 tensor that requires grad, equal to the graders'
  cross-entropy of ``model(tokens[:, :-1])`` against ``tokens[:, 1:]``; then ``generate``
  (greedy, ``temperature=0``) with a graders' model of ``max_len=6`` (a bigram table plus
  a term that depends on the first token of its context window, so the window matters;
  it refuses contexts longer than 6 tokens), prompt ``[4, 3]``, 10 new tokens, the model
  in train mode and in eval mode: every model call is in eval mode with gradients
  disabled, the model is back in its original mode afterwards, and the result equals
  the graders' own greedy loop over the last ``max_len`` tokens; then training exactly as
  above (``DNAGPT(d_model=32, nhead=2, num_layers=1, dim_feedforward=64, max_len=32)``,
  9,892 parameters, ``torch.manual_seed(0)``; 60 full-batch Adam steps, lr 0.01, of your
  ``next_token_loss`` on ``repeat_corpus(32, 33, seed=0)``): the final loss must be
  <= 0.10 (the reference over 20 seeds of data and initialisation: from 1.33-1.71 down to
  0.016-0.034; a solution in another style, hand-written blocks: 0.016-0.034), and greedy
  generation (``temperature=0``) of 28 new bases from each of the 7 rotations of
  ``GATTACA`` as prompts (``GATTACA``, ``ATTACAG``, ...; 7 + 28 = 35 tokens, so the
  window slides past ``max_len``) must continue the repeat for all 28 bases in every
  prompt (the reference over the same 20 seeds: 28 of 28 for every prompt and
  seed, and for the other style; with 40 steps instead of 60, 4 of the 20 seeds already fail
  and the final loss reaches 0.14: 60 steps leave that margin);
- ``follows_device``: every tensor of the small model, and of its forward pass in train
  and eval mode, follows ``.to(device)`` (checked on the ``meta`` device: the positions
  and the mask must be created on ``tokens.device``; a tensor kept as a plain attribute
  stays on the CPU);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the small model gives the
  same logits on CPU and CUDA in eval mode, in full float32 (TF32 off).
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.cross_entropy, F.softmax)
from torch import nn


def causal_mask(length: int, device=None) -> torch.Tensor:
    """bool [length, length], True where key j > query i (attention blocked)."""
    # TODO (task 1)
    raise NotImplementedError("causal_mask")


class DNAGPT(nn.Module):
    """Decoder-only transformer over DNA tokens: [B, L] int64 -> [B, L, vocab_size] logits."""

    def __init__(self, vocab_size: int = 4, d_model: int = 64, nhead: int = 4, num_layers: int = 2,
                 dim_feedforward: int = 128, max_len: int = 64, dropout: float = 0.0):
        super().__init__()
        # TODO (task 2): max_len, token_embedding, position_embedding, the layers, norm, head
        raise NotImplementedError("DNAGPT.__init__")

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): embeddings + positions, the layers with the causal mask, norm, head
        raise NotImplementedError("DNAGPT.forward")


def next_token_loss(model: nn.Module, tokens: torch.Tensor) -> torch.Tensor:
    """0-d mean cross-entropy of model(tokens[:, :-1]) against tokens[:, 1:]."""
    # TODO (task 3)
    raise NotImplementedError("next_token_loss")


def sample_next(logits: torch.Tensor, temperature: float = 1.0, top_k=None,
                generator=None) -> torch.Tensor:
    """int64 [B]: one token per row of logits [B, V], greedy at temperature 0, else top-k sampling."""
    # TODO (task 4)
    raise NotImplementedError("sample_next")


def generate(model: nn.Module, prompt: torch.Tensor, n_new: int, temperature: float = 1.0, top_k=None,
             generator=None) -> torch.Tensor:
    """int64 [B, L0 + n_new]: the prompt followed by n_new tokens generated one at a time."""
    # TODO (task 5)
    raise NotImplementedError("generate")
