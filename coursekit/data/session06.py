"""Data for session 6 (transfer learning): seeded synthetic DNA and a "pretrained" CNN.

Every generator draws from its own ``torch.Generator``, so it neither reads nor changes
the global random state. Sequences come one-hot encoded, float32 ``[N, 4, L]`` (rows A,
C, G, T, the layout of session 4), with int64 class labels ``[N]``.

A sequence of class ``c`` is background DNA (each base G or C with probability ``gc``)
with the class's motif planted once at a uniformly drawn start; each planted base is
replaced by a random one with probability ``mutation``. Motifs are 8-mers, so one
appears in 80 random bases by chance well under 1% of the time.

- ``SPECIES``: one labelled task per organism: its GC content and its motif classes.
  "human" is the source species (plentiful labels, the pretrained model's task); the
  others share some motifs with it and bring their own.
- ``DOMAINS``: the same four human classes in two backgrounds: "mouse" (AT-rich, GC
  0.35) and "human" (GC-rich CpG-island promoters, GC 0.65). The shift is exaggerated
  on purpose, so that a model trained on one background loses accuracy on the other.
- ``motif_family_dataset``: many classes, each a random 8-mer motif, for few-shot
  episodes.
- ``pretrained_model()``: a ``MotifCNN`` trained on human data by the kit (about a
  second, on first use in a process; nothing downloads), returned in eval mode.
"""
from __future__ import annotations

import copy
import functools

import torch
from torch import nn

from coursekit.data.motifs import BASES, one_hot_codes
from coursekit.data.training import train_classifier

LENGTH = 80
# The four human promoter elements the pretrained model tells apart (class 0..3).
MOTIFS = {
    "TATA-box": "TATAAAAG",
    "CCAAT-box": "GGCCAATC",
    "GC-box": "GGGGCGGG",
    "E-box": "CCACGTGG",
}
GCN4_SITE = "TGACTCAT"  # yeast's amino-acid starvation response element (not in human)
SPECIES = {
    "human": {"gc": 0.41, "motifs": ("TATA-box", "CCAAT-box", "GC-box", "E-box")},
    "mouse": {"gc": 0.42, "motifs": ("TATA-box", "CCAAT-box", "GC-box", "E-box")},
    "zebrafish": {"gc": 0.36, "motifs": ("TATA-box", "CCAAT-box", "E-box")},
    "yeast": {"gc": 0.38, "motifs": ("TATA-box", "GCN4")},
}
DOMAINS = {"mouse": 0.35, "human": 0.65}  # background GC of the domain-adaptation pair
PRETRAINED_SEED = 6


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _motif(name: str) -> str:
    return GCN4_SITE if name == "GCN4" else MOTIFS[name]


def _background(n: int, length: int, gc: float, g: torch.Generator) -> torch.Tensor:
    """int64 ``[n, length]`` base indices (0 A, 1 C, 2 G, 3 T) with G or C at rate ``gc``."""
    strong = torch.rand(n, length, generator=g) < gc
    pick = torch.randint(0, 2, (n, length), generator=g)
    return torch.where(strong, 1 + pick, 3 * pick)  # C/G or A/T, each half the time


def motif_dataset(n: int, motifs: list[str], length: int = LENGTH, gc: float = 0.41,
                  mutation: float = 0.05, seed: int = 0):
    """``(x, y)``: ``n`` sequences, float32 ``[n, 4, length]`` one-hot, and int64 ``[n]``
    labels; class ``c`` carries ``motifs[c]`` (a DNA string), classes in equal shares
    (as far as ``n`` allows), shuffled."""
    g = _gen(seed)
    codes = _background(n, length, gc, g)
    labels = torch.arange(n) % len(motifs)
    labels = labels[torch.randperm(n, generator=g)]
    for row, label in enumerate(labels.tolist()):
        site = torch.tensor([BASES.index(b) for b in motifs[label]])
        noisy = torch.rand(len(site), generator=g) < mutation
        site = torch.where(noisy, torch.randint(0, 4, (len(site),), generator=g), site)
        start = int(torch.randint(0, length - len(site) + 1, (1,), generator=g))
        codes[row, start:start + len(site)] = site
    return one_hot_codes(codes), labels


