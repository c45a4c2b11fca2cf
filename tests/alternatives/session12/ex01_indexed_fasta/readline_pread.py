"""Alternative: the index is built with readline() and tell() on a binary file, one dict per record; items
are read with os.pread on a raw descriptor (no seek, so the file offset is never used: a descriptor
inherited by a forked worker is safe), the record found by walking a running total; letters encoded by
bytes.translate and an identity matrix. The descriptor is closed with the dataset and left out of the
pickled state."""
import os

import torch
from torch.utils.data import Dataset

TABLE = bytes(b"ACGTacgt".find(bytes([c])) % 4 if bytes([c]) in b"ACGTacgt" else 4 for c in range(256))
EYE = torch.cat([torch.eye(4), torch.zeros(4, 1)], dim=1)  # column 4: a base that is none of A, C, G, T


class GenomicsDataset(Dataset):
    def __init__(self, fasta_file, window=None, stride=None):
        self.fasta_file = fasta_file
        self.window = window
        if stride is None:
            stride = window
        self.stride = stride
        self.records = []
        with open(fasta_file, "rb") as fh:
            while True:
                line = fh.readline()
                if not line:
                    break
                if line[:1] == b">":
                    words = line[1:].decode().split()
                    label = next(int(w.split("=", 1)[1]) for w in words if w.startswith("label="))
                    self.records.append({"name": words[0], "label": label, "length": 0, "offset": fh.tell(),
                                         "bases": None, "bytes": None})
                else:
                    record = self.records[-1]
                    n = len(line.rstrip(b"\n"))
                    if record["bases"] is None:
                        record["bases"], record["bytes"] = n, len(line)
                    record["length"] += n
        for record in self.records:
            n = record["length"]
            if window is None:
                record["items"] = 1
            elif n < window:
                record["items"] = 0
            else:
                record["items"] = (n - window) // stride + 1
        self.count = sum(r["items"] for r in self.records)
        self.fd = None

    def __del__(self):
        if getattr(self, "fd", None) is not None:
            os.close(self.fd)
            self.fd = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["fd"] = None
        return state

    def __len__(self):
        return self.count

    def __getitem__(self, idx):
        if not 0 <= idx < self.count:
            raise IndexError(idx)
        for record in self.records:
            if idx < record["items"]:
                break
            idx -= record["items"]
        start = 0 if self.window is None else idx * self.stride
        stop = record["length"] if self.window is None else start + self.window
        if self.fd is None:
            self.fd = os.open(self.fasta_file, os.O_RDONLY)

        def byte(i):
            return record["offset"] + i // record["bases"] * record["bytes"] + i % record["bases"]

        raw = os.pread(self.fd, byte(stop - 1) + 1 - byte(start), byte(start)) if stop > start else b""
        codes = torch.tensor(list(raw.replace(b"\n", b"").translate(TABLE)), dtype=torch.long)
        return EYE[:, codes].contiguous(), record["label"]
