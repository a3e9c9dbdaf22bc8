"""The entity network's force layout."""

from __future__ import annotations

import numpy as np

from chronicle.report.layout import force_layout


def test_linked_nodes_end_up_closer_than_unlinked_ones() -> None:
    # Two triangles joined by nothing, plus a lone node.
    edges = [(0, 1, 3.0), (1, 2, 3.0), (0, 2, 3.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]
    pos = force_layout(7, edges)
    assert pos.shape == (7, 2) and np.abs(pos).max() <= 1.0 + 1e-9

    def distance(a: int, b: int) -> float:
        return float(np.linalg.norm(pos[a] - pos[b]))

    within = max(distance(a, b) for a, b, _ in edges)
    across = min(distance(a, b) for a in (0, 1, 2) for b in (3, 4, 5, 6))
    assert within < across


def test_the_same_graph_gets_the_same_picture() -> None:
    edges = [(0, 1, 1.0), (1, 2, 2.0)]
    assert np.array_equal(force_layout(4, edges), force_layout(4, edges))


def test_tiny_graphs() -> None:
    assert force_layout(0, []).shape == (0, 2)
    assert force_layout(1, []).tolist() == [[0.0, 0.0]]
