"""Mutant: every letter of a position is drawn IC[i] tall (the stack is 4 * IC), not p * IC."""
import logomaker
import pandas as pd
from matplotlib import pyplot as plt

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, information_content, probability_matrix)

CAUGHT_BY = {"logo_figure"}


def draw_logo(pwm):
    bits = information_content(pwm).double()
    heights = bits.expand(4, -1)
    fig, ax = plt.subplots(figsize=(6, 2.5))
    logomaker.Logo(pd.DataFrame(heights.T.numpy(), columns=list("ACGT")), ax=ax)
    ax.set_ylabel("Information (bits)")
    return fig
