"""Node positions for the entity network: a small, deterministic force-directed layout.

Fruchterman-Reingold on at most a few dozen nodes (the report's top-N), in numpy:
linked nodes attract in proportion to their edge weight, all nodes repel, and the step
size cools down. A fixed seed gives the same picture for the same snapshot.
"""

from __future__ import annotations

import numpy as np


def force_layout(
    nodes: int,
    edges: list[tuple[int, int, float]],
    iterations: int = 300,
    seed: int = 7,
) -> np.ndarray:
    """(nodes, 2) positions in [-1, 1] for edges given as (source, target, weight)."""
    if nodes == 0:
        return np.zeros((0, 2))
    if nodes == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    # Start on a circle (jittered): isolated nodes stay spread instead of collapsing.
    angles = np.linspace(0, 2 * np.pi, nodes, endpoint=False)
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) + rng.normal(0, 0.05, (nodes, 2))
    weights = np.zeros((nodes, nodes))
    for a, b, w in edges:
        weights[a, b] = weights[b, a] = w
    if weights.max() > 0:
        weights = weights / weights.max()
    k = 2.0 / np.sqrt(nodes)  # ideal distance between nodes
    step = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        repulsion = (k * k / distance**2)[..., None] * delta
        attraction = -(weights * distance / k)[..., None] * delta
        # A pull to the centre, growing with distance, keeps unlinked nodes on the canvas.
        force = (repulsion + attraction).sum(axis=1) - 0.3 * pos * np.linalg.norm(
            pos, axis=1, keepdims=True
        )
        length = np.maximum(np.linalg.norm(force, axis=-1, keepdims=True), 1e-9)
        pos += force / length * np.minimum(length, step)
        step = max(step * 0.985, 0.002)
    pos -= pos.mean(axis=0)
    return pos / max(np.abs(pos).max(), 1e-9)
