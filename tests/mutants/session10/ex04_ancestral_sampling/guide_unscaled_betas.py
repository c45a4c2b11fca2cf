"""Mutant: the default schedule from 1e-4 to 0.02 whatever T (the DDPM's values for T = 1000, not
rescaled by 1000 / T): a chain of 100 steps then ends at alpha_bar[99] = 0.36, far from pure noise."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"process_schedule", "chain_ends_at_c", "seeded_sampling"}


class DiffusionProcess(_Reference):
    def __init__(self, num_timesteps=1000, betas=None):
        if betas is None:
            betas = torch.linspace(1e-4, 0.02, num_timesteps, dtype=torch.float64)
        super().__init__(num_timesteps, betas)
