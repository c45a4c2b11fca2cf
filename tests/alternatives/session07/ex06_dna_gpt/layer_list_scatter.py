"""Correct, written another way: an nn.ModuleList of nn.TransformerEncoderLayer called one by one
with a float mask (-inf above the diagonal) and the is_causal hint, the loss over flattened
logits, top-k by torch.topk on the probabilities scattered back and renormalised."""
import torch
import torch.nn.functional as F
from torch import nn


def causal_mask(length, device=None):
    return torch.triu(torch.full((length, length), True, device=device), diagonal=1)


class DNAGPT(nn.Module):
    def __init__(self, vocab_size=4, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.0):
        super().__init__()
        self.max_len = max_len
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(max_len, d_model)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation=F.gelu,
                                       batch_first=True, norm_first=True) for _ in range(num_layers))
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def forward(self, tokens):
        length = tokens.shape[1]
        pos = torch.arange(length, device=tokens.device).unsqueeze(0)
        h = self.token_embedding(tokens) + self.position_embedding(pos)
        mask = torch.zeros(length, length, device=tokens.device).masked_fill(
            causal_mask(length, tokens.device), float("-inf"))
        for layer in self.layers:
            h = layer(h, src_mask=mask, is_causal=True)
        return self.head(self.norm(h))


def next_token_loss(model, tokens):
    inputs, targets = tokens[:, :-1], tokens[:, 1:]
    logits = model(inputs)
    return F.cross_entropy(logits.flatten(0, 1), targets.flatten())


def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    if temperature < 0:
        raise ValueError(f"negative temperature {temperature}")
    if temperature == 0:
        return torch.argmax(logits, dim=1)
    probs = F.softmax(logits / temperature, dim=1)
    if top_k is not None and top_k < probs.shape[1]:
        kept, where = torch.topk(probs, top_k, dim=1)
        probs = torch.zeros_like(probs).scatter(1, where, kept)
        probs = probs / probs.sum(dim=1, keepdim=True)
    return torch.multinomial(probs, num_samples=1, generator=generator)[:, 0]


def generate(model, prompt, n_new, temperature=1.0, top_k=None, generator=None):
    training = model.training
    model.train(False)
    seq = prompt.clone()
    with torch.no_grad():
        for _ in range(n_new):
            context = seq if seq.shape[1] <= model.max_len else seq[:, seq.shape[1] - model.max_len:]
            step = sample_next(model(context)[:, -1, :], temperature=temperature, top_k=top_k,
                               generator=generator)
            seq = torch.cat((seq, step[:, None]), dim=1)
    model.train(training)
    return seq
