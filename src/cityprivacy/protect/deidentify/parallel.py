"""Transforming table batches on several processes, in order, with memory kept flat.

Each worker builds its own :class:`BatchTransformer` once (policy operators under the key,
and an analyzer), then receives ``(plan, batch)`` jobs. At most ``2 × workers`` batches
are in flight: the reader is not allowed to run ahead of the writer, so memory does not
grow with the file. Results come back in submission order, so the output is the same as
with one process: the operators are deterministic (pseudonyms and date shifts are keyed,
not random) and carry no state between batches.

Every worker gets the caller's analyzer, so custom recognizers and a taxonomy override
apply in the workers too: inherited as it is where the platform forks, pickled elsewhere.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

import pyarrow as pa

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.protect.deidentify.summary import Counts
from cityprivacy.protect.deidentify.tables import BatchTransformer, TablePlan
from cityprivacy.protect.deidentify.text import TextProtector
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.policy import BoundPolicy, Policy

__all__ = ["BatchPool", "Job"]

T = TypeVar("T")

_worker: BatchTransformer | None = None


@dataclass(frozen=True, slots=True)
class Job(Generic[T]):
    """A batch to transform with its table's plan; ``tag`` travels with it unchanged."""

    tag: T
    plan: TablePlan
    batch: pa.RecordBatch


def _init_worker(policy: Policy, key: SecretKey | None, analyzer: TextAnalyzer) -> None:
    global _worker
    rules = BoundPolicy(policy, analyzer.taxonomy, key)
    _worker = BatchTransformer(rules, TextProtector(analyzer, rules))


def _transform(plan: TablePlan, batch: pa.RecordBatch) -> tuple[pa.RecordBatch, Counts]:
    assert _worker is not None
    return _worker.transform(batch, plan)


class BatchPool:
    """Runs jobs through ``local`` (one process) or through a process pool, in order.

    The pool starts on the first job and is shared by every file of a run; close it with
    :meth:`close` (or use the pool as a context manager).
    """

    def __init__(
        self,
        local: BatchTransformer,
        *,
        workers: int,
        analyzer: TextAnalyzer,
    ) -> None:
        self.local = local
        self.workers = max(1, workers)
        self.analyzer = analyzer
        self._pool: ProcessPoolExecutor | None = None

    def map(self, jobs: Iterable[Job[T]]) -> Iterator[tuple[Job[T], pa.RecordBatch, Counts]]:
        """Each job with its transformed batch and counts, in the order of ``jobs``."""
        if self.workers == 1:
            for job in jobs:
                yield (job, *self.local.transform(job.batch, job.plan))
            return
        pending: deque[tuple[Job[T], Future[tuple[pa.RecordBatch, Counts]]]] = deque()
        try:
            for job in jobs:
                pending.append((job, self._executor().submit(_transform, job.plan, job.batch)))
                if len(pending) >= 2 * self.workers:
                    done, future = pending.popleft()
                    yield (done, *future.result())
            while pending:
                done, future = pending.popleft()
                yield (done, *future.result())
        finally:
            for _, future in pending:
                future.cancel()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            forks = "fork" in multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if forks else None)
            rules = self.local.rules
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(rules.policy, rules.key, self.analyzer),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> BatchPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
