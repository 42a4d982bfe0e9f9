"""profile_service's own settings, beside the shared ones (environment variables, see .env.example)."""

from __future__ import annotations

from pathlib import Path

from common.settings import GrpcServiceSettings


class ProfileSettings(GrpcServiceSettings):
    grpc_port: int = 9081

    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 24 * 3600
    # Absolute lifetime of a sign-in (refresh-token family), from the sign-in itself: refreshing never
    # extends a session past it.
    refresh_session_max_age_s: int = 90 * 24 * 3600

    # Where CV files are stored (content-addressed); unset: DATA_DIR/cv.
    cv_storage_dir: Path | None = None

    # Linking HH.ru accounts (docs/hh.md): off unless the operator's HH application is configured.
    hh_client_id: str = ""
    hh_client_secret: str = ""
    # Exactly as registered at HH: the web app's callback page, https://<host>/hh/callback.
    hh_redirect_uri: str = ""
    # Keys sealing the linked accounts' tokens: "id:base64url,..." current first (python -m common.secret_box).
    # Required outside dev/test when linking is on; dev/test keep a throw-away key under DATA_DIR/keys.
    hh_token_keys: str = ""
    hh_link_state_ttl_s: int = 600

    @property
    def hh_enabled(self) -> bool:
        return bool(self.hh_client_id and self.hh_client_secret)
