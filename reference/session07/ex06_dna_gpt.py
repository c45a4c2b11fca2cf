"""Reference solution: session 7, exercise 6 (GPT-style DNA generation: causal mask, temperature, top-k)."""
import torch
import torch.nn.functional as F
from torch import nn


def causal_mask(length: int, device=None) -> torch.Tensor:
    return torch.ones(length, length, dtype=torch.bool, device=device).triu(1)


class DNAGPT(nn.Module):
    def __init__(self, vocab_size: int = 4, d_model: int = 64, nhead: int = 4, num_layers: int = 2,
                 dim_feedforward: int = 128, max_len: int = 64, dropout: float = 0.0):
        super().__init__()
        self.max_len = max_len
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(max_len, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation="gelu",
                                           batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        length = tokens.shape[1]
        positions = torch.arange(length, device=tokens.device)
        x = self.token_embedding(tokens) + self.position_embedding(positions)
        x = self.blocks(x, mask=causal_mask(length, device=tokens.device), is_causal=True)
        return self.head(self.norm(x))


def next_token_loss(model: nn.Module, tokens: torch.Tensor) -> torch.Tensor:
    logits = model(tokens[:, :-1])
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tokens[:, 1:].reshape(-1))


def sample_next(logits: torch.Tensor, temperature: float = 1.0, top_k=None,
                generator=None) -> torch.Tensor:
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if temperature == 0:
        return logits.argmax(dim=-1)
    scaled = logits / temperature
    if top_k is not None:
        kth = scaled.topk(min(top_k, scaled.shape[-1]), dim=-1).values[:, -1:]
        scaled = scaled.masked_fill(scaled < kth, float("-inf"))
    probs = F.softmax(scaled, dim=-1)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)


def generate(model: nn.Module, prompt: torch.Tensor, n_new: int, temperature: float = 1.0, top_k=None,
             generator=None) -> torch.Tensor:
    was_training = model.training
    model.eval()
    tokens = prompt
    try:
        with torch.no_grad():
            for _ in range(n_new):
                logits = model(tokens[:, -model.max_len:])[:, -1]
                nxt = sample_next(logits, temperature, top_k, generator)
                tokens = torch.cat([tokens, nxt.unsqueeze(1).to(tokens.dtype)], dim=1)
    finally:
        model.train(was_training)
    return tokens
