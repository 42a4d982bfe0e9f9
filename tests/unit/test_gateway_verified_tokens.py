"""gateway.caller.VerifiedAccessTokens: an access token verified once is accepted again without a second
verification until it expires, and only that exact token: expired, altered or refused tokens are
refused as the verifier refuses them."""

from __future__ import annotations

import time

import pytest

from common.auth import LEEWAY_S, Identity, InvalidToken, TokenKind, TokenVerifier
from common.settings import get_settings
from gateway.caller import VerifiedAccessTokens
from tests.helpers import user_token


class CountingVerifier(TokenVerifier):
    """The real verifier, counting the verifications it runs."""

    def __init__(self) -> None:
        real = TokenVerifier.from_settings(get_settings())
        self.__dict__.update(real.__dict__)
        self.calls = 0

    def verify(self, token: str, *, expected: TokenKind | None = None) -> Identity:
        self.calls += 1
        return super().verify(token, expected=expected)


def test_a_token_that_passed_is_accepted_again_as_the_same_user_without_a_second_verification() -> None:
    verifier = CountingVerifier()
    tokens = VerifiedAccessTokens(verifier)
    token = user_token("u1", scopes={"feed:read"})
    first, again = tokens.identity_for(token), tokens.identity_for(token)
    assert again == first and (again.subject, again.token) == ("u1", token)
    assert again.scopes == frozenset({"feed:read"})
    assert verifier.calls == 1


def test_a_token_is_refused_once_it_expires_even_after_it_was_accepted() -> None:
    tokens = VerifiedAccessTokens(CountingVerifier())
    # Issued so that it expires, leeway included, a second from now.
    issued = time.time() - 60 - LEEWAY_S + 1
    token = user_token("u1", ttl_s=60, now=issued)
    assert tokens.identity_for(token).subject == "u1"
    time.sleep(1.5)
    with pytest.raises(InvalidToken, match="expired"):
        tokens.identity_for(token)


def test_only_the_exact_token_is_let_through() -> None:
    verifier = CountingVerifier()
    tokens = VerifiedAccessTokens(verifier)
    token = user_token("u1")
    tokens.identity_for(token)
    header, claims, signature = token.split(".")
    altered_signature = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BA")
    with pytest.raises(InvalidToken):
        tokens.identity_for(".".join((header, claims, altered_signature)))
    other_user = user_token("u2").split(".")[1]
    with pytest.raises(InvalidToken):
        tokens.identity_for(".".join((header, other_user, signature)))


def test_a_refused_token_is_verified_and_refused_every_time() -> None:
    verifier = CountingVerifier()
    tokens = VerifiedAccessTokens(verifier)
    for _ in range(2):
        with pytest.raises(InvalidToken):
            tokens.identity_for("not.a.token")
    assert verifier.calls == 2


def test_the_oldest_tokens_are_dropped_past_the_limit_and_verified_again_when_they_return() -> None:
    verifier = CountingVerifier()
    tokens = VerifiedAccessTokens(verifier, max_entries=2)
    first, second, third = (user_token(f"u{n}") for n in range(3))
    for token in (first, second, third, second, third):
        tokens.identity_for(token)
    assert verifier.calls == 3
    assert tokens.identity_for(first).subject == "u0"
    assert verifier.calls == 4
