"""The examples in the package docstring run and give what they say."""

from __future__ import annotations

import doctest

import cityprivacy


def test_package_docstring_examples() -> None:
    result = doctest.testmod(cityprivacy)
    assert result.attempted >= 2
    assert result.failed == 0
