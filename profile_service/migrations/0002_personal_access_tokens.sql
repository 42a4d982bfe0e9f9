-- Personal access tokens: scoped, revocable credentials a user hands to a script or an AI agent.
-- Only the secret's SHA-256 is kept; `prefix` (its first characters) lets the user recognise it in a
-- list. The gateway exchanges a presented secret for a short-lived access JWT carrying `scopes`.
CREATE TABLE personal_access_tokens (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    token_hash   bytea NOT NULL UNIQUE,
    prefix       text NOT NULL,
    scopes       text[] NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    -- Written at most once a minute per token (each exchange would otherwise be a write).
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX personal_access_tokens_user ON personal_access_tokens (user_id, created_at DESC);
