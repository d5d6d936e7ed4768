"""Analyze many texts on all cores.

Each worker process builds its own :class:`TextAnalyzer` once (recognizers are not
shipped between processes), then receives texts in chunks. Small inputs, or
``workers=1``, run in this process: starting processes costs more than it saves.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from cityprivacy.config import Settings, get_settings
from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.finding import Finding

__all__ = ["analyze_many", "default_workers"]

_worker_analyzer: TextAnalyzer | None = None
_SERIAL_BELOW = 64


def default_workers(settings: Settings | None = None) -> int:
    """Processes to use: the ``workers`` setting, or every core when it is 0."""
    configured = (settings or get_settings()).workers
    return configured or os.cpu_count() or 1


def _init_worker(settings: Settings) -> None:
    global _worker_analyzer
    _worker_analyzer = TextAnalyzer(settings=settings)


def _analyze_chunk(
    job: tuple[list[str], frozenset[str] | None, float | None],
) -> list[list[Finding]]:
    texts, entities, min_score = job
    assert _worker_analyzer is not None
    return [_worker_analyzer.analyze(t, entities=entities, min_score=min_score) for t in texts]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_many(
    texts: Iterable[str],
    *,
    workers: int | None = None,
    entities: Iterable[str] | None = None,
    min_score: float | None = None,
    settings: Settings | None = None,
    chunk_size: int = 256,
    analyzer: TextAnalyzer | None = None,
) -> Iterator[list[Finding]]:
    """Findings for each text, in input order, using ``workers`` processes (default all cores).

    A generator: results stream out as chunks finish, so an input of any length works.
    """
    settings = settings or get_settings()
    n = workers if workers is not None else default_workers(settings)
    wanted = frozenset(entities) if entities is not None else None
    chunks = _chunks(texts, chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    if n <= 1 or len(first) < min(chunk_size, _SERIAL_BELOW):
        local = analyzer or TextAnalyzer(settings=settings)
        for chunk in _prepend(first, chunks):
            for t in chunk:
                yield local.analyze(t, entities=wanted, min_score=min_score)
        return
    # Executor.map would submit the whole input at once; a bounded queue of futures keeps
    # memory flat however many texts come in.
    with ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[Future[list[list[Finding]]]] = deque()
        for chunk in _prepend(first, chunks):
            pending.append(pool.submit(_analyze_chunk, (chunk, wanted, min_score)))
            if len(pending) >= 2 * n:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _prepend(first: list[str], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield first
    yield from rest
