"""How the linkage kernels are compiled: numba ``njit``, GIL released, cached on disk
when a cache directory can be written.

numba caches compiled kernels next to their source (``__pycache__``), or, when the
package directory is read-only (a system install, a container image), in its per-user
cache directory (``~/.cache/numba``, or ``NUMBA_CACHE_DIR``). When neither can be written,
numba refuses to *define* a cached function (a ``RuntimeError`` at import); then the
kernels are compiled in memory at each process's first use instead (a few seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from numba import njit

__all__ = ["CACHE", "kernel"]

F = TypeVar("F", bound=Callable[..., Any])


def _probe() -> int:  # pragma: no cover - compiled
    return 0


def _can_cache() -> bool:
    """Whether numba finds a writable cache directory for this package's kernels."""
    try:
        njit(cache=True)(_probe)
    except RuntimeError:
        return False
    return True


CACHE = _can_cache()


def kernel(*, parallel: bool = False) -> Callable[[F], F]:
    """``@njit(cache=CACHE, nogil=True, parallel=parallel)``, typed as the function."""
    # A dispatcher calls like the function it wraps; typed so, callers stay checked.
    return cast("Callable[[F], F]", njit(cache=CACHE, nogil=True, parallel=parallel))
