"""Mutant: no stop handling: a stop codon becomes '*' and the codons after it are translated too."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"stop_codon"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    sequence = dna_sequence.upper()
    return "".join(table.get(sequence[i:i + 3], "X") for i in range(0, len(sequence) - 2, 3))
