"""Fit the span tagger of :mod:`newsweave.extract.quote_spans` on PolNeAR train.

Each training article becomes one sequence: its tokens' inputs
(:meth:`~newsweave.extract.quote_spans.Vocabulary.encode`, with the rules' own attributions
as a feature) and the gold BIO labels (SOURCE, CUE, CONTENT spans of its attributions). A
one-layer BiLSTM is fitted with Adam on the token cross-entropy, seeded and deterministic
on one CPU thread, and written to ``newsweave/extract/quote_spans.npz`` (plain arrays,
no pickle).

Run ``python -m newsweave.evaluate.quote_spans --data ../shared/data [--docbin PATH]``
(train split only; dev and test are never read). Refit after the rules or the filter
change, since their output is an input. With the parses saved (``--docbin``, the same
file the cue tagger and filter fits use), encoding takes about 45 s and 8 epochs about
5 minutes on one shared CPU core. On PolNeAR dev, 8 epochs did better than 14 (which
overfit: content F1 0.742 against 0.752), hidden 64 better than 32 (0.748), and the
BiLSTM better than the convolutional form (0.739).

The shipped weights are a smaller network distilled from that hidden-64 fit, about half
its cost at inference for the same dev figures (content F1 0.752 at the merge's reshape
threshold 0.7; trained from gold labels alone, the same network reached 0.749):

    python -m newsweave.evaluate.quote_spans --data D --docbin B --out /tmp/teacher.npz
    python -m newsweave.evaluate.quote_spans --data D --docbin B --hidden 48 --project 32 --teacher /tmp/teacher.npz

(about 8 minutes each; 144 kB of weights). Also measured on dev, not kept: hidden 48 with
a 48-wide bottleneck and 10 epochs from gold labels (0.744); the hidden-64 fit's input
weights cut to rank 64 by SVD after fitting (0.753, but only a quarter off the input
products); to rank 48 (0.748).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from newsweave.evaluate.brat import Attribution as Gold
from newsweave.extract.quote_spans import B_OF, LABELS, WEIGHTS, Encoded, Vocabulary, char_ranges_to_tags


def gold_tags(starts: np.ndarray, gold: Iterable[Gold]) -> np.ndarray:
    """The gold attributions as a BIO label index per token (content written last)."""
    tags = np.zeros(len(starts), dtype=np.int64)
    gold = list(gold)
    for role, part in (("SOURCE", "source"), ("CUE", "cue"), ("CONTENT", "content")):
        for g in gold:
            bound = getattr(g, part)
            if bound is not None:
                char_ranges_to_tags(starts, bound.ranges, tags, B_OF[role])
    return tags


def training_vocabulary(nlp) -> Vocabulary:
    """Parts of speech and the parser's dependency labels, in a fixed order."""
    from spacy.parts_of_speech import NAMES

    pos = sorted(NAMES[k] for k in NAMES if NAMES[k])
    deps = sorted(nlp.get_pipe("parser").labels)
    return Vocabulary(pos, deps)


def encode_documents(items: Iterable[tuple[str, list[Gold], object]], vocab: Vocabulary
                     ) -> list[tuple[Encoded, np.ndarray]]:
    """(inputs, gold labels) of each (text, gold, parse) triple, with the rules run on each parse."""
    from newsweave.extract.quote_marks import find_quote_spans
    from newsweave.extract.quotes import QuoteIndex, rule_attributions, rule_spans

    out = []
    for text, gold, doc in items:
        quotes = QuoteIndex(find_quote_spans(text))
        rules = rule_spans(rule_attributions(doc, text, quotes))
        enc = vocab.encode(doc, quotes.spans, rules)
        out.append((enc, gold_tags(enc.starts, gold)))
    return out


def fit(examples: list[tuple[Encoded, np.ndarray]], vocab: Vocabulary, *, hidden: int = 64, epochs: int = 8,
        batch_size: int = 64, lr: float = 3e-3, seed: int = 0, arch: str = "lstm", dropout: float = 0.0,
        project: int = 0, teacher: Path | None = None, distill: float = 1.0):
    """A fitted :class:`~newsweave.extract.quote_spans_model.TaggerNet` (deterministic for a seed).

    The articles are cut into the windows the tagger reads at inference
    (:func:`~newsweave.extract.quote_spans.windows`), padded into one array set, and
    shuffled into batches of ``batch_size`` windows each epoch. Torch's thread count and
    determinism setting are restored afterwards.
    """
    import torch

    threads, deterministic = torch.get_num_threads(), torch.are_deterministic_algorithms_enabled()
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    try:
        return _fit(examples, vocab, hidden=hidden, epochs=epochs, batch_size=batch_size, lr=lr, seed=seed,
                    arch=arch, dropout=dropout, project=project, teacher=teacher, distill=distill)
    finally:
        torch.set_num_threads(threads)
        torch.use_deterministic_algorithms(deterministic)


