"""Correct, written another way: random keys sorted with argsort for every draw, a Python
loop over the classes with a boolean mask for the prototypes, the expansion
|q|^2 - 2 q.p + |p|^2 for the logits, an nn.Sequential encoder with AdaptiveMaxPool1d,
and one encoder call on support and query together with log_softmax + nll_loss."""
import torch
import torch.nn.functional as F
from torch import nn


def sample_episode(labels, n_way, k_shot, n_query, generator):
    distinct = sorted(set(labels.tolist()))
    if len(distinct) < n_way:
        raise ValueError("not enough classes")
    if any(int((labels == c).sum()) < k_shot + n_query for c in distinct):
        raise ValueError("a class is too small")
    keys = torch.rand(len(distinct), generator=generator)
    chosen = [distinct[i] for i in keys.argsort()[:n_way].tolist()]
    sup, qry = [], []
    for c in chosen:
        where = [i for i, v in enumerate(labels.tolist()) if v == c]
        order = torch.rand(len(where), generator=generator).argsort().tolist()
        picked = [where[i] for i in order[:k_shot + n_query]]
        sup += picked[:k_shot]
        qry += picked[k_shot:]
    return torch.tensor(sup), torch.tensor(qry), torch.tensor(chosen)


def prototypes(support_embeddings, support_labels, n_way):
    rows = []
    for c in range(n_way):
        mask = support_labels == c
        rows.append(support_embeddings[mask].sum(dim=0) / mask.sum())
    return torch.stack(rows)


def prototype_logits(query_embeddings, protos):
    q2 = (query_embeddings ** 2).sum(dim=1, keepdim=True)
    p2 = (protos ** 2).sum(dim=1)
    return -(q2 - 2 * query_embeddings @ protos.T + p2)


class MotifEncoder(nn.Module):
    def __init__(self, num_filters=128):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(4, num_filters, 9, padding=4), nn.ReLU(),
                                 nn.AdaptiveMaxPool1d(1), nn.Flatten())

    def forward(self, x):
        return self.net(x)


def episode_loss(encoder, x, y, n_way, k_shot, n_query, generator):
    s_idx, q_idx, _ = sample_episode(y, n_way, k_shot, n_query, generator)
    z = encoder(torch.cat([x[s_idx], x[q_idx]]))
    n_support = n_way * k_shot
    s_lab = torch.arange(n_support, device=x.device) // k_shot
    q_lab = torch.arange(n_way * n_query, device=x.device) // n_query
    logits = prototype_logits(z[n_support:], prototypes(z[:n_support], s_lab, n_way))
    return F.nll_loss(F.log_softmax(logits, dim=1), q_lab)
