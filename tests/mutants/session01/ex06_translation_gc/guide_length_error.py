"""Mutant: the guide's check: a length that is not a multiple of 3 raises ValueError."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"translation_rules"}


def translate_to_protein(dna_sequence):
    if len(dna_sequence) % 3 != 0:
        raise ValueError("DNA sequence length must be multiple of 3")
    table = _codon_table()
    protein = []
    for i in range(0, len(dna_sequence), 3):
        amino_acid = table.get(dna_sequence[i:i + 3].upper(), "X")
        if amino_acid == "*":
            break
        protein.append(amino_acid)
    return "".join(protein)
