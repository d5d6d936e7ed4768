"""Turning library errors into a message on standard error and an exit code (one place)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer
from rich.console import Console

from cityprivacy.errors import CityPrivacyError, exit_code_for

__all__ = ["fail", "handle_errors", "stderr"]

stderr = Console(stderr=True, highlight=False)
T = TypeVar("T")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` as an error and return the Exit to raise."""
    stderr.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Map :class:`CityPrivacyError` to a clean message and its exit code."""
    try:
        yield
    except CityPrivacyError as exc:
        raise fail(str(exc), exit_code_for(exc)) from None


def guarded(func: Callable[..., T]) -> Callable[..., T]:
    """Decorator form of :func:`handle_errors` for command functions."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> T:
        with handle_errors():
            return func(*args, **kwargs)

    return wrapper
