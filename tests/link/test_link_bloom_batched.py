"""The batched AES path of the Bloom filters: counter blocks built by one compiled pass into
reused buffers and encrypted by one call give, token by token, what the PRF gives for each
token's own block; the compiled pair deduplication and the reused buffers change no bit."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.link import _encode_kernel as kernel
from cityprivacy.link._bloom import add_field_bits
from cityprivacy.link._text import string_buffers
from cityprivacy.link._tokens import (
    MAX_VALUE_BYTES,
    salt_parts,
    scheme_tag,
    token_blocks,
    token_codes,
)
from cityprivacy.link.prf import KeyedPRF
from cityprivacy.link.schema import FieldSpec, TokenScheme

PRF = KeyedPRF(bytes(range(32)))
VALUES = st.lists(
    st.text(alphabet="abqz09_ -'é", max_size=12)
    | st.text(alphabet="xy", min_size=94, max_size=100),  # at the 96-byte cut
    min_size=1,
    max_size=12,
)
SALTS = st.sampled_from(["", "1985", "a-salt-longer-than-six-bytes"])


@settings(max_examples=150, deadline=None)
@given(
    VALUES,
    st.data(),
    st.sampled_from([TokenScheme.QGRAMS, TokenScheme.POSITIONAL]),
    st.integers(1, 4),
    st.integers(1, 300),
    st.booleans(),
)
def test_batched_prf_output_equals_each_tokens_own_prf_output(
    values: list[str],
    data: st.DataObject,
    scheme: TokenScheme,
    q: int,
    weight: int,
    per_token: bool,
) -> None:
    salts = data.draw(st.lists(SALTS, min_size=len(values), max_size=len(values)))
    array = pa.array(values, pa.string())
    offsets, raw_bytes = string_buffers(array)
    pick = np.arange(len(values), dtype=np.int64)
    salt_bytes = salt_parts(salts)
    q_kernel = q if scheme is TokenScheme.QGRAMS else 0
    bits, bpt = (0, weight) if per_token else (weight, -1)
    nblocks = kernel.aes_block_count(offsets, pick, q_kernel, bits, bpt, MAX_VALUE_BYTES)
    blocks = np.full(2 * nblocks + 6, 7, dtype=np.uint64)  # longer than needed, not zeroed
    encrypted = np.zeros(16 * nblocks + 16, dtype=np.uint8)
    kernel.fill_aes_blocks(blocks, offsets, raw_bytes, pick, pick, salt_bytes,
                           scheme_tag(scheme, q), q_kernel, bits, bpt, MAX_VALUE_BYTES)  # fmt: skip
    PRF.encrypt_into(blocks[: 2 * nblocks], encrypted)
    batched = encrypted[: 16 * nblocks].reshape(-1, 16)

    # Token by token: its codes from the numpy tokenizer, its blocks from token_blocks,
    # each block encrypted on its own.
    codes, valid = token_codes(array, scheme, q)
    expected: list[bytes] = []
    for v in range(len(values)):
        ntok = int(valid[v].sum())
        k = weight if per_token else -(-weight // max(ntok, 1))
        for code in codes[v][valid[v]].tolist():
            block = token_blocks(
                scheme_tag(scheme, q), salt_bytes[v : v + 1], np.array([code], np.int64)
            )
            for counter in range(-(-k // 8)):
                block[0, 14], block[0, 15] = counter >> 8, counter & 0xFF
                expected.append(PRF.raw(block).tobytes())
    assert batched.tobytes() == b"".join(expected)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-1, 5), st.integers(-1, 3)), min_size=0, max_size=60),
)
def test_distinct_pairs_number_each_pair_once(pairs: list[tuple[int, int]]) -> None:
    first = np.array([p[0] for p in pairs], dtype=np.int64)
    second = np.array([p[1] for p in pairs], dtype=np.int64)
    rows, firsts, seconds = kernel.distinct_pairs(first, second, 6)
    seen = list(dict.fromkeys(p for p in pairs if p[0] >= 0 and p[1] >= 0))
    assert list(zip(firsts.tolist(), seconds.tolist(), strict=True)) == seen
    for r, (a, b) in enumerate(pairs):
        if a < 0 or b < 0:
            assert rows[r] == -1
        else:
            assert (firsts[rows[r]], seconds[rows[r]]) == (a, b)


def test_encrypt_into_equals_raw_and_needs_aes() -> None:
    blocks = np.random.default_rng(3).integers(0, 256, (40, 16), dtype=np.uint8)
    out = np.zeros(40 * 16 + 16, dtype=np.uint8)
    PRF.encrypt_into(blocks, out)
    assert out[: 40 * 16].tobytes() == PRF.raw(blocks).tobytes()
    with pytest.raises(ValueError, match="aes-256"):
        KeyedPRF(bytes(32), "blake2b").encrypt_into(blocks, out)


def _field_words(values: Sequence[str | None], salts: list[str] | None) -> np.ndarray:
    spec = FieldSpec(name="f", kind="text", bits=60)
    words = np.zeros((len(values), 8), dtype=np.uint64)
    column = pa.array(values, pa.string())
    add_field_bits(words, spec, column, None if salts is None else pa.array(salts), PRF)
    return words


def test_reused_buffers_change_no_bit() -> None:
    """A large batch, a small one, then the large one again (the thread's buffers are then
    larger than needed and hold old blocks) give the bits of a fresh thread."""
    rng = np.random.default_rng(5)
    big = ["".join(rng.choice(list("abcdefgh"), int(rng.integers(0, 30)))) for _ in range(3000)]
    small: list[str | None] = ["ab", None, "ab", "zzz"]
    first_big = _field_words(big, None)
    first_small = _field_words(small, ["1", "2", "1", "1"])
    again_big = _field_words(big, None)
    fresh: list[np.ndarray] = []
    thread = threading.Thread(
        target=lambda: fresh.append(_field_words(small, ["1", "2", "1", "1"]))
    )
    thread.start()
    thread.join()
    assert np.array_equal(first_big, again_big)
    assert np.array_equal(first_small, fresh[0])
    assert np.array_equal(first_small[0], first_small[2])  # same salt and value
    assert not first_small[1].any()  # a null sets no bit
    assert not np.array_equal(first_small[0], _field_words(["ab"], ["2"])[0])  # salt counts
