"""Mutant: codons counted from 1 as in the biology texts, so the frame starts at index 1."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"translation", "stop_codon", "translation_rules"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    sequence = dna_sequence.upper()
    protein = []
    for i in range(1, len(sequence) - 2, 3):
        amino_acid = table.get(sequence[i:i + 3], "X")
        if amino_acid == "*":
            break
        protein.append(amino_acid)
    return "".join(protein)
