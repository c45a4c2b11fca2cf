"""Mutant: codons looked up as written, so lower-case codons become X (and 'taa' is no stop)."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"translation_rules"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    protein = []
    for i in range(0, len(dna_sequence) - 2, 3):
        amino_acid = table.get(dna_sequence[i:i + 3], "X")
        if amino_acid == "*":
            break
        protein.append(amino_acid)
    return "".join(protein)
