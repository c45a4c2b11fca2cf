"""Mutant: the sequence is cut at the first stop triplet found anywhere (str.find), in any frame."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"stop_codon"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    sequence = dna_sequence.upper()
    found = [p for p in (sequence.find(stop) for stop in ("TAA", "TAG", "TGA")) if p >= 0]
    if found:
        sequence = sequence[:min(found)]
    return "".join(table.get(sequence[i:i + 3], "X") for i in range(0, len(sequence) - 2, 3))
