"""Check that a change to the pipeline leaves every record as it was.

    python bench/compare_records.py dump OUT.jsonl [--docs 50] [--skip 0] [--no-quote-tagger]
    python bench/compare_records.py diff BEFORE.jsonl AFTER.jsonl

``dump`` runs the whole default pipeline (as ``bench_pipeline.py`` does: documents made
from the news articles' text, title and outlet) and writes one JSON line per record
(removed spans and the inferred publication date included), in the order the stages
produced them, with the pipeline's version first. Run it once on the code before a
change (``PYTHONPATH`` pointing at that checkout) and once after; ``diff`` prints the
first differences by document and kind and exits 1 when there are any. A speed-up
should change nothing but the seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from _data import NEWS, news_rows


def dump(args: argparse.Namespace) -> int:
    """Every record of the first ``--docs`` articles after ``--skip``, as JSON lines."""
    from newsweave.config import Options
    from newsweave.ingest.readers import make_document
    from newsweave.pipeline import Pipeline, batched

    options = Options(batch_size=args.batch_size, quote_tagger=not args.no_quote_tagger)
    pipeline = Pipeline.build(None, options)
    pipeline.warm_up()
    rows = news_rows(args.data, args.docs, args.skip)
    documents = [make_document(a["text"], a.get("url") or a["id"], {k: a.get(k) for k in ("title", "outlet")})
                 for a in rows]
    with args.out.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"pipeline": pipeline.version}) + "\n")
        for batch in batched(documents, options.batch_size):
            for article in pipeline.process_batch(batch):
                for record in article.all_records():
                    out.write(json.dumps({"kind": record.kind, **record.to_dict()}, sort_keys=True,
                                         ensure_ascii=False, default=repr) + "\n")
    print(f"{len(documents)} documents -> {args.out}")
    return 0


def diff(args: argparse.Namespace) -> int:
    """Compare two dumps line by line; print a summary and the first differences."""
    before = args.before.read_text(encoding="utf-8").splitlines()
    after = args.after.read_text(encoding="utf-8").splitlines()
    if before[0] != after[0]:
        print(f"pipeline versions differ:\n  {before[0]}\n  {after[0]}")
    b, a = before[1:], after[1:]
    counts = Counter(json.loads(line)["kind"] for line in b)
    if b == a:
        print(f"identical: {len(b)} records ({', '.join(f'{k} {n}' for k, n in sorted(counts.items()))})")
        return 0
    only_before, only_after = Counter(b) - Counter(a), Counter(a) - Counter(b)
    print(f"DIFFERENT: {len(b)} records before, {len(a)} after; {sum(only_before.values())} only before, "
          f"{sum(only_after.values())} only after" + ("; same records, another order" if not only_before
                                                     and not only_after else ""))
    for label, lines in (("before", only_before), ("after", only_after)):
        for line in list(lines)[: args.show]:
            print(f"  only {label}: {line[:400]}")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="run the pipeline and write its records")
    d.add_argument("out", type=Path)
    d.add_argument("--docs", type=int, default=50)
    d.add_argument("--skip", type=int, default=0, help="articles to skip at the start of the data")
    d.add_argument("--data", type=Path, default=NEWS)
    d.add_argument("--batch-size", type=int, default=32)
    d.add_argument("--no-quote-tagger", action="store_true")
    c = sub.add_parser("diff", help="compare two dumps")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=5, help="differences to print each way")
    args = parser.parse_args()
    return dump(args) if args.command == "dump" else diff(args)


if __name__ == "__main__":
    sys.exit(main())
