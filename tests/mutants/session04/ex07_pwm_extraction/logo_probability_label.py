"""Mutant: the right information logo, but the y axis is labelled "probability" (its unit is bits)."""
import logomaker
import pandas as pd
from matplotlib import pyplot as plt

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, information_content, probability_matrix)

CAUGHT_BY = {"logo_figure"}


def draw_logo(pwm):
    heights = pwm.double() * information_content(pwm).double()
    fig, ax = plt.subplots(figsize=(6, 2.5))
    logomaker.Logo(pd.DataFrame(heights.T.numpy(), columns=list("ACGT")), ax=ax)
    ax.set_ylabel("probability")
    return fig
