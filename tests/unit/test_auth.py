"""Token verification refuses every token a caller should not be able to use."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.auth import (
    SERVICE_AUDIENCE,
    USER_AUDIENCE,
    InvalidToken,
    ServiceTokenProvider,
    TokenKind,
    TokenSigner,
    TokenVerifier,
)

ISSUER = "jobmate"


@pytest.fixture(scope="module")
def keys():
    return {"user": Ed25519PrivateKey.generate(), "service": Ed25519PrivateKey.generate()}


@pytest.fixture(scope="module")
def verifier(keys) -> TokenVerifier:
    return TokenVerifier(user_public_key=keys["user"].public_key(),
                         service_public_key=keys["service"].public_key(), issuer=ISSUER)


@pytest.fixture(scope="module")
def user_signer(keys) -> TokenSigner:
    return TokenSigner(TokenKind.USER, keys["user"], issuer=ISSUER)


@pytest.fixture(scope="module")
def service_signer(keys) -> TokenSigner:
    return TokenSigner(TokenKind.SERVICE, keys["service"], issuer=ISSUER)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_valid_user_token(verifier, user_signer) -> None:
    token, expires = user_signer.sign("user-1", ttl_s=60)
    identity = verifier.verify(token)
    assert identity.kind is TokenKind.USER
    assert identity.user_id == "user-1"
    assert identity.token == token
    assert expires.timestamp() > time.time()
    assert identity.expires_at == expires.timestamp() and identity.session_id == ""


def test_a_sign_in_sessions_token_names_its_session(verifier, user_signer) -> None:
    token, _ = user_signer.sign("user-1", ttl_s=60, session_id="session-7")
    assert verifier.verify(token).session_id == "session-7"


def test_valid_service_token_with_scopes(verifier, service_signer) -> None:
    token, _ = service_signer.sign("service:ai_coach", ttl_s=60, scopes={"tracker.analysis.write"})
    identity = verifier.verify(token, expected=TokenKind.SERVICE)
    assert identity.has_scope("tracker.analysis.write")
    assert not identity.has_scope("profile.read")
    with pytest.raises(PermissionError):
        _ = identity.user_id


def test_expired_token_is_rejected(verifier, user_signer) -> None:
    token, _ = user_signer.sign("user-1", ttl_s=60, now=time.time() - 3600)
    with pytest.raises(InvalidToken, match="expired"):
        verifier.verify(token)


def test_not_yet_valid_token_is_rejected(verifier, user_signer) -> None:
    token, _ = user_signer.sign("user-1", ttl_s=3600, not_before=time.time() + 600)
    with pytest.raises(InvalidToken, match="not yet valid"):
        verifier.verify(token)


def test_token_signed_with_another_key_is_rejected(verifier) -> None:
    forger = TokenSigner(TokenKind.USER, Ed25519PrivateKey.generate(), issuer=ISSUER)
    token, _ = forger.sign("user-1", ttl_s=60)
    with pytest.raises(InvalidToken, match="Signature verification failed"):
        verifier.verify(token)


def test_wrong_audience_is_rejected(verifier, keys) -> None:
    now = int(time.time())
    token = jwt.encode({"iss": ISSUER, "aud": "someone-else", "sub": "user-1", "iat": now, "exp": now + 60,
                        "typ": "user"}, keys["user"], algorithm="EdDSA")
    with pytest.raises(InvalidToken, match="(?i)audience"):
        verifier.verify(token)


def test_wrong_issuer_is_rejected(verifier, keys) -> None:
    now = int(time.time())
    token = jwt.encode({"iss": "evil", "aud": USER_AUDIENCE, "sub": "user-1", "iat": now, "exp": now + 60,
                        "typ": "user"}, keys["user"], algorithm="EdDSA")
    with pytest.raises(InvalidToken, match="issuer"):
        verifier.verify(token)


def test_alg_none_is_rejected(verifier) -> None:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": USER_AUDIENCE, "sub": "user-1", "iat": now, "exp": now + 60, "typ": "user"}
    token = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."
    with pytest.raises(InvalidToken, match="algorithm"):
        verifier.verify(token)


def test_hmac_signed_with_public_key_is_rejected(verifier, keys) -> None:
    """The classic algorithm-confusion forgery: HS256 keyed with the (public) verification key."""
    from cryptography.hazmat.primitives import serialization

    public_pem = keys["user"].public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": USER_AUDIENCE, "sub": "user-1", "iat": now, "exp": now + 60, "typ": "user"}
    header = b64({"alg": "HS256", "typ": "JWT"})
    import hashlib
    import hmac

    signing_input = f"{header}.{b64(claims)}".encode()
    signature = base64.urlsafe_b64encode(hmac.new(public_pem, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    with pytest.raises(InvalidToken, match="algorithm"):
        verifier.verify(f"{signing_input.decode()}.{signature.decode()}")


@pytest.mark.parametrize("missing", ["iss", "aud", "sub", "exp", "iat"])
def test_missing_claim_is_rejected(verifier, keys, missing) -> None:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": USER_AUDIENCE, "sub": "user-1", "iat": now, "exp": now + 60, "typ": "user"}
    del claims[missing]
    token = jwt.encode(claims, keys["user"], algorithm="EdDSA")
    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_service_token_cannot_pass_as_user_token(verifier, service_signer) -> None:
    token, _ = service_signer.sign("service:ai_coach", ttl_s=60, scopes={"profile.read"})
    with pytest.raises(InvalidToken, match="service token cannot be used here"):
        verifier.verify(token, expected=TokenKind.USER)


def test_service_key_token_relabelled_as_user_is_rejected(verifier, keys) -> None:
    """A token signed with the service key but claiming to be a user token fails the user key check."""
    now = int(time.time())
    token = jwt.encode({"iss": ISSUER, "aud": USER_AUDIENCE, "sub": "user-1", "iat": now, "exp": now + 60,
                        "typ": "user"}, keys["service"], algorithm="EdDSA")
    with pytest.raises(InvalidToken, match="Signature verification failed"):
        verifier.verify(token)


def test_user_token_cannot_pass_as_service_token(verifier, user_signer) -> None:
    token, _ = user_signer.sign("user-1", ttl_s=60)
    with pytest.raises(InvalidToken, match="user token cannot be used here"):
        verifier.verify(token, expected=TokenKind.SERVICE)
    # Even with the audience of service tokens it is not a service token: wrong key for that kind.
    identity = verifier.verify(token)
    assert identity.kind is TokenKind.USER and identity.scopes == frozenset()
    assert SERVICE_AUDIENCE != USER_AUDIENCE


def test_garbage_is_rejected(verifier) -> None:
    for token in ["", "abc", "a.b.c", "x" * 5000]:
        with pytest.raises(InvalidToken):
            verifier.verify(token)


def test_service_token_provider_caches_and_refuses_user_signer(verifier, service_signer, user_signer) -> None:
    provider = ServiceTokenProvider(service_signer, "ai_coach", {"tracker.analysis.write"}, ttl_s=300)
    first = provider.token()
    assert provider.token() == first
    assert verifier.verify(first).subject == "service:ai_coach"
    with pytest.raises(ValueError):
        ServiceTokenProvider(user_signer, "ai_coach", set())


def test_remembered_token_still_expires_and_keeps_its_kind(keys, user_signer) -> None:
    """A token answered from the verifier's cache is refused once it expires, as the full check would,
    and is still refused where the other kind of token is expected."""
    now = [time.time()]
    verifier = TokenVerifier(user_public_key=keys["user"].public_key(),
                             service_public_key=keys["service"].public_key(), issuer=ISSUER, clock=lambda: now[0])
    token, expires = user_signer.sign("user-1", ttl_s=60)
    assert verifier.verify(token).user_id == "user-1"
    assert verifier.verify(token).user_id == "user-1"
    with pytest.raises(InvalidToken, match="user token cannot be used here"):
        verifier.verify(token, expected=TokenKind.SERVICE)
    now[0] = expires.timestamp() + 30  # past its expiry and the leeway
    with pytest.raises(InvalidToken, match="expired"):
        verifier.verify(token)


def test_remembered_token_does_not_vouch_for_an_altered_one(verifier, user_signer) -> None:
    """Only the byte-identical token is answered from the cache: one with its signature altered after
    the genuine one was accepted is checked in full and refused."""
    token, _ = user_signer.sign("user-1", ttl_s=60)
    assert verifier.verify(token).user_id == "user-1"
    header, claims, signature = token.split(".")
    altered = f"{header}.{claims}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    with pytest.raises(InvalidToken, match="Signature verification failed"):
        verifier.verify(altered)


def test_verifier_cache_is_bounded(keys, user_signer) -> None:
    verifier = TokenVerifier(user_public_key=keys["user"].public_key(),
                             service_public_key=keys["service"].public_key(), issuer=ISSUER, cache_size=3)
    tokens = [user_signer.sign(f"user-{n}", ttl_s=60)[0] for n in range(5)]
    for n, token in enumerate(tokens):
        assert verifier.verify(token).user_id == f"user-{n}"
    assert len(verifier._verified) == 3
    assert verifier.verify(tokens[0]).user_id == "user-0"  # forgotten, so checked again in full
