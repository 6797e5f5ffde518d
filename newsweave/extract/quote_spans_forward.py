"""The span tagger's forward pass in numpy: the fitted BiLSTM without torch, for inference.

torch's LSTM on a CPU spends most of its time in per-step dispatch for batches this small
(a dozen windows of 48 tokens). Here everything that does not depend on the previous step
is done once, for all tokens of an article, before the recurrence:

* the embeddings of the symbolic inputs are folded into the input weights (a lookup table
  of each symbol's contribution to the gates), so a token's input projection is one
  matrix product of its parse vector and flags plus four table rows;
* both directions' projections come from that one product (their weights side by side);
* the backward direction reads each window reversed, so that both directions run forward
  over right-padded windows and padding never reaches a real token;
* the sigmoid gates' rows are halved once (``sigmoid(x) = (1 + tanh(x / 2)) / 2``), so a
  step takes one ``tanh`` over all four gates.

Only ``h @ W_hh`` and a handful of element-wise operations stay in the per-step loop, for
both directions at once. The output equals torch's to float32 rounding (tested).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The parse vector and flags come first in the network's input, then the embeddings in column order.
_EMBEDDING_KEYS = tuple(f"w.embeddings.{k}.weight" for k in range(4))


class BiLSTMTagger:
    """Label logits of token windows from the arrays :meth:`TaggerNet.to_arrays` wrote (LSTM form)."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        shape = [int(v) for v in arrays["shape"]] + [0, 0]
        tensor_width, n_flags, hidden, arch = shape[0], shape[1], shape[6], shape[8]
        if arch != 0:
            raise ValueError("the numpy forward pass reads the LSTM form of the tagger only")
        self.hidden = hidden
        halve = np.ones(4 * hidden, dtype=np.float32)
        halve[: 2 * hidden] = 0.5  # input and forget gates (torch's order: i, f, g, o)
        halve[3 * hidden :] = 0.5  # output gate
        w_ih, w_hh, bias = [], [], []
        for suffix in ("", "_reverse"):
            w_ih.append(arrays[f"w.lstm.weight_ih_l0{suffix}"] * halve[:, None])
            w_hh.append((arrays[f"w.lstm.weight_hh_l0{suffix}"] * halve[:, None]).T)
            bias.append((arrays[f"w.lstm.bias_ih_l0{suffix}"] + arrays[f"w.lstm.bias_hh_l0{suffix}"]) * halve)
        w_in = np.concatenate(w_ih, axis=0).T  # (LSTM input width, 8 * hidden): both directions side by side
        b_in = np.concatenate(bias)
        if "w.input_projection.weight" in arrays:
            # The first layer reads the token features; the gates read its (narrow) output.
            first, b_first = arrays["w.input_projection.weight"].T, arrays["w.input_projection.bias"]
            self.w_gates: np.ndarray | None = np.ascontiguousarray(w_in, dtype=np.float32)
            self.b_gates = b_in.astype(np.float32)
        else:
            first, b_first = w_in, b_in
            self.w_gates, self.b_gates = None, None
        self.w_dense = np.ascontiguousarray(first[: tensor_width + n_flags], dtype=np.float32)
        self.bias = np.asarray(b_first, dtype=np.float32)
        self.tables = []
        col = tensor_width + n_flags
        for key in _EMBEDDING_KEYS:
            emb = arrays[key]
            self.tables.append(np.ascontiguousarray(emb @ first[col : col + emb.shape[1]], dtype=np.float32))
            col += emb.shape[1]
        self.w_hh = np.ascontiguousarray(np.stack(w_hh), dtype=np.float32)  # (2, hidden, 4 * hidden)
        self.w_out = np.ascontiguousarray(arrays["w.out.weight"].T, dtype=np.float32)  # (2 * hidden, labels)
        self.b_out = arrays["w.out.bias"].astype(np.float32)

    def gate_inputs(self, tensor: np.ndarray, flags: np.ndarray, symbols: np.ndarray) -> np.ndarray:
        """(n, 8 * hidden): each token's input contribution to both directions' gates, bias included."""
        out = np.concatenate([tensor, flags], axis=1) @ self.w_dense
        out += self.bias
        for k, table in enumerate(self.tables):
            out += table[symbols[:, k]]
        if self.w_gates is not None:
            out = out @ self.w_gates
            out += self.b_gates
        return out

    def logits(self, tensor: np.ndarray, flags: np.ndarray, symbols: np.ndarray,
               spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """(n, labels) logits for the tokens of ``spans`` (non-overlapping token windows in
        document order); other rows are zero. ``tensor``, ``flags`` and ``symbols`` hold one
        row per token of the document."""
        n, hidden = len(tensor), self.hidden
        out = np.zeros((n, len(self.b_out)), dtype=np.float32)
        if not spans:
            return out
        lo = np.array([s[0] for s in spans], dtype=np.int64)
        length = np.array([s[1] - s[0] for s in spans], dtype=np.int64)
        steps, batch = int(length.max()), len(spans)
        t = np.arange(steps)
        valid = t[None, :] < length[:, None]  # (batch, steps)
        forward = np.where(valid, lo[:, None] + t, n)  # n: padding
        backward = np.where(valid, lo[:, None] + length[:, None] - 1 - t, n)
        rows = forward[valid]  # the windows' tokens in document order
        m = len(rows)
        compact = np.full(n + 1, m, dtype=np.int64)  # token -> its place among ``rows``; padding -> m (zeros)
        compact[rows] = np.arange(m)
        gates = np.zeros((m + 1, 8 * hidden), dtype=np.float32)
        gates[:m] = self.gate_inputs(tensor[rows], flags[rows], symbols[rows])
        # (steps, 2, batch, 4 * hidden): step t of every window, forward and reversed.
        seq = np.stack([gates[compact[forward.T], : 4 * hidden], gates[compact[backward.T], 4 * hidden :]], axis=1)
        states = np.empty((steps, 2, batch, hidden), dtype=np.float32)
        h = np.zeros((2, batch, hidden), dtype=np.float32)
        c = np.zeros((2, batch, hidden), dtype=np.float32)
        z = np.empty((2, batch, 4 * hidden), dtype=np.float32)
        sig = np.empty_like(z)
        w_hh = self.w_hh
        i, f, g, o = (slice(k * hidden, (k + 1) * hidden) for k in range(4))
        for step in range(steps):  # in place: a step is a dozen small operations, their allocations count
            np.matmul(h, w_hh, out=z)
            z += seq[step]
            np.tanh(z, out=z)
            np.multiply(z, 0.5, out=sig)
            sig += 0.5
            c *= sig[..., f]
            c += sig[..., i] * z[..., g]
            h = states[step]
            np.tanh(c, out=h)
            h *= sig[..., o]
        # Back to token rows: forward states are in ``rows`` order already; backward ones un-reversed.
        both = np.empty((m, 2 * hidden), dtype=np.float32)
        both[:, :hidden] = states[:, 0].transpose(1, 0, 2)[valid]
        both[compact[backward[valid]], hidden:] = states[:, 1].transpose(1, 0, 2)[valid]
        out[rows] = both @ self.w_out + self.b_out
        return out
