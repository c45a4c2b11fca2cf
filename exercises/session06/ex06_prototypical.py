"""Session 6, exercise 6: few-shot motif classes with a prototypical network.

Genomics context
----------------
A new transcription factor is characterised by a handful of bound sequences, not by
thousands: a ChIP-exo experiment in a non-model organism, a few validated enhancers, a
new RNA-binding protein. A classifier with one output per class cannot be retrained for
every new class from five examples. A *prototypical network* (Snell, Swersky and Zemel,
2017) learns instead an **embedding**: an encoder maps each sequence to a vector, and a
class is represented by its **prototype**, the mean embedding of its few labelled
examples. A new sequence is given to the class whose prototype is nearest (squared
Euclidean distance). New classes need no new weights: five examples give a prototype.

The encoder is trained on **episodes** that imitate the few-shot task. An *N-way K-shot*
episode draws ``N`` classes from the training classes, then for each class ``K``
*support* examples (to build the prototypes) and ``Q`` other *query* examples (to be
classified). The loss is the cross-entropy of the queries' logits, which are the
negative squared distances to the ``N`` prototypes. After training, the encoder is used
on classes it never saw.

Data
----
``coursekit.data.session06.motif_family_dataset(n_classes=20, n_per_class=20,
family_seed=0, seed=0, length=80)`` returns ``(x, y)``: one-hot DNA, float32
``[n_classes * n_per_class, 4, length]`` (rows A, C, G, T), and int64 labels
``0 .. n_classes - 1`` (``n_per_class`` of each, shuffled). Class ``c`` carries one copy
of its own random 8-mer motif (``family_motifs(n_classes, family_seed)[c]``, each base
mutated with probability 0.05) at a random position in a random background (GC 0.41).
A different ``family_seed`` gives different motifs: classes the encoder has never seen.
This exercise uses 40-bp fragments (``length=40``): in 80 bp the planted 8-mer is lost
among 73 random 8-mers and 5-way accuracy on unseen motifs is close to chance.

Task 1: ``sample_episode(labels, n_way, k_shot, n_query, generator)``
----------------------------------------------------------------------
``labels``: int64 ``[N]`` class labels on the CPU, any integer values (not necessarily
``0 .. C - 1``, not necessarily contiguous, classes of any sizes). Returns a tuple
``(support_idx, query_idx, classes)`` of int64 tensors:

- ``classes``: ``[n_way]``, ``n_way`` **distinct** values of ``labels``, drawn uniformly
  at random without replacement among all distinct labels; ``classes[i]`` is the
  episode's class ``i``;
- ``support_idx``: ``[n_way * k_shot]`` indices into ``labels``, **grouped by episode
  class**: ``support_idx[i * k_shot:(i + 1) * k_shot]`` are ``k_shot`` examples of
  ``classes[i]``, so ``labels[support_idx].view(n_way, k_shot)`` has every row ``i``
  equal to ``classes[i]``;
- ``query_idx``: ``[n_way * n_query]``, grouped the same way, ``n_query`` examples per
  class.

For each chosen class, its ``k_shot + n_query`` examples are drawn at random without
replacement from all examples of that class: no index appears twice, and support and
query are **disjoint** (a query seen in the support would be classified by its own
embedding). Every random number comes from ``generator`` (a ``torch.Generator``), passed
to every draw (``torch.randperm(n, generator=generator)``); torch's global random state
is neither read nor changed. The same generator state gives the same episode; how you
draw (which functions, in which order) is yours. ``n_way``, ``k_shot`` and ``n_query``
are positive integers. Raise ``ValueError`` if ``labels`` holds fewer than ``n_way``
distinct values, or if any class in ``labels`` (every class, chosen or not: check
before drawing) has fewer than ``k_shot + n_query`` examples.

Task 2: ``prototypes(support_embeddings, support_labels, n_way)``
-----------------------------------------------------------------
``support_embeddings``: float32 ``[S, D]``; ``support_labels``: int64 ``[S]``, episode
labels in ``0 .. n_way - 1``, **in any order**, every class present at least once,
classes possibly of different sizes. Returns float32 ``[n_way, D]``: row ``c`` is the
mean of the embeddings labelled ``c``. The result must not depend on the order of the
support set (do not assume the rows come grouped, nor that each class has the same
number of rows), and gradients must flow back to ``support_embeddings`` (no
``.detach()``, ``.item()`` or rebuilding from Python numbers; the encoder learns through
the prototypes). Do not change the inputs. Tensor operations (``index_add``,
``scatter_add``, a one-hot matrix product) or a loop over the ``n_way`` classes are both
fine.

Task 3: ``prototype_logits(query_embeddings, protos)``
------------------------------------------------------
``query_embeddings``: float32 ``[Q, D]``; ``protos``: float32 ``[n_way, D]``. Returns
float32 ``[Q, n_way]`` with entry ``[q, c] = -||query_embeddings[q] - protos[c]||^2``:
the **negative squared** Euclidean distance (not the distance itself, whose square root
is a different function, and with the minus sign, so that the nearest prototype gets the
largest logit). Differentiable in both inputs. ``-torch.cdist(a, b) ** 2``, broadcasting
``(a[:, None] - b[None]) ** 2`` or the expansion ``|a|^2 - 2 a.b + |b|^2`` are all fine.

Task 4: ``MotifEncoder(num_filters=128)``
-----------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) holding exactly one layer with
parameters, ``nn.Conv1d(4, num_filters, kernel_size=9, padding=4)`` (with its bias),
registered as an attribute or inside an ``nn.Sequential``. ``forward(x)`` takes one-hot
DNA float32 ``[N, 4, L]`` (any ``L >= 1``) and returns float32 ``[N, num_filters]``: the
ReLU of the convolution, then the **maximum over positions** (a global max pool:
``.amax(dim=-1)``, ``nn.AdaptiveMaxPool1d(1)`` then flatten, or ``.max(dim=-1).values``),
so each embedding coordinate is the best match of one motif detector anywhere in the
sequence. No other layer (no batch norm, no linear projection). ``MotifEncoder()`` has
4,736 parameters, in general ``num_filters * (4 * 9 + 1)``.

Task 5: ``episode_loss(encoder, x, y, n_way, k_shot, n_query, generator)``
--------------------------------------------------------------------------
One training episode: ``x`` float32 ``[N, 4, L]``, ``y`` int64 ``[N]`` labels (CPU),
``encoder`` any module mapping ``[n, 4, L]`` to ``[n, D]``. Draw the episode with **one
call** ``sample_episode(y, n_way, k_shot, n_query, generator)`` (nothing else drawn from
``generator``), embed ``x[support_idx]`` and ``x[query_idx]`` with ``encoder`` (two calls,
or one call on both together), build the prototypes from the support embeddings with
episode labels ``0 .. n_way - 1`` (support row ``j`` belongs to episode class
``j // k_shot``: **re-index** the labels, the original values of ``y`` are not the
episode's class numbers), compute the queries' logits with ``prototype_logits``, and
return the mean cross-entropy (``F.cross_entropy``) against the queries' episode labels
(query row ``j`` has episode label ``j // n_query``): a 0-d float32 tensor that
backpropagates into the encoder. Create the episode labels on ``x``'s device. Do not
change the encoder's mode (no ``train()``/``eval()`` calls) and do not take an optimizer
step: the caller does that.

Training, as the graders do it (and you may, to see it work)::

    encoder = MotifEncoder()
    x, y = motif_family_dataset(20, 20, family_seed=0, seed=0, length=40)
    adam = torch.optim.Adam(encoder.parameters(), lr=0.01)
    generator = torch.Generator().manual_seed(1000)
    for _ in range(60):
        adam.zero_grad()
        episode_loss(encoder, x, y, 5, 5, 5, generator).backward()
        adam.step()

What the graders check
----------------------
- ``episode_sampling``: on label vectors with non-contiguous values (e.g. 3, 5, 8, 11,
  ...) and classes of different sizes, and on the labels of ``motif_family_dataset``,
  for many generator seeds and several ``(n_way, k_shot, n_query)`` (``k_shot +
  n_query`` equal to the smallest class included): int64 tensors of shapes
  ``[n_way * k_shot]``, ``[n_way * n_query]``, ``[n_way]``; the classes distinct values
  of ``labels``; indices in range, none repeated, support and query disjoint;
  ``labels[support_idx]`` and ``labels[query_idx]`` grouped as above; two generators
  with the same seed give the same episode, torch's global random state is unchanged by
  the call and does not change the result; over 20 generator seeds every class is
  chosen in some episode, the chosen classes are not always the same and a class's
  support examples are not always the same ones; ``ValueError`` for ``n_way`` larger
  than the number of classes and for classes smaller than ``k_shot + n_query``;
- ``prototypes``: on generated inputs (1-6 classes of 1-4 rows each, in shuffled order,
  ``D`` from 1 to 12) your result equals the per-class mean computed by a loop over
  classes (rtol 1e-4, atol 1e-5), float32 ``[n_way, D]``; the gradient that reaches
  ``support_embeddings`` equals its closed form (each row gets its prototype's upstream
  gradient divided by its class size); the inputs are left unchanged;
- ``logits``: on generated inputs (``Q`` 1-8, ``n_way`` 1-6, ``D`` 1-16) your result
  equals ``-torch.cdist(q, p) ** 2`` computed in float64 (rtol 1e-4, atol 1e-4), float32
  ``[Q, n_way]``, and the gradients to both inputs equal their closed forms (same
  tolerance);
- ``episode_loss``: with the frozen pretrained trunk
  (``pretrained_model().features``, eval mode) as the encoder, on 40-bp
  ``motif_family_dataset`` data, equals the cross-entropy computed by the graders from
  the episode that your ``sample_episode`` draws from the same generator seed (rtol
  1e-4, atol 1e-5; ``sample_episode`` must give the same episode twice for one seed),
  a 0-d float32 tensor that requires grad;
- ``support_order``: on generated inputs (1-5 classes of equal or of different sizes,
  given grouped by class), shuffling the support set (embeddings and labels together)
  leaves ``prototypes`` and the ``prototype_logits`` of queries unchanged (rtol 1e-4,
  atol 1e-5);
- ``param_count``: ``MotifEncoder()`` (no argument: 128 filters) has exactly 4,736
  parameters and ``MotifEncoder(16)`` 592; its one ``nn.Conv1d`` is ``(4, num_filters,
  kernel_size=9, padding=4)`` with a bias, and its output, float32 ``[N, num_filters]``
  for ``L`` = 40 and 80, equals the max over positions of ``relu(conv1d)`` computed by
  the graders with its weights (rtol 1e-4, atol 1e-5);
- ``few_shot_accuracy``: the graders train
  ``MotifEncoder()`` (seeded initialisation) with your ``episode_loss`` exactly as in
  the loop above (60 episodes, 5-way 5-shot, 5 queries, Adam lr 0.01) and measure 5-way
  5-shot accuracy with their own prototypes and distances, over 40 episodes of 5
  queries per class each: on new sequences of the 20 training classes
  (``motif_family_dataset(20, 10, family_seed=0, seed=1, length=40)``) it must be at
  least 0.80 (the reference, over 20 runs varying the initialisation, the episodes and
  the data: 0.92 to 0.98; an untrained encoder: 0.48 to 0.61), and on 20 classes never
  trained on (``family_seed=1, seed=2``) at least 0.30, chance being 0.20 (the
  reference: 0.45 to 0.56; an untrained encoder is already at 0.46 to 0.61: random
  motifs share nothing that the training classes could teach beyond "detect an 8-mer",
  so on unseen motifs the encoder's design, a bank of motif detectors with a max pool,
  does most of the work);
- ``follows_device``: every tensor of ``MotifEncoder(8)`` and of its forward pass
  follows ``.to(device)`` (checked on the ``meta`` device);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``MotifEncoder()`` with your
  ``prototypes`` and ``prototype_logits`` gives the same logits for an episode on CPU
  and CUDA, in full float32 (TF32 off).
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.cross_entropy in task 5)
from torch import nn


def sample_episode(labels: torch.Tensor, n_way: int, k_shot: int, n_query: int,
                   generator: torch.Generator):
    """(support_idx, query_idx, classes): an N-way K-shot episode drawn only from `generator`."""
    # TODO (task 1)
    raise NotImplementedError("sample_episode")


def prototypes(support_embeddings: torch.Tensor, support_labels: torch.Tensor, n_way: int) -> torch.Tensor:
    """[n_way, D]: row c is the mean of the support embeddings labelled c."""
    # TODO (task 2)
    raise NotImplementedError("prototypes")


def prototype_logits(query_embeddings: torch.Tensor, protos: torch.Tensor) -> torch.Tensor:
    """[Q, n_way]: minus the squared Euclidean distance from each query to each prototype."""
    # TODO (task 3)
    raise NotImplementedError("prototype_logits")


class MotifEncoder(nn.Module):
    """Conv1d(4, num_filters, 9, padding=4), ReLU, max over positions: [N, 4, L] -> [N, num_filters]."""

    def __init__(self, num_filters: int = 128):
        super().__init__()
        # TODO (task 4): one nn.Conv1d(4, num_filters, kernel_size=9, padding=4)
        raise NotImplementedError("MotifEncoder.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 4): ReLU of the convolution, then the maximum over positions
        raise NotImplementedError("MotifEncoder.forward")


def episode_loss(encoder: nn.Module, x: torch.Tensor, y: torch.Tensor, n_way: int, k_shot: int,
                 n_query: int, generator: torch.Generator) -> torch.Tensor:
    """Mean cross-entropy of one episode's queries against the prototypes of its support."""
    # TODO (task 5)
    raise NotImplementedError("episode_loss")
