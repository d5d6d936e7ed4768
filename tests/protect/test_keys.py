"""The secret key: where it comes from, what is refused, and that it never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.config import Settings
from cityprivacy.errors import KeyMaterialError
from cityprivacy.protect.keys import KEY_ENV_VAR, KEY_FILE_ENV_VAR, SecretKey, load_key

SECRET = "0123456789abcdef0123456789abcdef-secret"


def test_short_key_is_refused_with_its_length_only() -> None:
    with pytest.raises(KeyMaterialError, match="31 bytes") as caught:
        SecretKey(b"s" * 31)
    assert "sssss" not in str(caught.value)


def test_key_file_with_trailing_newline(tmp_path: Path) -> None:
    with_newline = tmp_path / "a.key"
    with_newline.write_text(SECRET + "\n", encoding="utf-8")
    windows = tmp_path / "b.key"
    windows.write_bytes(SECRET.encode() + b"\r\n")
    bare = tmp_path / "c.key"
    bare.write_text(SECRET, encoding="utf-8")
    assert SecretKey.from_file(with_newline) == SecretKey.from_file(bare)
    assert SecretKey.from_file(windows) == SecretKey.from_file(bare)
    assert SecretKey.from_file(bare) == SecretKey(SECRET.encode())


def test_key_file_short_after_the_newline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.key"
    path.write_text("x" * 32 + "\n", encoding="utf-8")
    assert SecretKey.from_file(path).derive("x")
    path.write_text("x" * 31 + "\n", encoding="utf-8")
    with pytest.raises(KeyMaterialError, match=r"short\.key.*31 bytes"):
        SecretKey.from_file(path)


def test_missing_key_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(KeyMaterialError, match=r"nowhere\.key"):
        SecretKey.from_file(tmp_path / "nowhere.key")


def test_load_key_from_environment_variable() -> None:
    key = load_key(env={KEY_ENV_VAR: SECRET})
    assert key == SecretKey(SECRET.encode())
    assert key.source == KEY_ENV_VAR


def test_load_key_from_key_file_variable(tmp_path: Path) -> None:
    path = tmp_path / "env.key"
    path.write_text(SECRET + "\n", encoding="utf-8")
    key = load_key(env={KEY_FILE_ENV_VAR: str(path), KEY_ENV_VAR: "ignored" * 10})
    assert key == SecretKey(SECRET.encode())
    assert "env.key" in key.source


def test_load_key_order(tmp_path: Path) -> None:
    first = tmp_path / "first.key"
    first.write_text("1" * 32, encoding="utf-8")
    second = tmp_path / "second.key"
    second.write_text("2" * 32, encoding="utf-8")
    settings = Settings(key_file=second, key="3" * 32)
    assert load_key(settings, key_file=first) == SecretKey(b"1" * 32)
    assert load_key(settings, env={}) == SecretKey(b"2" * 32)
    assert load_key(Settings(key="3" * 32), env={}) == SecretKey(b"3" * 32)


def test_no_key_is_an_error_without_default() -> None:
    with pytest.raises(KeyMaterialError, match="no key"):
        load_key(env={})


def test_short_environment_key_is_refused_without_showing_it() -> None:
    with pytest.raises(KeyMaterialError) as caught:
        load_key(env={KEY_ENV_VAR: "tooshort-secret"})
    assert "tooshort-secret" not in str(caught.value)


def test_fingerprint_is_stable_and_no_secret_in_repr() -> None:
    key = SecretKey(SECRET.encode())
    again = SecretKey(SECRET.encode())
    other = SecretKey(SECRET.encode() + b"!")
    assert key.fingerprint == again.fingerprint
    assert len(key.fingerprint) == 8
    assert int(key.fingerprint, 16) >= 0
    assert key.fingerprint != other.fingerprint
    for shown in (repr(key), str(key), f"{key}", repr([key])):
        assert SECRET not in shown
        assert SECRET.encode().hex() not in shown
        assert key.fingerprint in shown
    assert key == again
    assert hash(key) == hash(again)
    assert key != other
    assert key != SECRET


def test_subkeys_differ_by_purpose_and_length() -> None:
    key = SecretKey(SECRET.encode())
    assert key.derive("pseudonym") != key.derive("ff3")
    assert len(key.derive("ff3", 16)) == 16
    assert key.derive("pseudonym") == SecretKey(SECRET.encode()).derive("pseudonym")
    assert SECRET.encode() not in key.derive("pseudonym", 64)
