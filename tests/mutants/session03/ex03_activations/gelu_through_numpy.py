"""Mutant: Phi computed in numpy (math.erf) and wrapped back: right values, no gradient."""
import math

import numpy as np
import torch

from reference.session03.ex03_activations import MLPWithActivation, Mish, Swish  # noqa: F401

CAUGHT_BY = {"gelu"}

_erf = np.vectorize(math.erf)


def gelu(x):
    phi = 0.5 * (1 + _erf(x.detach().cpu().numpy() / math.sqrt(2)))
    return x.detach() * torch.as_tensor(phi, dtype=x.dtype)