def species_dataset(species: str, n: int, seed: int = 0, length: int = LENGTH):
    """``motif_dataset`` with the GC content and motif classes of ``SPECIES[species]``
    (labels index ``SPECIES[species]["motifs"]``)."""
    profile = SPECIES[species]
    return motif_dataset(n, [_motif(m) for m in profile["motifs"]], length, profile["gc"], seed=seed)


def domain_dataset(domain: str, n: int, seed: int = 0, length: int = LENGTH):
    """The four human classes (``MOTIFS`` order) in the background of ``DOMAINS[domain]``."""
    return motif_dataset(n, list(MOTIFS.values()), length, DOMAINS[domain], seed=seed)


def family_motifs(n_classes: int, seed: int = 0) -> list[str]:
    """``n_classes`` distinct random 8-mers: the motifs of ``motif_family_dataset``."""
    g = _gen(seed)
    found: list[str] = []
    while len(found) < n_classes:
        motif = "".join(BASES[i] for i in torch.randint(0, 4, (8,), generator=g).tolist())
        if motif not in found:
            found.append(motif)
    return found


def motif_family_dataset(n_classes: int = 20, n_per_class: int = 20, family_seed: int = 0,
                         seed: int = 0, length: int = LENGTH):
    """Few-shot data: ``n_classes`` classes (motifs ``family_motifs(n_classes,
    family_seed)``), ``n_per_class`` sequences each, GC 0.41, shuffled. Returns ``(x, y)``
    as ``motif_dataset`` does."""
    return motif_dataset(n_classes * n_per_class, family_motifs(n_classes, family_seed), length,
                         0.41, seed=seed)


class MotifCNN(nn.Module):
    """The pretrained architecture: ``features`` (two conv blocks) then ``classifier``.

    ``features``: Conv1d(4, 32, 9, padding=4), BatchNorm1d(32), ReLU, MaxPool1d(4),
    Conv1d(32, 512, 5, padding=2), BatchNorm1d(512), ReLU, AdaptiveMaxPool1d(1), Flatten:
    ``[N, 4, L]`` (L >= 4) to ``[N, 512]``, each feature the strongest response of one
    motif detector anywhere in the sequence. ``classifier``: Linear(512, num_classes).
    86,756 parameters with 4 classes (features 84,704, classifier 2,052).
    """
    feature_dim = 512

    def __init__(self, num_classes: int = 4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(4, 32, 9, padding=4), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(4),
            nn.Conv1d(32, 512, 5, padding=2), nn.BatchNorm1d(512), nn.ReLU(), nn.AdaptiveMaxPool1d(1),
            nn.Flatten())
        self.classifier = nn.Linear(self.feature_dim, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


@functools.cache
def _pretrained() -> MotifCNN:
    """Train ``MotifCNN`` on 1,000 human sequences: 4 epochs of Adam (lr 0.01, batches of
    32), one thread, fixed seeds, the global random state left as it was."""
    x, y = species_dataset("human", 1000, seed=PRETRAINED_SEED)
    return train_classifier(MotifCNN, x, y, epochs=4, batch_size=32, lr=0.01, seed=PRETRAINED_SEED)


def warm_cache() -> None:
    """Build the pretrained model now (a grading worker calls this before it forks)."""
    _pretrained()


def pretrained_state_dict() -> dict[str, torch.Tensor]:
    """A fresh copy of the pretrained weights and BatchNorm buffers (``features.*`` and
    ``classifier.*`` keys), as ``torch.load`` of a saved ``state_dict`` would give."""
    return copy.deepcopy(_pretrained().state_dict())


def pretrained_model() -> MotifCNN:
    """A new ``MotifCNN`` with the pretrained weights, in eval mode. Each call returns an
    independent copy (changing one leaves the others and later calls untouched); none
    draws from the global random state."""
    return copy.deepcopy(_pretrained())
