"""Mutant: range(0, len, 3) reads the one or two leftover bases as a last codon, which gives X."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"translation_rules"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    sequence = dna_sequence.upper()
    protein = []
    for i in range(0, len(sequence), 3):
        amino_acid = table.get(sequence[i:i + 3], "X")
        if amino_acid == "*":
            break
        protein.append(amino_acid)
    return "".join(protein)