def _fit(examples, vocab: Vocabulary, *, hidden: int, epochs: int, batch_size: int, lr: float, seed: int,
         arch: str, dropout: float, project: int, teacher: Path | None, distill: float):
    import torch
    from torch import nn

    from newsweave.extract.quote_spans_model import TaggerNet

    tensor, symbols, flags, labels, lengths = _windowed(examples)
    vocab_sizes = (len(vocab.pos_names) + 1, len(vocab.dep_names) + 1, 3, len(LABELS))
    net = TaggerNet(tensor.shape[2], flags.shape[2], vocab_sizes, hidden, len(LABELS), arch, dropout, project)
    optimiser = torch.optim.Adam(net.parameters(), lr=lr)
    loss_of = nn.CrossEntropyLoss(ignore_index=-100)
    soft = _teacher_probabilities(teacher, tensor, symbols, flags, lengths) if teacher is not None else None
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        net.train()
        total, t0 = 0.0, time.perf_counter()
        order = rng.permutation(len(lengths))
        batches = [order[k : k + batch_size] for k in range(0, len(order), batch_size)]
        for rows in batches:
            rows = torch.from_numpy(rows)
            optimiser.zero_grad()
            logits = net(tensor[rows], symbols[rows], flags[rows], lengths[rows])
            loss = loss_of(logits.reshape(-1, logits.shape[-1]), labels[rows].reshape(-1))
            if soft is not None:
                valid = labels[rows] != -100
                log_p = torch.log_softmax(logits[valid], dim=-1)
                target = soft[rows][valid]
                loss = loss + distill * (target * (torch.log(target.clamp_min(1e-8)) - log_p)).sum(-1).mean()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch + 1}: loss {total / len(batches):.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    net.eval()
    return net


def _teacher_probabilities(path: Path, tensor, symbols, flags, lengths, batch: int = 512):
    """The label distributions a fitted tagger (``path``) gives every window's tokens."""
    import torch

    from newsweave.extract.quote_spans_model import TaggerNet

    with np.load(path, allow_pickle=False) as data:
        net = TaggerNet.from_arrays({k: data[k] for k in data.files}).eval()
    with torch.inference_mode():
        parts = [torch.softmax(net(tensor[k : k + batch], symbols[k : k + batch], flags[k : k + batch],
                                   lengths[k : k + batch]), dim=-1) for k in range(0, len(lengths), batch)]
    return torch.cat(parts)


def _windowed(examples: list[tuple[Encoded, np.ndarray]]):
    """Every window of every article, padded to one width: torch tensors and lengths."""
    import torch

    from newsweave.extract.quote_spans import batch_windows, windows

    parts = []
    for enc, gold in examples:
        spans = windows(enc)
        tensor, symbols, flags, lengths = batch_windows(enc, spans)
        labels = np.full(tensor.shape[:2], -100, dtype=np.int64)
        for k, (lo, hi) in enumerate(spans):
            labels[k, : hi - lo] = gold[lo:hi]
        parts.append((tensor, symbols, flags, labels, lengths))
    width = max(p[0].shape[1] for p in parts)

    def stack(k: int, fill) -> np.ndarray:
        arrays = [p[k] for p in parts]
        pad = [((0, 0), (0, width - a.shape[1])) + ((0, 0),) * (a.ndim - 2) for a in arrays]
        return np.concatenate([np.pad(a, w, constant_values=fill) for a, w in zip(arrays, pad)])

    lengths = np.concatenate([p[4] for p in parts])
    return (torch.from_numpy(stack(0, 0)), torch.from_numpy(stack(1, 0)), torch.from_numpy(stack(2, 0)),
            torch.from_numpy(stack(3, -100)), torch.from_numpy(lengths))


def save(net, vocab: Vocabulary, path: Path = WEIGHTS) -> None:
    """Write the weights and the vocabulary as plain arrays (``numpy.savez``, no objects)."""
    arrays = net.to_arrays()
    arrays["pos_names"] = np.array(vocab.pos_names)
    arrays["dep_names"] = np.array(vocab.dep_names)
    np.savez_compressed(path, **arrays)


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.quotes import fitting_arguments, train_parses
    from newsweave.nlp import load_spacy

    parser = fitting_arguments(__doc__.split("\n")[0], min_count=0)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--arch", choices=("lstm", "cnn"), default="lstm")
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--project", type=int, default=0, help="width of a linear bottleneck before the LSTM (0: none)")
    parser.add_argument("--teacher", type=Path, default=None, help="weights of a fitted tagger to distil from")
    parser.add_argument("--distill", type=float, default=1.0, help="weight of the divergence from the teacher")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    n_docs, parsed = train_parses(args.data, args.limit, args.docbin)
    vocab = training_vocabulary(load_spacy())
    examples = encode_documents(parsed, vocab)
    t1 = time.perf_counter()
    print(f"{n_docs} documents, {sum(len(e.starts) for e, _ in examples)} tokens encoded in {t1 - t0:.0f} s", flush=True)
    net = fit(examples, vocab, hidden=args.hidden, epochs=args.epochs, seed=args.seed, arch=args.arch,
              dropout=args.dropout, project=args.project, teacher=args.teacher, distill=args.distill)
    save(net, vocab, args.out)
    print(f"fitted in {time.perf_counter() - t1:.0f} s; {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
