"""Alternative: k-mer ids by base-4 arithmetic (no vocabulary dict), masking by one uniform band
draw per position (below 0.8 [MASK], 0.8-0.9 random, the rest kept) and torch.where, the loss by
a boolean-mask gather, and DNABert positions read by slicing the embedding weight."""
import torch
from torch import nn

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
_DIGIT = {"A": 0, "C": 1, "G": 2, "T": 3}


class KmerTokenizer:
    pad_id, unk_id, cls_id, sep_id, mask_id = 0, 1, 2, 3, 4

    def __init__(self, k=3):
        self.k = k

    @property
    def vocab_size(self):
        return len(SPECIAL_TOKENS) + 4 ** self.k

    def _id(self, kmer):
        if any(b not in _DIGIT for b in kmer):
            return self.unk_id
        value = 0
        for b in kmer:
            value = 4 * value + _DIGIT[b]
        return 5 + value

    def tokenize(self, sequence):
        s = sequence.upper()
        if len(s) % self.k != 0:
            raise ValueError("the sequence length must be a multiple of k")
        out = []
        for start in range(0, len(s), self.k):
            kmer = s[start:start + self.k]
            out.append("[UNK]" if self._id(kmer) == self.unk_id else kmer)
        return out

    def encode(self, sequence, max_len=None):
        body = [self.unk_id if t == "[UNK]" else self._id(t) for t in self.tokenize(sequence)]
        ids = [self.cls_id, *body, self.sep_id]
        if max_len is None:
            return ids
        if len(ids) > max_len:
            raise ValueError("sequence too long for max_len")
        return ids + [self.pad_id] * (max_len - len(ids))

    def decode(self, ids):
        bases = []
        for i in (ids.tolist() if torch.is_tensor(ids) else list(ids)):
            if i < 0 or i >= self.vocab_size:
                raise ValueError(f"bad id {i}")
            if i in (self.unk_id, self.mask_id):
                bases.append("N" * self.k)
            elif i >= 5:
                value, kmer = i - 5, []
                for _ in range(self.k):
                    value, digit = divmod(value, 4)
                    kmer.append("ACGT"[digit])
                bases.append("".join(reversed(kmer)))
        return "".join(bases)

    def encode_batch(self, sequences, max_len):
        out = torch.zeros(len(sequences), max_len, dtype=torch.long)
        for row, s in enumerate(sequences):
            out[row] = torch.tensor(self.encode(s, max_len), dtype=torch.long)
        return out


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    dev = input_ids.device
    pick = torch.rand(input_ids.shape, generator=generator, device=dev)
    band = torch.rand(input_ids.shape, generator=generator, device=dev)
    draws = torch.randint(num_special, vocab_size, input_ids.shape, generator=generator, device=dev)
    selected = (pick < mask_prob) & (input_ids >= num_special)
    masked = torch.where(selected & (band < 0.8), torch.full_like(input_ids, mask_id), input_ids)
    masked = torch.where(selected & (band >= 0.8) & (band < 0.9), draws, masked)
    labels = input_ids.masked_fill(~selected, -100)
    return masked, labels


def mlm_loss(logits, labels):
    keep = labels != -100
    logp = torch.log_softmax(logits[keep], dim=-1)
    if logp.shape[0] == 0:
        return logits.sum() * 0.0
    return -logp.gather(1, labels[keep].unsqueeze(1)).squeeze(1).mean()


class DNABert(nn.Module):
    def __init__(self, vocab_size, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.0):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        self.position_embedding = nn.Embedding(max_len, d_model)
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(d_model=d_model, nhead=nhead, dim_feedforward=dim_feedforward,
                                       dropout=dropout, activation=nn.functional.gelu, batch_first=True,
                                       norm_first=True),
            num_layers=num_layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, input_ids, padding_mask=None):
        h = self.token_embedding(input_ids)
        h = h + self.position_embedding.weight[: input_ids.size(1)].unsqueeze(0)
        h = self.encoder(h, src_key_padding_mask=padding_mask)
        return self.lm_head(self.norm(h))
