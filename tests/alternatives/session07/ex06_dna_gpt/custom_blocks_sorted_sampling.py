"""Correct, written another way: hand-written pre-LayerNorm blocks (one nn.Linear for q, k, v,
the causal mask turned into an additive float mask of 0 and -inf), the loss from log_softmax and
gather, top-k by sorting the probabilities and sampling a rank, generate filling a preallocated
tensor."""
import math

import torch
from torch import nn


def causal_mask(length, device=None):
    rows = torch.arange(length, device=device)
    return rows.unsqueeze(0) > rows.unsqueeze(1)  # [i, j] = j > i


class Block(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward, dropout):
        super().__init__()
        self.nhead = nhead
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ff = nn.Sequential(nn.Linear(d_model, dim_feedforward), nn.GELU(), nn.Dropout(dropout),
                                nn.Linear(dim_feedforward, d_model))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, additive_mask):
        b, length, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=-1)
        q, k, v = (t.view(b, length, self.nhead, d // self.nhead).transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.nhead) + additive_mask
        att = self.drop(scores.softmax(dim=-1)) @ v  # [b, h, L, d_head]
        x = x + self.drop(self.proj(att.transpose(1, 2).reshape(b, length, d)))
        return x + self.drop(self.ff(self.ln2(x)))


class DNAGPT(nn.Module):
    def __init__(self, vocab_size=4, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.0):
        super().__init__()
        self.max_len = max_len
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(max_len, d_model)
        self.blocks = nn.ModuleList(Block(d_model, nhead, dim_feedforward, dropout)
                                    for _ in range(num_layers))
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def forward(self, tokens):
        length = tokens.shape[1]
        x = self.token_embedding(tokens) + self.position_embedding.weight[:length]
        blocked = causal_mask(length, device=tokens.device)
        additive = torch.zeros(length, length, device=tokens.device).masked_fill(blocked, float("-inf"))
        for block in self.blocks:
            x = block(x, additive)
        return self.head(self.norm(x))


def next_token_loss(model, tokens):
    logp = model(tokens[:, :-1]).log_softmax(dim=-1)
    return -logp.gather(-1, tokens[:, 1:].unsqueeze(-1)).mean()


def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    if temperature < 0:
        raise ValueError("temperature must not be negative")
    if temperature == 0:
        return logits.argmax(dim=-1)
    ordered, order = (logits / temperature).sort(dim=-1, descending=True)
    if top_k is not None:
        ordered = ordered[:, :top_k]
    rank = torch.multinomial(ordered.softmax(dim=-1), 1, generator=generator)
    return order.gather(1, rank).squeeze(1)


@torch.no_grad()
def generate(model, prompt, n_new, temperature=1.0, top_k=None, generator=None):
    mode = model.training
    model.eval()
    batch, start = prompt.shape
    out = torch.empty(batch, start + n_new, dtype=torch.int64, device=prompt.device)
    out[:, :start] = prompt
    for i in range(start, start + n_new):
        window = out[:, max(0, i - model.max_len):i]
        out[:, i] = sample_next(model(window)[:, -1], temperature, top_k, generator)
    model.train(mode)
    return out
