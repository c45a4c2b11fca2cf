"""Mutant: a codon with N (or another letter) is skipped instead of giving X."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"translation_rules"}


def translate_to_protein(dna_sequence):
    table = _codon_table()
    sequence = dna_sequence.upper()
    protein = []
    for i in range(0, len(sequence) - 2, 3):
        codon = sequence[i:i + 3]
        if codon not in table:
            continue
        if table[codon] == "*":
            break
        protein.append(table[codon])
    return "".join(protein)
