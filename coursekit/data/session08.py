"""Data for session 8 (variational autoencoders): real single cells, read offline.

``pbmc68k_reduced()`` reads the 700 peripheral blood mononuclear cells that ship inside
the ``scanpy`` package (``datasets/10x_pbmc68k_reduced.h5ad``: a subsample of 10x
Genomics' 68k PBMC data set, 765 highly variable genes, scaled and log-normalised, so
its values are real numbers, negative ones included, not counts), with each cell's type
from ``obs["bulk_labels"]`` (10 types). The file is read with ``anndata`` (installed with
scanpy) once per process; every call returns fresh copies. Nothing downloads.
"""
from __future__ import annotations

import functools
import warnings

import torch

from coursekit.data.packaged import package_file

PBMC_FILE = "datasets/10x_pbmc68k_reduced.h5ad"


@functools.lru_cache(maxsize=1)
def _pbmc():
    path = package_file("scanpy", PBMC_FILE, "The pbmc68k_reduced cells")
    try:
        import anndata
    except ModuleNotFoundError:
        raise ModuleNotFoundError("reading the pbmc68k_reduced cells needs the Python package 'anndata' "
                                  "(installed with scanpy): pip install -r requirements.txt") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the file's older layout: anndata moves two matrices, saying so
        cells = anndata.read_h5ad(path)
    types = cells.obs["bulk_labels"]
    names = tuple(str(c) for c in types.cat.categories)
    x = torch.tensor(cells.X, dtype=torch.float32)
    labels = torch.tensor(types.cat.codes.to_numpy(), dtype=torch.int64)
    genes = tuple(str(g) for g in cells.var_names)
    return x, labels, names, genes


def pbmc68k_reduced():
    """``(x, labels, cell_types, genes)``: float32 ``[700, 765]`` scaled expression (cells x
    genes), int64 ``[700]`` cell-type codes indexing ``cell_types`` (10 names, in the
    file's category order), and the 765 gene names; in the file's cell order."""
    x, labels, names, genes = _pbmc()
    return x.clone(), labels.clone(), names, genes


def warm_cache() -> None:
    """Read the cells now (about 3 s, most of it importing anndata): a grading worker calls
    this once, before it forks the processes that grade notebooks."""
    _pbmc()
