-- One subscribable calendar feed per user. Only the SHA-256 of the token is kept: a leaked
-- database does not hand out working feed URLs. Rotating replaces the row's hash.
CREATE TABLE calendar_feeds (
    user_id      text PRIMARY KEY,
    token_sha256 bytea NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
    created_at   timestamptz NOT NULL DEFAULT now()
);
