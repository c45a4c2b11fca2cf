"""Correct, written another way: torch.multinomial without replacement for every draw, a
one-hot matrix product for the prototypes, torch.cdist for the logits, F.relu and
.max(dim=2).values in the encoder."""
import torch
import torch.nn.functional as F
from torch import nn


def sample_episode(labels, n_way, k_shot, n_query, generator):
    values, sizes = labels.unique(return_counts=True)
    if values.numel() < n_way or bool((sizes < k_shot + n_query).any()):
        raise ValueError("labels cannot provide this episode")
    picks = torch.multinomial(torch.ones(values.numel()), n_way, replacement=False, generator=generator)
    classes = values[picks]
    need = k_shot + n_query
    draws = []
    for c in classes.tolist():
        idx = (labels == c).nonzero(as_tuple=True)[0]
        draws.append(idx[torch.multinomial(torch.ones(idx.numel()), need, replacement=False,
                                           generator=generator)])
    block = torch.stack(draws)  # [n_way, k_shot + n_query]
    return block[:, :k_shot].reshape(-1), block[:, k_shot:].reshape(-1), classes


def prototypes(support_embeddings, support_labels, n_way):
    member = F.one_hot(support_labels, n_way).to(support_embeddings.dtype).T  # [n_way, S]
    return (member @ support_embeddings) / member.sum(dim=1, keepdim=True)


def prototype_logits(query_embeddings, protos):
    return -torch.cdist(query_embeddings, protos).pow(2)


class MotifEncoder(nn.Module):
    def __init__(self, num_filters=128):
        super().__init__()
        self.detectors = nn.Conv1d(in_channels=4, out_channels=num_filters, kernel_size=9, padding=4)

    def forward(self, x):
        return F.relu(self.detectors(x)).max(dim=2).values


def episode_loss(encoder, x, y, n_way, k_shot, n_query, generator):
    support, query, _ = sample_episode(y, n_way, k_shot, n_query, generator)
    ways = torch.arange(n_way, device=x.device)
    centres = prototypes(encoder(x[support]), ways.repeat_interleave(k_shot), n_way)
    return F.cross_entropy(prototype_logits(encoder(x[query]), centres), ways.repeat_interleave(n_query))
