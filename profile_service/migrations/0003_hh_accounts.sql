-- Linked HH.ru accounts (issue 19, docs/hh.md). Independent of 0002.

-- One row per "link my account" started: the OAuth `state` sent to HH, stored as its SHA-256, bound to
-- the user who started it, single-use (`used_at`) and short-lived.
CREATE TABLE hh_link_states (
    state_hash bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX hh_link_states_user ON hh_link_states (user_id, created_at);

-- A user's linked account. The tokens are sealed (AES-256-GCM, common/secret_box.py: a version byte,
-- the key id, the nonce, the ciphertext and tag), bound to the user and the column: the database alone
-- does not reveal them. `needs_relink_reason` is set when HH refused a refresh.
CREATE TABLE hh_accounts (
    user_id             uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hh_user_id          text NOT NULL,
    hh_email            text NOT NULL DEFAULT '',
    hh_name             text NOT NULL DEFAULT '',
    access_token        bytea NOT NULL,
    refresh_token       bytea NOT NULL,
    access_expires_at   timestamptz,
    default_resume_id   text NOT NULL DEFAULT '',
    needs_relink_reason text NOT NULL DEFAULT '',
    linked_at           timestamptz NOT NULL,
    refreshed_at        timestamptz
);
