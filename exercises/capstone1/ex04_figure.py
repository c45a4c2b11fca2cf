"""Capstone 1, module 4: the attention figure.

Genomics context
----------------
An attention layer can say where a model looks. For a variant that breaks a TATA-box, a trustworthy
model puts its weight on the box, not on some unrelated stretch of the window. Drawing the weights
over the window's positions, with the variant marked, is how a model's reasoning is shown to a
colleague.

Task: ``plot_attention(weights, flank)``
---------------------------------------
``weights``: a float tensor ``[2 * flank + 1]`` (one variant's attention, as module 2's ``attention``
returns a row of). Return a ``matplotlib.figure.Figure`` (never ``plt.show()``) with one Axes holding:

- a line of the weights against the positions relative to the variant, ``-flank, ..., flank``
  (``ax.plot(range(-flank, flank + 1), weights, label="attention")``);
- a vertical line at position 0 marking the variant (``ax.axvline(0, label="variant")``);
- x label ``"position relative to the variant"``, y label ``"attention weight"``, and a legend with
  both labels.

What the graders check
----------------------
- ``figure_weights`` (3): for softmax weights of 41 positions (``flank=20``) and 10 generated cases
  (``flank`` 1-25): one Axes with a line whose y values are the weights and x values ``-flank .. flank``;
  ``plt.show()`` never called;
- ``figure_variant_marked`` (1): a vertical line at x = 0 (a line whose x values are all 0, as
  ``axvline`` draws), the two axis labels above, and a legend with ``"attention"`` and ``"variant"``.
"""
import torch  # noqa: F401
from matplotlib import pyplot as plt  # noqa: F401


def plot_attention(weights, flank):
    # TODO: the weights over -flank..flank, a vertical line at 0, axis labels, legend; return the figure
    raise NotImplementedError("plot_attention")
