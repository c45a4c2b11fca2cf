"""Mutant: the logo's positions are numbered 1 .. L (DataFrame index) instead of the default 0 .. L-1."""
import logomaker
import pandas as pd
from matplotlib import pyplot as plt

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, information_content, probability_matrix)

CAUGHT_BY = {"logo_figure"}


def draw_logo(pwm):
    heights = pwm.double() * information_content(pwm).double()
    table = pd.DataFrame(heights.T.numpy(), columns=list("ACGT"), index=range(1, pwm.shape[1] + 1))
    fig, ax = plt.subplots(figsize=(6, 2.5))
    logomaker.Logo(table, ax=ax)
    ax.set_ylabel("Information (bits)")
    return fig
