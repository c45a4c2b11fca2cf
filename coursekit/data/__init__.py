"""Seeded data generators: the same seed gives the same tensors on every machine."""
