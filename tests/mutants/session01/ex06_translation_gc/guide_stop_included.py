"""Mutant: the guide's loop: the stop codon is appended as '*' before translation stops."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"stop_codon"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    sequence = dna_sequence.upper()
    protein = []
    for i in range(0, len(sequence) - 2, 3):
        amino_acid = table.get(sequence[i:i + 3], "X")
        protein.append(amino_acid)
        if amino_acid == "*":
            break
    return "".join(protein)
