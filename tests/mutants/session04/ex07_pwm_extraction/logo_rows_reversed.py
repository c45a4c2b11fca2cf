"""Mutant: the DataFrame's columns are named T, G, C, A over rows stored A, C, G, T, so every
letter is drawn with another base's height."""
import logomaker
import pandas as pd
from matplotlib import pyplot as plt

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, information_content, probability_matrix)

CAUGHT_BY = {"logo_figure"}


def draw_logo(pwm):
    heights = pwm.double() * information_content(pwm).double()
    fig, ax = plt.subplots(figsize=(6, 2.5))
    logomaker.Logo(pd.DataFrame(heights.T.numpy(), columns=list("TGCA")), ax=ax)
    ax.set_ylabel("Information (bits)")
    return fig
