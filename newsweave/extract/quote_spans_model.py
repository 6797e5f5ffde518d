"""The span tagger's network (torch): embeddings of the symbolic inputs, a BiLSTM, a linear layer.

Kept apart from :mod:`newsweave.extract.quote_spans` so that torch is imported only to fit
the tagger: inference runs the same network in numpy (:mod:`newsweave.extract.quote_spans_forward`). The weights travel as plain arrays (:meth:`TaggerNet.to_arrays`,
:meth:`TaggerNet.from_arrays`), never pickled.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

# Sizes of the symbolic columns' embeddings: part of speech, dependency, quotation state, rule tag.
EMBEDDING_WIDTHS = (8, 16, 4, 8)


ARCHITECTURES = ("lstm", "cnn")
# Dilations of the convolutional blocks: each token sees 31 tokens (15 each side) after four.
DILATIONS = (1, 2, 4, 8)


class TaggerNet(nn.Module):
    """Token features -> a BiLSTM, or residual dilated convolutions -> label logits.

    The convolutional form reads a window in a handful of matrix products instead of one
    step per token, many times faster on a CPU; the recurrent one sees the whole window.
    """

    def __init__(self, tensor_width: int, n_flags: int, vocab_sizes: tuple[int, ...], hidden: int, n_labels: int,
                 arch: str = "lstm", dropout: float = 0.0, project: int = 0):
        super().__init__()
        self.arch = arch
        self.embeddings = nn.ModuleList(nn.Embedding(v, w) for v, w in zip(vocab_sizes, EMBEDDING_WIDTHS))
        width = tensor_width + n_flags + sum(EMBEDDING_WIDTHS)
        self.dropout = nn.Dropout(dropout)
        # A linear bottleneck before the LSTM (0: none): the input weights as a low-rank product,
        # several times fewer multiplications per token than the LSTM's own (4 * hidden wide) projection.
        self.input_projection = nn.Linear(width, project) if project and arch == "lstm" else None
        if self.input_projection is not None:
            width = project
        if arch == "lstm":
            self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, n_labels)
        else:
            self.project = nn.Linear(width, 2 * hidden)
            self.convs = nn.ModuleList(
                nn.Conv1d(2 * hidden, 2 * hidden, 3, dilation=d, padding=d) for d in DILATIONS
            )
            self.out = nn.Linear(2 * hidden, n_labels)
        self.shape = np.array([tensor_width, n_flags, *vocab_sizes, hidden, n_labels, ARCHITECTURES.index(arch),
                               project if self.input_projection is not None else 0], dtype=np.int64)

    def forward(self, tensor: torch.Tensor, symbols: torch.Tensor, flags: torch.Tensor,
                lengths: torch.Tensor | None = None) -> torch.Tensor:
        parts = [tensor, flags] + [emb(symbols[..., k]) for k, emb in enumerate(self.embeddings)]
        x = self.dropout(torch.cat(parts, dim=-1))
        if self.arch == "cnn":
            mask = None
            if lengths is not None:
                mask = (torch.arange(x.shape[1])[None, :] < lengths[:, None]).to(x.dtype)[:, None, :]
            h = torch.relu(self.project(x)).transpose(1, 2)  # (batch, channels, tokens)
            for conv in self.convs:
                if mask is not None:
                    h = h * mask  # padding stays zero, so a short window reads no neighbours' padding
                h = h + torch.relu(conv(self.dropout(h)))
            return self.out(h.transpose(1, 2))
        if self.input_projection is not None:
            x = self.input_projection(x)
        if lengths is not None:
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        else:
            h, _ = self.lstm(x)
        return self.out(self.dropout(h))

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The weights as named float32 arrays (and the shape), for ``numpy.savez``."""
        out = {f"w.{k}": v.detach().cpu().numpy().astype(np.float32) for k, v in self.state_dict().items()}
        out["shape"] = self.shape
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TaggerNet:
        """A network with the weights :meth:`to_arrays` wrote."""
        shape = [int(v) for v in arrays["shape"]]
        shape += [0] * (10 - len(shape))  # older fits: no architecture (LSTM), no input projection
        tensor_width, n_flags, *vocab_sizes, hidden, n_labels, arch, project = shape
        net = cls(tensor_width, n_flags, tuple(vocab_sizes), hidden, n_labels, ARCHITECTURES[arch], project=project)
        state = {k[2:]: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in arrays.items() if k.startswith("w.")}
        net.load_state_dict(state)
        return net
