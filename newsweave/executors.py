"""Executors run the pipeline over batches: in this process, in local worker processes, or on Ray.

Every executor has the same signature, ``map_batches(pipeline, batches)``, and
yields processed batches in input order. Extractors never know which one runs them.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from newsweave.errors import UsageError
from newsweave.model import Document

if TYPE_CHECKING:
    from newsweave.config import Options
    from newsweave.pipeline import Article, Pipeline


class Executor(Protocol):
    def map_batches(self, pipeline: "Pipeline", batches: Iterable[list[Document]]) -> Iterator[list["Article"]]: ...


class InProcess:
    """Run batches one after another in this process (the models load once, here)."""

    def map_batches(self, pipeline, batches):
        pipeline.warm_up()
        for batch in batches:
            yield pipeline.process_batch(batch)


_WORKER_PIPELINE: list = []  # one per worker process, set by _init_worker


def _init_worker(pipeline: "Pipeline") -> None:
    pipeline.warm_up()
    _WORKER_PIPELINE.append(pipeline)


def _run_batch(batch: list[Document]) -> list["Article"]:
    return _WORKER_PIPELINE[0].process_batch(batch)


class LocalProcesses:
    """Run batches in ``workers`` local processes; each loads the models once."""

    def __init__(self, workers: int):
        self.workers = workers

    def map_batches(self, pipeline, batches):
        ctx = mp.get_context("spawn")
        with ctx.Pool(self.workers, initializer=_init_worker, initargs=(pipeline,)) as pool:
            # Batches are drawn here, in the caller's thread (the input may read the store), and
            # at most two per worker are in flight: the corpus is never held in memory.
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.apply_async(_run_batch, (batch,)))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()


class RayExecutor:
    """Run batches as Ray tasks on a cluster (``pip install ray``; ``ray start`` beforehand)."""

    def __init__(self, workers: int):
        self.workers = workers

    def map_batches(self, pipeline, batches):
        try:
            import ray
        except ImportError as exc:
            raise UsageError("the 'ray' executor needs Ray: pip install 'ray[default]'") from exc
        ray.init(ignore_reinit_error=True)

        @ray.remote
        class Worker:
            def __init__(self, pipe):
                pipe.warm_up()
                self.pipe = pipe

            def run(self, batch):
                return self.pipe.process_batch(batch)

        pool = ray.util.ActorPool([Worker.remote(pipeline) for _ in range(max(1, self.workers))])
        yield from pool.map(lambda actor, batch: actor.run.remote(batch), batches)


EXECUTORS = {
    "local": lambda options: InProcess() if options.workers <= 1 else LocalProcesses(options.workers),
    "ray": lambda options: RayExecutor(options.workers),
}


def get_executor(options: "Options") -> Executor:
    try:
        return EXECUTORS[options.executor](options)
    except KeyError:
        raise UsageError(
            f"unknown executor {options.executor!r}; choose one of {', '.join(EXECUTORS)}"
        ) from None
