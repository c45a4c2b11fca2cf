"""Alternative: an itertools.product vocabulary with a reverse list, masking with chained
torch.bernoulli draws and index assignment, F.cross_entropy with ignore_index (after an explicit
count check), and DNABert positions expanded to [B, L] before the embedding lookup."""
import itertools

import torch
import torch.nn.functional as F
from torch import nn

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


class KmerTokenizer:
    def __init__(self, k: int = 3):
        self.k = k
        self.itos = list(SPECIAL_TOKENS) + ["".join(t) for t in itertools.product("ACGT", repeat=k)]
        self.stoi = {tok: i for i, tok in enumerate(self.itos)}
        self.vocab_size = len(self.itos)
        self.pad_id = self.stoi["[PAD]"]
        self.unk_id = self.stoi["[UNK]"]
        self.cls_id = self.stoi["[CLS]"]
        self.sep_id = self.stoi["[SEP]"]
        self.mask_id = self.stoi["[MASK]"]

    def tokenize(self, sequence):
        n, rest = divmod(len(sequence), self.k)
        if rest:
            raise ValueError(f"{len(sequence)} bases do not split into {self.k}-mers")
        up = sequence.upper()
        pieces = (up[j * self.k:(j + 1) * self.k] for j in range(n))
        return [p if set(p) <= set("ACGT") else "[UNK]" for p in pieces]

    def encode(self, sequence, max_len=None):
        ids = [self.stoi[t] for t in ["[CLS]", *self.tokenize(sequence), "[SEP]"]]
        if max_len is not None:
            missing = max_len - len(ids)
            if missing < 0:
                raise ValueError("longer than max_len")
            ids.extend([self.pad_id] * missing)
        return ids

    def decode(self, ids):
        if isinstance(ids, torch.Tensor):
            ids = ids.flatten().tolist()
        words = []
        for i in ids:
            if not isinstance(i, int) or not 0 <= i < self.vocab_size:
                raise ValueError(f"id {i} not in the vocabulary")
            tok = self.itos[i]
            if tok in ("[UNK]", "[MASK]"):
                words.append("N" * self.k)
            elif tok not in SPECIAL_TOKENS:
                words.append(tok)
        return "".join(words)

    def encode_batch(self, sequences, max_len):
        return torch.stack([torch.tensor(self.encode(s, max_len), dtype=torch.int64) for s in sequences]) \
            if sequences else torch.zeros(0, max_len, dtype=torch.int64)


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    def coin(p):
        return torch.bernoulli(torch.full(input_ids.shape, float(p), device=input_ids.device),
                               generator=generator).bool()

    labels = input_ids.clone()
    chosen = coin(mask_prob) & (input_ids >= num_special)
    labels[~chosen] = -100
    masked = input_ids.clone()
    as_mask = coin(0.8) & chosen
    masked[as_mask] = mask_id
    as_random = coin(0.5) & chosen & ~as_mask
    n = int(as_random.sum())
    masked[as_random] = torch.randint(num_special, vocab_size, (n,), generator=generator,
                                      device=input_ids.device)
    return masked, labels


def mlm_loss(logits, labels):
    if int((labels != -100).sum()) == 0:
        return (logits * 0.0).sum()
    return F.cross_entropy(logits.flatten(0, -2), labels.flatten(), ignore_index=-100, reduction="mean")


class DNABert(nn.Module):
    def __init__(self, vocab_size, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.0):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(max_len, d_model)
        block = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=dim_feedforward, dropout=dropout,
                                           activation="gelu", layer_norm_eps=1e-5, batch_first=True,
                                           norm_first=True)
        self.encoder = nn.TransformerEncoder(block, num_layers=num_layers, norm=None,
                                             enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, input_ids, padding_mask=None):
        b, length = input_ids.shape
        pos = torch.arange(length, device=input_ids.device).expand(b, length)
        x = self.token_embedding(input_ids) + self.position_embedding(pos)
        x = self.encoder(x, src_key_padding_mask=padding_mask)
        x = self.norm(x)
        return self.lm_head(x)
