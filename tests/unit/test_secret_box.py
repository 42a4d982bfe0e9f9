"""common.secret_box: authenticated encryption under a key list, bound to a context."""

from __future__ import annotations

import pytest

from common.secret_box import SecretBox, SecretBoxError, generate_key_spec


def test_sealed_values_open_only_with_their_key_and_context() -> None:
    box = SecretBox.from_spec(generate_key_spec("a"))
    sealed = box.seal("USER-TOKEN-123", context="hh:u1:access")
    assert b"USER-TOKEN-123" not in sealed and box.seal("USER-TOKEN-123", context="hh:u1:access") != sealed
    assert box.open(sealed, context="hh:u1:access") == "USER-TOKEN-123"
    with pytest.raises(SecretBoxError, match="another context"):
        box.open(sealed, context="hh:u2:access")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(SecretBoxError):
        box.open(tampered, context="hh:u1:access")
    with pytest.raises(SecretBoxError, match="not a sealed value"):
        box.open(b"plain text", context="hh:u1:access")


def test_rotation_keeps_old_values_readable_and_seals_with_the_new_key() -> None:
    old, new = generate_key_spec("k2025"), generate_key_spec("k2026")
    before = SecretBox.from_spec(old).seal("secret", context="c")
    rotated = SecretBox.from_spec(f"{new},{old}")
    assert rotated.open(before, context="c") == "secret" and rotated.needs_reseal(before)
    after = rotated.seal("secret", context="c")
    assert rotated.key_id_of(after) == "k2026" and not rotated.needs_reseal(after)
    with pytest.raises(SecretBoxError, match="not configured"):
        SecretBox.from_spec(new).open(before, context="c")


@pytest.mark.parametrize("spec", ["", "nokey", "k:short", "k:!!!notbase64"])
def test_bad_key_specs_are_refused_with_a_reason(spec: str) -> None:
    with pytest.raises(ValueError):
        SecretBox.from_spec(spec)
