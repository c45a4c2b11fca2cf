"""Session 7, exercise 5: DNA-BERT: k-mer tokens, 80/10/10 masking, the MLM loss.

Genomics context
----------------
Most DNA is unlabelled: a genome is billions of bases, a labelled set a few thousand
sequences. DNABERT (Ji et al., 2021) learns from the unlabelled bases first, by **masked
language modelling** (MLM, as BERT does for text): hide some tokens of a sequence, and
train a transformer encoder to predict them from the others. To predict a hidden token
the model must learn what tends to occur next to what: codon structure, repeats, and
motifs such as the TATA box of promoters. The pre-trained encoder is then fine-tuned on
small labelled sets.

DNABERT reads DNA as **k-mers**. This exercise cuts a sequence into NON-overlapping
k-mers (stride k: ``"ACGTTTAAA"`` -> ``ACG TTT AAA``). DNABERT itself uses overlapping
k-mers (stride 1: ``ACG CGT GTT ...``), but then every base of a masked k-mer is also in
its neighbours, so a masked token can be read off the two tokens beside it and the task
is nearly trivial unless whole spans of k tokens are masked together. With stride k a
masked token really hides k bases.

You write the tokenizer, the 80/10/10 masking, the MLM loss and the model.

Data
----
``coursekit.data.session07.kmer_corpus(n=256, length=48, motif="TATAAAAGGCCA", k=3,
seed=0)`` returns ``n`` strings of ``length`` random bases (A, C, G, T), each holding the
12-bp promoter motif ``TATAAAAGGCCA`` (``PROMOTER_MOTIF``) exactly once, starting at a
multiple of ``k``: a 3-mer tokenizer always cuts it into the same 4 tokens ``TAT AAA AGG
CCA``. A 48-bp sequence is 16 k-mer tokens, 18 with ``[CLS]`` and ``[SEP]``. Everything
else in the sequence is random, so a model can only beat chance (1/64) at a masked
motif token, by reading the other three.

Task 1: ``SPECIAL_TOKENS`` and ``KmerTokenizer(k=3)``
-----------------------------------------------------
``SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")`` (a module constant,
given below): their ids are 0, 1, 2, 3, 4 in this order.

``KmerTokenizer(k=3)`` (a plain Python class, ``k`` a positive integer) has:

- the vocabulary: ids 0-4 the special tokens, then the ``4**k`` k-mers in lexicographic
  order with ``A < C < G < T``, i.e. the order of ``itertools.product("ACGT",
  repeat=k)``: for ``k=3`` ``AAA`` 5, ``AAC`` 6, ``AAG`` 7, ``AAT`` 8, ``ACA`` 9, ...,
  ``TTT`` 68 (a k-mer's id is 5 plus its value read as a base-4 number, A=0 C=1 G=2
  T=3, first base most significant);
- attributes ``k``, ``vocab_size`` (``5 + 4**k``: 69 for ``k=3``; an attribute or a
  property), ``pad_id = 0``, ``unk_id = 1``, ``cls_id = 2``, ``sep_id = 3``,
  ``mask_id = 4``;
- ``tokenize(sequence) -> list[str]``: the sequence uppercased, cut into consecutive
  non-overlapping k-mers (stride k) from its first base; a k-mer holding any letter other
  than A, C, G, T (``N``, ``R``, ...) becomes the string ``"[UNK]"``. Raise
  ``ValueError`` when ``len(sequence)`` is not a multiple of ``k`` (no silent dropping
  or padding of a tail). ``""`` gives ``[]``.
  ``KmerTokenizer().tokenize("acgTTTnnA") == ["ACG", "TTT", "[UNK]"]``;
- ``encode(sequence, max_len=None) -> list[int]``: ``[CLS]``, the ids of
  ``tokenize(sequence)``, ``[SEP]``; with ``max_len`` given, then ``[PAD]`` (0) up to
  exactly ``max_len`` ids, and ``ValueError`` if the ``len(sequence) // k + 2`` ids do
  not fit (never truncate). ``KmerTokenizer().encode("ACGTTT", max_len=6) == [2, 11,
  68, 3, 0, 0]``; ``encode("")`` is ``[2, 3]``;
- ``decode(ids) -> str``: ``ids`` a list of ints or a 1-D int64 tensor; each k-mer id
  becomes its k bases, ``[UNK]`` and ``[MASK]`` each become ``"N" * k`` (a k-mer whose
  bases are unknown), ``[PAD]``, ``[CLS]`` and ``[SEP]`` are dropped. ``ValueError`` for
  an id outside ``0 .. vocab_size - 1``. So ``decode(encode(s)) == s.upper()`` for every
  string ``s`` of A, C, G, T (either case) whose length is a multiple of ``k``;
- ``encode_batch(sequences, max_len) -> torch.Tensor``: int64 ``[len(sequences),
  max_len]``, row ``i`` = ``encode(sequences[i], max_len)`` (same errors).

Task 2: ``mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5)``
---------------------------------------------------------------------------------------------------
BERT's masking. ``input_ids``: int64 tensor of any shape (``[B, L]`` in practice);
``vocab_size``: the tokenizer's ``vocab_size``; ``generator``: a ``torch.Generator``.
Returns ``(masked_inputs, labels)``, two NEW int64 tensors of ``input_ids``' shape and
device:

- every position whose id is ``>= num_special`` (a k-mer) is **selected** independently
  with probability ``mask_prob`` (one random number per position: not a choice of whole
  sequences, not a fixed number per sequence); positions holding a special token
  (``[PAD] [UNK] [CLS] [SEP] [MASK]``, ids ``< num_special``) are NEVER selected;
- ``labels``: the ORIGINAL id at selected positions, ``-100`` everywhere else;
- ``masked_inputs``: a copy of ``input_ids`` in which, independently for each selected
  position, with probability 0.8 the id becomes ``mask_id``, with probability 0.1 a
  random k-mer id drawn uniformly from ``num_special .. vocab_size - 1`` (never a special
  id; it may happen to equal the original, probability ``1 / 4**k``), and with
  probability 0.1 it stays unchanged. Unselected positions are unchanged.

Every random number comes from ``generator`` (pass ``generator=generator`` to every
``torch.rand`` / ``torch.randint`` / ``torch.bernoulli``, with ``device=input_ids.device``);
torch's global random state is neither read nor changed, so the same generator seed gives
the same result. How many numbers you draw and in which order is yours (e.g. one uniform
tensor for the selection, one for the 80/10/10 split, one ``torch.randint`` for the
random ids). Do not modify ``input_ids`` (clone it first).

Task 3: ``mlm_loss(logits, labels)``
------------------------------------
``logits``: float ``[B, L, V]``; ``labels``: int64 ``[B, L]`` as ``mask_tokens`` makes
them. Returns a 0-d tensor: the mean cross-entropy over the positions whose label is not
``-100``, and ONLY those (not a mean over all ``B * L`` positions with zeros at the
others): ``F.cross_entropy(logits.reshape(-1, V), labels.reshape(-1),
ignore_index=-100)``. Positions labelled ``-100`` get zero gradient. When NO label is
different from ``-100`` (it happens in a small batch), ``F.cross_entropy`` gives ``nan``:
return a zero that still belongs to the graph instead, ``logits.sum() * 0.0``, so that
``loss.backward()`` works and changes nothing.

Task 4: ``DNABert(vocab_size, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
dropout=0.0)``
--------------------------------------------------------------------------------------------------
The ``DNATransformer`` of exercise 4 with a head per token instead of a pooled classifier,
and BERT's learned positions. An ``nn.Module`` (call ``super().__init__()`` first) with
exactly these attributes:

- ``token_embedding = nn.Embedding(vocab_size, d_model)``;
- ``position_embedding = nn.Embedding(max_len, d_model)``: learned positions, as BERT
  (not the sinusoidal buffer of exercises 3-4);
- ``encoder = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)`` with
  ``layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout,
  activation="gelu", batch_first=True, norm_first=True)`` (pre-LayerNorm blocks as in
  exercise 4; torch's layers are allowed here; no ``norm=`` argument to the encoder,
  ``enable_nested_tensor=False`` only silences a warning);
- ``norm = nn.LayerNorm(d_model)``: the final LayerNorm a pre-LN stack needs;
- ``lm_head = nn.Linear(d_model, vocab_size)``: not tied to the token embedding.

``forward(input_ids, padding_mask=None)``: ``input_ids`` int64 ``[B, L]`` with ``L <=
max_len``; ``padding_mask`` None or bool ``[B, L]``, True at padding (passed to the
encoder as ``src_key_padding_mask``). ``x = token_embedding(input_ids) +
position_embedding(positions)`` with ``positions = torch.arange(L,
device=input_ids.device)`` (no ``sqrt(d_model)`` scaling, no dropout or LayerNorm on the
embeddings), then ``encoder``, ``norm``, ``lm_head``: returns float32 logits ``[B, L,
vocab_size]`` (no softmax). No other layers.

Parameter counts: ``DNABert(69)`` has **80,069** parameters (token embedding 4,416,
positions 4,096, each of the 2 encoder layers 33,472, final norm 128, head 4,485); in
general ``vocab_size * d + max_len * d + num_layers * (4 d^2 + 2 d f + 9 d + f) + 2 d +
d * vocab_size + vocab_size`` with ``d = d_model``, ``f = dim_feedforward``.
``DNABert(21, d_model=32, nhead=2, num_layers=1, dim_feedforward=48, max_len=20)`` has
9,573; the graders' training model below has 22,213.

Training, as the graders do it (and you may, to see it work)::

    ids = KmerTokenizer(3).encode_batch(kmer_corpus(256, 48, seed=0), 18)   # [256, 18]
    torch.manual_seed(0)
    model = DNABert(69, d_model=32, nhead=4, num_layers=2, dim_feedforward=64, max_len=18)
    adam = torch.optim.Adam(model.parameters(), lr=0.02)
    batches, masking = torch.Generator().manual_seed(100), torch.Generator().manual_seed(1000)
    for _ in range(40):
        batch = ids[torch.randint(0, 256, (64,), generator=batches)]
        inputs, labels = mask_tokens(batch, 69, masking)          # the defaults
        loss = mlm_loss(model(inputs), labels)
        adam.zero_grad(); loss.backward(); adam.step()

What the graders check
----------------------
- ``tokenizer_round_trip``: ``KmerTokenizer(3)`` on ``"ACGTTTaaa"`` and
  ``KmerTokenizer(2)`` on ``""``, then generated strings (40 cases: ``k`` from 1 to 5,
  up to 40 letters of ``ACGTacgt`` cut to a multiple of ``k``): ``tokenize`` gives the
  uppercased non-overlapping k-mers; ``encode`` equals ``[2] + ids + [3]`` with the ids
  of a trusted vocabulary built from ``itertools.product("ACGT", repeat=k)``;
  ``encode(s, max_len=len + 3)`` ends with three 0s; ``decode`` of that list, and of it as
  an int64 tensor, equals ``s.upper()``;
- ``special_tokens``: ``SPECIAL_TOKENS`` as above; ``KmerTokenizer()`` (default ``k=3``)
  has ``pad_id, unk_id, cls_id, sep_id, mask_id == 0, 1, 2, 3, 4`` and ``vocab_size``
  69 (``k`` = 1, 2, 4: 9, 21, 261); ``encode("ACGTTT", max_len=6) == [2, 11, 68, 3, 0,
  0]``, ``encode("ACGNNN")``, ``encode("acgTnA")`` ``== [2, 11, 1, 3]``,
  ``encode("RYKACG") == [2, 1, 11, 3]``, ``encode("") == [2, 3]``, ``encode("GGGCCC",
  max_len=4) == [2, 47, 26, 3]``; ``tokenize("ACGnnA") == ["ACG", "[UNK]"]``;
  ``decode([2, 11, 1, 3, 0, 0]) == "ACGNNN"``, ``decode([2, 4, 68, 3]) == "NNNTTT"``;
  ``encode_batch(["ACGTTT", "AAA"], 6)`` is int64 ``[2, 6]`` with those rows;
  ``ValueError`` from ``tokenize("ACGT")``, ``encode("ACGT")``, ``encode("ACGTTT",
  max_len=3)``, ``decode([2, 69])`` and ``decode([-1])``;
- ``masking_rates``: on ``[200, 106]`` inputs (``[CLS]``, 100 random k-mer ids,
  ``[SEP]``, 4 ``[PAD]`` per row: 20,000 k-mer tokens), ``mask_tokens(ids, 69, g)`` with
  the defaults: the selected fraction (label != -100) within 0.15 +/- 0.0101 (4 binomial
  sigmas); of the ~3,000 selected, the fraction set to ``[MASK]`` within 0.8 +/- 4 sigma
  (about 0.029), the fraction unchanged within 0.1016 +/- 4 sigma (10% kept, plus random
  draws equal to the original), the fraction set to another k-mer within 0.0984 +/- 4
  sigma; no selected position becomes an id other than 4 or 5..68; per row between 1 and
  40 selected and the variance of the 200 per-row counts in [6, 22] (Binomial(100,
  0.15) has variance 12.75; 20,000 simulated batches gave 8.1 to 17.8). With
  ``mask_prob=1.0`` every k-mer token is selected, and the random replacements (about
  2,000 for ``vocab_size=69``, and with ``vocab_size=21`` on ids 5..20) cover every
  k-mer id with a chi-square against uniform below 140 (64 ids; 5,000 simulations of a
  uniform draw: 31 to 109) and below 60 (16 ids); with ``mask_prob=0.0`` nothing
  changes. The same generator seed gives the same result under different global seeds,
  the global random state is unchanged, and different seeds select differently;
- ``never_masks_specials``: ``mask_tokens([[2, 10, 11, 3, 0]], 69, g, mask_prob=1.0)``
  gives labels ``[[-100, 10, 11, -100, -100]]`` and leaves 2, 3, 0 in place; on rows
  holding every special token (``[CLS]``, ``[SEP]``, ``[PAD]`` runs, ``[UNK]`` and
  ``[MASK]`` among the k-mers), with ``mask_prob`` 1.0, 0.5 and the default: no special
  position labelled or changed, labels equal to the original ids where not -100,
  unselected positions unchanged, every k-mer selected when ``mask_prob=1.0``, and
  ``input_ids`` left unchanged;
- ``mlm_loss``: on a plain ``[2, 5, 9]`` case, then 30 generated ones (``B`` 1-4, ``L``
  1-12, ``V`` 2-30, 10% to 100% labelled, logits of scale 0.5 to 20): equals the
  cross-entropy over the labelled positions computed by the graders in float64
  (``log_softmax`` and ``gather``; atol 1e-5, rtol 1e-4), a 0-d tensor with a graph, and
  zero gradient at positions labelled -100; with 4 labelled positions among 120 whose
  other positions have terrible logits, still the mean over the 4; all labels -100:
  exactly 0.0 (not nan), still ``requires_grad``;
- ``param_count``: ``DNABert(69)`` (defaults) has 80,069 parameters and
  ``DNABert(21, d_model=32, nhead=2, num_layers=1, dim_feedforward=48, max_len=20)``
  9,573; the attributes are the layers above with those sizes (``encoder.norm`` None);
  in eval mode, on ``[3, 7]`` and ``[3, max_len]`` inputs, the logits (float32 ``[B, L,
  vocab_size]``) equal token + position embeddings passed through torch's own
  ``nn.TransformerEncoder`` loaded with your encoder's weights, then your norm and head
  (rtol 1e-4, atol 1e-5), and with a ``padding_mask`` they equal that computation with
  ``src_key_padding_mask`` at the non-padding positions; in train mode two calls give
  the same logits (default ``dropout=0.0``);
- ``learns_motif``: the graders train ``DNABert(69, d_model=32, nhead=4, num_layers=2,
  dim_feedforward=64, max_len=18)`` exactly as in the loop above (their own trusted
  tokenization, your ``mask_tokens`` with its defaults and your ``mlm_loss``; 40 Adam
  steps, lr 0.02, batches of 64), then, in eval mode, on 64 held-out
  ``kmer_corpus`` sequences, replace ONE motif token at a time by ``[MASK]`` (their own
  masking) and predict it (argmax): accuracy over the 256 predictions must be at least
  **0.30**, chance being 1/64. The reference over 20 seeds (data, initialisation,
  batches and masking): 0.49 to 0.85; a masked background token stays near chance
  (0.00 to 0.05);
- ``follows_device``: every tensor of ``DNABert(21, d_model=16, nhead=2, num_layers=1,
  dim_feedforward=32, max_len=12)`` and of its forward pass follows ``.to(device)``
  (checked on the ``meta`` device: make the positions with ``device=input_ids.device``);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``DNABert(69)`` gives the
  same logits on CPU and CUDA, in full float32 (TF32 off).
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.cross_entropy in task 3)
from torch import nn

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


class KmerTokenizer:
    """Non-overlapping k-mer tokens: ids 0-4 the special tokens, then the 4**k k-mers (A<C<G<T)."""

    def __init__(self, k: int = 3):
        # TODO (task 1): k, the vocabulary, vocab_size, pad_id, unk_id, cls_id, sep_id, mask_id
        raise NotImplementedError("KmerTokenizer.__init__")

    def tokenize(self, sequence: str) -> list[str]:
        """The uppercased sequence as non-overlapping k-mers; '[UNK]' for a k-mer with a non-ACGT letter."""
        # TODO (task 1)
        raise NotImplementedError("KmerTokenizer.tokenize")

    def encode(self, sequence: str, max_len: int | None = None) -> list[int]:
        """[CLS] k-mer ids [SEP], then [PAD] up to max_len when given."""
        # TODO (task 1)
        raise NotImplementedError("KmerTokenizer.encode")

    def decode(self, ids) -> str:
        """k-mer ids back to bases: [UNK]/[MASK] -> 'N' * k, [PAD]/[CLS]/[SEP] dropped."""
        # TODO (task 1)
        raise NotImplementedError("KmerTokenizer.decode")

    def encode_batch(self, sequences: list[str], max_len: int) -> torch.Tensor:
        """int64 [len(sequences), max_len]: one encode(s, max_len) per row."""
        # TODO (task 1)
        raise NotImplementedError("KmerTokenizer.encode_batch")


def mask_tokens(input_ids: torch.Tensor, vocab_size: int, generator: torch.Generator,
                mask_prob: float = 0.15, mask_id: int = 4, num_special: int = 5):
    """(masked_inputs, labels): BERT's 80/10/10 masking of the k-mer positions, drawn from `generator`."""
    # TODO (task 2)
    raise NotImplementedError("mask_tokens")


def mlm_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over the positions whose label != -100 (0.0 with a graph when there are none)."""
    # TODO (task 3)
    raise NotImplementedError("mlm_loss")


class DNABert(nn.Module):
    """Token + learned positions, a pre-LN nn.TransformerEncoder, a final LayerNorm, a per-token head."""

    def __init__(self, vocab_size: int, d_model: int = 64, nhead: int = 4, num_layers: int = 2,
                 dim_feedforward: int = 128, max_len: int = 64, dropout: float = 0.0):
        super().__init__()
        # TODO (task 4): token_embedding, position_embedding, encoder, norm, lm_head
        raise NotImplementedError("DNABert.__init__")

    def forward(self, input_ids: torch.Tensor, padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        # TODO (task 4): embeddings + positions, encoder, norm, lm_head -> [B, L, vocab_size]
        raise NotImplementedError("DNABert.forward")
