"""Tokens: user access tokens (signed by profile_service only) and service tokens (workers, tooling).

Both are JWTs signed with Ed25519 ("EdDSA", the only algorithm accepted: `alg: none` or HS256 tricks
fail). The two kinds use different keys *and* different audiences, so one can never pass for the other
even if a claim were edited. Every token must carry iss, aud, sub, exp and iat.
"""

from __future__ import annotations

import contextvars
import enum
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from common.settings import Settings

ALGORITHM = "EdDSA"
USER_AUDIENCE = "jobmate-api"
SERVICE_AUDIENCE = "jobmate-internal"
LEEWAY_S = 10
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat"]

# What a personal access token may be allowed to do (each user RPC names the one it needs in its
# access option). A password sign-in's access token may do all of it; one exchanged for a personal
# access token only what the token was given. `x:write` includes `x:read`, and reading the inbox
# includes reading the saved searches that fill it.
USER_SCOPES = ("feed:read", "feed:write", "applications:read", "applications:write", "profile:read",
               "profile:write", "searches:read", "searches:write")
_IMPLIED = {"feed:write": ("feed:read",), "feed:read": ("searches:read",),
            "applications:write": ("applications:read",), "profile:write": ("profile:read",),
            "searches:write": ("searches:read",)}


def expand_scopes(scopes: frozenset[str] | set[str]) -> frozenset[str]:
    """The scopes given and every scope they include."""
    result, pending = set(), list(scopes)
    while pending:
        scope = pending.pop()
        if scope not in result:
            result.add(scope)
            pending.extend(_IMPLIED.get(scope, ()))
    return frozenset(result)


