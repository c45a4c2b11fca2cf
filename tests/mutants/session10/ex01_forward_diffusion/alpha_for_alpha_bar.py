"""Mutant: linear_alpha_bar returns the alphas, 1 - betas, where their running product belongs
(alpha_t where alpha_bar_t is meant): one step's signal kept instead of all steps' so far."""
import torch

from reference.session10.ex01_forward_diffusion import forward_diffusion  # noqa: F401

CAUGHT_BY = {"linear_alpha_bar"}


def linear_alpha_bar(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    betas = torch.linspace(beta_start, beta_end, num_timesteps, dtype=torch.float64)
    return 1 - betas
