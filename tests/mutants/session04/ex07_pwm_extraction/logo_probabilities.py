"""Mutant: the logo draws the probabilities themselves (every stack 1 tall), not p * IC in bits."""
import logomaker
import pandas as pd
from matplotlib import pyplot as plt

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, information_content, probability_matrix)

CAUGHT_BY = {"logo_figure"}


def draw_logo(pwm):
    fig, ax = plt.subplots(figsize=(6, 2.5))
    logomaker.Logo(pd.DataFrame(pwm.double().T.numpy(), columns=list("ACGT")), ax=ax)
    ax.set_ylabel("bits")
    return fig
