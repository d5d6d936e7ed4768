"""One exception tree, mapped to exit codes in one place."""

from __future__ import annotations

import pytest

from cityprivacy import errors


@pytest.mark.parametrize(
    ("error", "code"),
    [
        pytest.param(errors.UnreadableFileError("a.csv", "bad", line=3), 2, id="unreadable"),
        pytest.param(errors.TaxonomyError("bad", source="t.yaml", line=4), 2, id="taxonomy"),
        pytest.param(errors.ConfigurationError("x"), 2, id="config"),
        pytest.param(errors.UnknownEntityError("FOO"), 2, id="unknown-entity"),
        pytest.param(RuntimeError("boom"), 3, id="not-ours-is-internal"),
    ],
)
def test_exit_codes(error: BaseException, code: int) -> None:
    assert errors.exit_code_for(error) == code


def test_messages_name_the_place() -> None:
    assert (
        str(errors.UnreadableFileError("data/a.csv", "ragged row", line=7))
        == "data/a.csv:7: ragged row"
    )
    assert (
        str(errors.TaxonomyError("unknown field", source="o.yaml", line=12))
        == "o.yaml:12: unknown field"
    )
    assert str(errors.UnknownEntityError("unknown entity type 'X'")) == "unknown entity type 'X'"


def test_every_error_is_a_cityprivacy_error() -> None:
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type):
            assert issubclass(obj, errors.CityPrivacyError)
