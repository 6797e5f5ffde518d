"""The span tagger's network (torch): embeddings of the symbolic inputs, a BiLSTM, a linear layer.

Kept apart from :mod:`newsweave.extract.quote_spans` so that torch is imported only when the
tagger is loaded. The weights travel as plain arrays (:meth:`TaggerNet.to_arrays`,
:meth:`TaggerNet.from_arrays`), never pickled.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

# Sizes of the symbolic columns' embeddings: part of speech, dependency, quotation state, rule tag.
EMBEDDING_WIDTHS = (8, 16, 4, 8)


class TaggerNet(nn.Module):
    """Token features -> BiLSTM -> label logits."""

    def __init__(self, tensor_width: int, n_flags: int, vocab_sizes: tuple[int, ...], hidden: int, n_labels: int):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(v, w) for v, w in zip(vocab_sizes, EMBEDDING_WIDTHS))
        width = tensor_width + n_flags + sum(EMBEDDING_WIDTHS)
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_labels)
        self.shape = np.array([tensor_width, n_flags, *vocab_sizes, hidden, n_labels], dtype=np.int64)

    def forward(self, tensor: torch.Tensor, symbols: torch.Tensor, flags: torch.Tensor,
                lengths: torch.Tensor | None = None) -> torch.Tensor:
        parts = [tensor, flags] + [emb(symbols[..., k]) for k, emb in enumerate(self.embeddings)]
        x = torch.cat(parts, dim=-1)
        if lengths is not None:
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        else:
            h, _ = self.lstm(x)
        return self.out(h)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The weights as named float32 arrays (and the shape), for ``numpy.savez``."""
        out = {f"w.{k}": v.detach().cpu().numpy().astype(np.float32) for k, v in self.state_dict().items()}
        out["shape"] = self.shape
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TaggerNet:
        """A network with the weights :meth:`to_arrays` wrote."""
        tensor_width, n_flags, *rest = (int(v) for v in arrays["shape"])
        *vocab_sizes, hidden, n_labels = rest
        net = cls(tensor_width, n_flags, tuple(vocab_sizes), hidden, n_labels)
        state = {k[2:]: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in arrays.items() if k.startswith("w.")}
        net.load_state_dict(state)
        return net
