"""Graders: capstone 2, module 4 (pseudotime: shortest paths from the root on a symmetric k-nearest-
neighbour graph, scaled to [0, 1]), with the outcome on the VAE trained by the student's pipeline."""
import numpy as np
import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.checks import cells as cc
from coursekit.data import capstone2  # noqa: F401  (its warm_cache runs before a sealed grading process)

OUTCOME_SEED = 0  # the public outcome's seed (the hidden twin has its own)
HINT = ("knn_graph(z, k): sklearn.neighbors.kneighbors_graph(z, k, mode='distance'), then graph.maximum(graph.T); "
        "pseudotime(z, root, k=15): scipy.sparse.csgraph.dijkstra(graph, directed=False, indices=root), divided "
        "by the largest finite distance, 1.0 where the root cannot reach, float32 [N]")
CASES = st.tuples(st.integers(20, 70), st.integers(2, 5), st.sampled_from([4, 8, 15]), st.integers(0, 2**31 - 1))


def _trusted(z, root, k):
    from scipy.sparse.csgraph import dijkstra
    from sklearn.neighbors import kneighbors_graph

    graph = kneighbors_graph(z.numpy(), k, mode="distance")
    graph = graph.maximum(graph.T)
    distances = dijkstra(graph, directed=False, indices=root)
    on_path = np.isfinite(distances)
    farthest = distances[on_path].max()
    return graph, torch.as_tensor(np.where(on_path, distances / (farthest if farthest > 0 else 1.0), 1.0))


def _path(n, d, seed):
    """Cells along a noisy curve: a trajectory in latent space."""
    g = torch.Generator().manual_seed(seed)
    t = torch.rand(n, generator=g)
    curve = torch.stack([torch.cos(3 * t), torch.sin(3 * t)] + [t * (i + 1) for i in range(d - 2)], dim=1)
    return (curve + 0.05 * torch.randn(n, d, generator=g)).float()


def _pseudotime(sol, z, root, what, **k):
    found = ck.call(sol.pseudotime, z.clone(), root, what=what, hint=HINT, **k)
    ck.expect_tensor(found, what, (z.shape[0],), torch.float32, hint=HINT)
    return found


def test_pseudotime_matches(sol):
    def case(c):
        n, d, k, seed = c
        z = _path(n, d, seed)
        root = seed % n
        graph, trusted = _trusted(z, root, k)
        what = f"knn_graph(z [{n}, {d}], k={k})"
        found = ck.call(sol.knn_graph, z.clone(), k, what=what, hint=HINT)
        dense = found.toarray() if hasattr(found, "toarray") else np.asarray(found)
        ck.expect_close(torch.as_tensor(dense, dtype=torch.float64), torch.as_tensor(graph.toarray()),
                        f"{what}: the symmetric graph of distances to each cell's {k} nearest neighbours", HINT,
                        rtol=1e-5, atol=1e-6)
        what = f"pseudotime(z [{n}, {d}], root={root}, k={k})"
        ck.expect_close(_pseudotime(sol, z, root, what, k=k), trusted, f"{what}: graph distances from the root "
                        "over the largest", HINT, rtol=1e-5, atol=1e-6)

    case((40, 3, 15, 1))
    what = "pseudotime(z [40, 3], root=5) with k left at its default"
    ck.expect_close(_pseudotime(sol, _path(40, 3, 2), 5, what), _trusted(_path(40, 3, 2), 5, 15)[1],
                    f"{what} (k=15)", HINT, rtol=1e-5, atol=1e-6)
    ck.for_all(CASES, case, max_examples=15)


def test_pseudotime_root(sol):
    z = _path(50, 3, 3)
    for root in (0, 17, 49):
        what = f"pseudotime(z [50, 3], root={root})"
        found = _pseudotime(sol, z, root, what)
        ck.expect(float(found[root]) == 0.0 and float(found.min()) >= 0.0 and abs(float(found.max()) - 1.0) < 1e-6,
                  f"{what}: 0 at the root, values in [0, 1], the farthest cell at 1", f"root {float(found[root]):.4g}, "
                  f"range [{float(found.min()):.4g}, {float(found.max()):.4g}]", HINT)
    apart = torch.cat([_path(30, 3, 4), _path(20, 3, 5) + 100.0])  # two groups the graph cannot join (k=5)
    what = "pseudotime(two far-apart groups of 30 and 20 cells, root=3, k=5)"
    found = _pseudotime(sol, apart, 3, what, k=5)
    ck.expect(bool((found[30:] == 1.0).all()) and float(found[3]) == 0.0 and float(found[:30].max()) == 1.0,
              f"{what}: 1.0 for every cell the root cannot reach, 0 at the root, 1 at the farthest it reaches",
              f"the unreachable at {sorted(set(found[30:].tolist()))[:3]}", HINT)


def test_pseudotime_tracks_time(sol):
    cc.expect_pseudotime_tracks_time(sol, OUTCOME_SEED)