class TokenKind(enum.StrEnum):
    USER = "user"
    SERVICE = "service"


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is calling, as proven by a verified token."""

    kind: TokenKind
    subject: str  # a user id, or a service name
    scopes: frozenset[str] = field(default_factory=frozenset)
    token: str = field(default="", repr=False)  # the raw token, forwarded on downstream calls
    # Set when the token was exchanged for a personal access token: that token's id (claim `pat`).
    token_id: str = ""
    # Set on a password sign-in's token: the session it belongs to (claim `sid`), which signing out ends.
    session_id: str = ""
    expires_at: float = 0.0  # unix seconds (claim `exp`)

    @property
    def from_personal_access_token(self) -> bool:
        return bool(self.token_id)

    def allows(self, user_scope: str) -> bool:
        """Whether this user identity may do what `user_scope` names: a password sign-in may do
        everything, a personal access token what its scopes (and the ones they include) allow."""
        return not self.token_id or user_scope in expand_scopes(self.scopes)

    @property
    def user_id(self) -> str:
        if self.kind is not TokenKind.USER:
            raise PermissionError("not a user identity")
        return self.subject

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class InvalidToken(Exception):
    """The token is missing, malformed, expired, signed by the wrong key or of the wrong kind."""


# The identity of the current RPC, set by the server auth interceptor from the verified token only.
current_identity: contextvars.ContextVar[Identity | None] = contextvars.ContextVar("identity", default=None)


def _load_private(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key


def _load_public(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} is not an Ed25519 public key")
    return key


def generate_keypair(private_path: Path, public_path: Path) -> None:
    """Write a new Ed25519 key pair (private key readable by the owner only)."""
    private_path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = private_path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public_path.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    os.replace(tmp, private_path)


def ensure_dev_keys(settings: Settings) -> None:
    """In dev/test mode, create the key pairs under data_dir/keys when no key file was configured.

    A process given any key file explicitly (a container, say) never generates keys: it would overwrite
    what it was given, and each replica would end up with keys of its own.
    """
    if not settings.is_dev:
        return
    for kind in ("user_token", "service_token"):
        names = (f"{kind}_private_key", f"{kind}_public_key")
        if any(getattr(settings, f"{name}_file") is not None for name in names):
            continue
        private, public = (settings.key_file(name) for name in names)
        if not private.exists() or not public.exists():
            generate_keypair(private, public)


class TokenVerifier:
    """Verifies both kinds of token; held by every process.

    A token that passed the whole check is remembered (up to `cache_size` of them) until it expires: the
    same token comes with every call of a session, and checking its Ed25519 signature and claims again
    cost ~0.3 ms, a tenth of a service's cost for a page of the inbox (docs/perf/README.md). The cache is
    keyed by the exact token text, so only a byte-identical token is answered from it, and an answer
    from it follows the same expiry rule as the full check (`exp` plus the leeway); a refused token is
    never remembered."""

    def __init__(self, *, user_public_key: Ed25519PublicKey, service_public_key: Ed25519PublicKey,
                 issuer: str, cache_size: int = 10_000, clock: Callable[[], float] = time.time) -> None:
        self._keys = {TokenKind.USER: (user_public_key, USER_AUDIENCE),
                      TokenKind.SERVICE: (service_public_key, SERVICE_AUDIENCE)}
        self._issuer = issuer
        self._cache_size = cache_size
        self._clock = clock
        self._verified: dict[str, tuple[Identity, float]] = {}  # token -> (identity, expiry with the leeway)

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenVerifier:
        return cls(user_public_key=_load_public(settings.key_file("user_token_public_key")),
                   service_public_key=_load_public(settings.key_file("service_token_public_key")),
                   issuer=settings.token_issuer)

    def verify(self, token: str, *, expected: TokenKind | None = None) -> Identity:
        known = self._verified.get(token)
        if known is not None:
            identity, expires = known
            if self._clock() >= expires:
                self._verified.pop(token, None)
                raise InvalidToken("Signature has expired")
            if expected is not None and identity.kind is not expected:
                raise InvalidToken(f"a {identity.kind} token cannot be used here")
            return identity
        identity, expires = self._verify_fully(token, expected)
        if self._cache_size > 0:
            if len(self._verified) >= self._cache_size:  # the oldest goes first
                self._verified.pop(next(iter(self._verified)), None)
            self._verified[token] = (identity, expires)
        return identity

    def _verify_fully(self, token: str, expected: TokenKind | None) -> tuple[Identity, float]:
        """The identity the token proves, and when the token stops being accepted."""
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"malformed token: {exc}") from exc
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("unexpected token algorithm")
        try:
            kind = TokenKind(unverified.get("typ"))
        except ValueError as exc:
            raise InvalidToken("unknown token kind") from exc
        if expected is not None and kind is not expected:
            raise InvalidToken(f"a {kind} token cannot be used here")
        key, audience = self._keys[kind]
        try:
            claims = jwt.decode(token, key, algorithms=[ALGORITHM], audience=audience, issuer=self._issuer,
                                leeway=LEEWAY_S, options={"require": REQUIRED_CLAIMS})
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        scopes = frozenset(str(claims.get("scope", "")).split())
        user = kind is TokenKind.USER
        identity = Identity(kind=kind, subject=str(claims["sub"]), scopes=scopes, token=token,
                            token_id=str(claims.get("pat", "")) if user else "",
                            session_id=str(claims.get("sid", "")) if user else "", expires_at=float(claims["exp"]))
        return identity, float(claims["exp"]) + LEEWAY_S


class TokenSigner:
    """Signs tokens of one kind. Only profile_service has a signer for user tokens."""

    def __init__(self, kind: TokenKind, private_key: Ed25519PrivateKey, *, issuer: str) -> None:
        self.kind = kind
        self._key = private_key
        self._issuer = issuer

    @classmethod
    def for_users(cls, settings: Settings) -> TokenSigner:
        return cls(TokenKind.USER, _load_private(settings.key_file("user_token_private_key")),
                   issuer=settings.token_issuer)

    @classmethod
    def for_services(cls, settings: Settings) -> TokenSigner:
        return cls(TokenKind.SERVICE, _load_private(settings.key_file("service_token_private_key")),
                   issuer=settings.token_issuer)

    def sign(self, subject: str, *, ttl_s: int, scopes: set[str] | frozenset[str] = frozenset(),
             now: float | None = None, not_before: float | None = None,
             token_id: str | None = None, session_id: str | None = None) -> tuple[str, datetime]:
        """A signed token; `token_id` marks a user token as exchanged for that personal access token,
        `session_id` as issued to that sign-in session."""
        issued = int(now if now is not None else time.time())
        expires = issued + ttl_s
        claims = {
            "iss": self._issuer,
            "aud": USER_AUDIENCE if self.kind is TokenKind.USER else SERVICE_AUDIENCE,
            "sub": subject,
            "iat": issued,
            "exp": expires,
            "jti": uuid.uuid4().hex,
            "typ": str(self.kind),
        }
        if not_before is not None:
            claims["nbf"] = int(not_before)
        if scopes:
            claims["scope"] = " ".join(sorted(scopes))
        if token_id:
            claims["pat"] = token_id
        if session_id:
            claims["sid"] = session_id
        token = jwt.encode(claims, self._key, algorithm=ALGORITHM)
        return token, datetime.fromtimestamp(expires, tz=UTC)


class ServiceTokenProvider:
    """Hands out a cached service token, renewed well before it expires."""

    def __init__(self, signer: TokenSigner, service_name: str, scopes: set[str], ttl_s: int = 300) -> None:
        if signer.kind is not TokenKind.SERVICE:
            raise ValueError("service tokens need the service signer")
        self._signer, self._name, self._scopes, self._ttl = signer, service_name, frozenset(scopes), ttl_s
        self._token: str | None = None
        self._renew_at = 0.0

    def token(self) -> str:
        now = time.time()
        if self._token is None or now >= self._renew_at:
            self._token, _ = self._signer.sign(f"service:{self._name}", ttl_s=self._ttl, scopes=self._scopes)
            self._renew_at = now + self._ttl / 2
        return self._token


# --- the verified caller, for servicers ---------------------------------------------------------------
def caller() -> Identity:
    """The verified identity of the current RPC (set by the server's auth interceptor)."""
    from common.errors import PermissionDenied

    identity = current_identity.get()
    if identity is None:  # only PUBLIC methods run without one, and they must not ask
        raise PermissionDenied("no verified caller")
    return identity


def caller_user_id() -> str:
    """The calling user's id; a service token is refused (the method acts for a user)."""
    from common.errors import PermissionDenied

    identity = caller()
    if identity.kind is not TokenKind.USER:
        raise PermissionDenied("this method needs a user token")
    return identity.subject


def caller_user_id_or_none() -> str | None:
    """The calling user's id, or None for an internal service (whose scope the policy checked)."""
    identity = caller()
    return identity.subject if identity.kind is TokenKind.USER else None
