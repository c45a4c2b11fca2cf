"""Reference solution: session 6, exercise 6 (a prototypical network for few-shot motif classes)."""
import torch
import torch.nn.functional as F
from torch import nn


def sample_episode(labels: torch.Tensor, n_way: int, k_shot: int, n_query: int,
                   generator: torch.Generator):
    classes, counts = torch.unique(labels, return_counts=True)
    if n_way > len(classes):
        raise ValueError(f"n_way={n_way} but the labels hold only {len(classes)} classes")
    if int(counts.min()) < k_shot + n_query:
        raise ValueError(f"a class has {int(counts.min())} examples, fewer than k_shot + n_query")
    chosen = classes[torch.randperm(len(classes), generator=generator)[:n_way]]
    support, query = [], []
    for label in chosen:
        members = torch.nonzero(labels == label).flatten()
        members = members[torch.randperm(len(members), generator=generator)]
        support.append(members[:k_shot])
        query.append(members[k_shot:k_shot + n_query])
    return torch.cat(support), torch.cat(query), chosen


def prototypes(support_embeddings: torch.Tensor, support_labels: torch.Tensor, n_way: int) -> torch.Tensor:
    width = support_embeddings.shape[1]
    totals = support_embeddings.new_zeros(n_way, width).index_add(0, support_labels, support_embeddings)
    sizes = torch.bincount(support_labels, minlength=n_way).to(support_embeddings.dtype)
    return totals / sizes.unsqueeze(1)


def prototype_logits(query_embeddings: torch.Tensor, protos: torch.Tensor) -> torch.Tensor:
    offsets = query_embeddings.unsqueeze(1) - protos.unsqueeze(0)
    return -offsets.pow(2).sum(dim=-1)


class MotifEncoder(nn.Module):
    def __init__(self, num_filters: int = 128):
        super().__init__()
        self.conv = nn.Conv1d(4, num_filters, kernel_size=9, padding=4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.conv(x)).amax(dim=-1)


def episode_loss(encoder: nn.Module, x: torch.Tensor, y: torch.Tensor, n_way: int, k_shot: int,
                 n_query: int, generator: torch.Generator) -> torch.Tensor:
    support_idx, query_idx, _ = sample_episode(y, n_way, k_shot, n_query, generator)
    episode_classes = torch.arange(n_way, device=x.device)
    protos = prototypes(encoder(x[support_idx]), episode_classes.repeat_interleave(k_shot), n_way)
    logits = prototype_logits(encoder(x[query_idx]), protos)
    return F.cross_entropy(logits, episode_classes.repeat_interleave(n_query))
