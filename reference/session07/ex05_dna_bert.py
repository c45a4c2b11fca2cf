"""Reference solution: session 7, exercise 5 (DNA-BERT: k-mer tokens, 80/10/10 masking, the MLM loss)."""
import itertools

import torch
import torch.nn.functional as F
from torch import nn

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


class KmerTokenizer:
    def __init__(self, k: int = 3):
        self.k = k
        kmers = ["".join(p) for p in itertools.product("ACGT", repeat=k)]
        self.vocab = {token: i for i, token in enumerate(SPECIAL_TOKENS + tuple(kmers))}
        self.id_to_token = list(self.vocab)
        self.vocab_size = len(self.vocab)
        self.pad_id, self.unk_id, self.cls_id, self.sep_id, self.mask_id = range(5)

    def tokenize(self, sequence: str) -> list[str]:
        sequence = sequence.upper()
        if len(sequence) % self.k:
            raise ValueError(f"length {len(sequence)} is not a multiple of k={self.k}")
        chunks = [sequence[i:i + self.k] for i in range(0, len(sequence), self.k)]
        return [c if c in self.vocab else "[UNK]" for c in chunks]

    def encode(self, sequence: str, max_len: int | None = None) -> list[int]:
        ids = [self.cls_id] + [self.vocab[t] for t in self.tokenize(sequence)] + [self.sep_id]
        if max_len is not None:
            if len(ids) > max_len:
                raise ValueError(f"{len(ids)} tokens do not fit max_len={max_len}")
            ids += [self.pad_id] * (max_len - len(ids))
        return ids

    def decode(self, ids) -> str:
        if isinstance(ids, torch.Tensor):
            ids = ids.tolist()
        out = []
        for i in ids:
            if not 0 <= i < self.vocab_size:
                raise ValueError(f"id {i} is outside the vocabulary 0..{self.vocab_size - 1}")
            if i in (self.pad_id, self.cls_id, self.sep_id):
                continue
            out.append("N" * self.k if i in (self.unk_id, self.mask_id) else self.id_to_token[i])
        return "".join(out)

    def encode_batch(self, sequences: list[str], max_len: int) -> torch.Tensor:
        rows = [self.encode(s, max_len) for s in sequences]
        return torch.tensor(rows, dtype=torch.int64).reshape(len(rows), max_len)


def mask_tokens(input_ids: torch.Tensor, vocab_size: int, generator: torch.Generator,
                mask_prob: float = 0.15, mask_id: int = 4, num_special: int = 5):
    def uniform():
        return torch.rand(input_ids.shape, generator=generator, device=input_ids.device)

    selected = (uniform() < mask_prob) & (input_ids >= num_special)
    to_mask = selected & (uniform() < 0.8)
    to_random = selected & ~to_mask & (uniform() < 0.5)
    random_ids = torch.randint(num_special, vocab_size, input_ids.shape, generator=generator,
                               device=input_ids.device)
    masked = input_ids.clone()
    masked[to_mask] = mask_id
    masked[to_random] = random_ids[to_random]
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    return masked, labels


def mlm_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    if not (labels != -100).any():
        return logits.sum() * 0.0
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)


class DNABert(nn.Module):
    def __init__(self, vocab_size: int, d_model: int = 64, nhead: int = 4, num_layers: int = 2,
                 dim_feedforward: int = 128, max_len: int = 64, dropout: float = 0.0):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(max_len, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation="gelu",
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, input_ids: torch.Tensor, padding_mask: torch.Tensor | None = None) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.token_embedding(input_ids) + self.position_embedding(positions)
        x = self.encoder(x, src_key_padding_mask=padding_mask)
        return self.lm_head(self.norm(x))
