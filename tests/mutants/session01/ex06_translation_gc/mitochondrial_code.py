"""Mutant: the vertebrate mitochondrial code (NCBI table 2) copied instead of the standard one:
ATA is M, TGA is W, AGA and AGG are stops."""
from reference.session01.ex06_translation_gc import _codon_table, analyze_gc_content  # noqa: F401

CAUGHT_BY = {"translation", "stop_codon"}


def translate_to_protein(dna_sequence):
    table = dict(_codon_table(), ATA="M", TGA="W", AGA="*", AGG="*")
    sequence = dna_sequence.upper()
    protein = []
    for i in range(0, len(sequence) - 2, 3):
        amino_acid = table.get(sequence[i:i + 3], "X")
        if amino_acid == "*":
            break
        protein.append(amino_acid)
    return "".join(protein)
