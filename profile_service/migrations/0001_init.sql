-- profile_service: accounts, sessions (refresh-token families), profiles, saved searches, CV uploads.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    -- Normalised (trimmed, NFKC, lower-case) by the service before it gets here.
    email         text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per sign-in: every refresh token issued from that sign-in belongs to its family.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    revoke_reason text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Opaque refresh tokens, stored only as their SHA-256. A token is used once: `rotated_at` is set when
-- it is exchanged, and presenting it again revokes its whole session.
CREATE TABLE refresh_tokens (
    token_hash  bytea PRIMARY KEY,
    session_id  uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE cv_files (
    id                uuid PRIMARY KEY,
    user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sha256            text NOT NULL,
    filename          text NOT NULL,
    size_bytes        bigint NOT NULL,
    page_count        integer NOT NULL,
    overwrite_profile boolean NOT NULL,
    parse_command_id  uuid NOT NULL UNIQUE,
    parse_status      text NOT NULL DEFAULT 'QUEUED' CHECK (parse_status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    parse_error       text NOT NULL DEFAULT '',
    fields_filled     text[] NOT NULL DEFAULT '{}',
    uploaded_at       timestamptz NOT NULL DEFAULT now(),
    parsed_at         timestamptz
);
CREATE INDEX cv_files_user ON cv_files (user_id, uploaded_at DESC);

-- The profile document: its sections in protobuf's JSON mapping of jobmate.profile.v1.Profile
-- (without the read-only user_id, cv, cv_text and updated_at). `user_set_fields` records which fields
-- the user edited, so a CV parse never overwrites them unless the upload asked for it.
CREATE TABLE profiles (
    user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    document        jsonb NOT NULL DEFAULT '{}',
    user_set_fields text[] NOT NULL DEFAULT '{}',
    current_cv_id   uuid REFERENCES cv_files (id),
    cv_text         text NOT NULL DEFAULT '',
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Saved searches: the configuration in protobuf's JSON mapping of SearchConfig (without id, user_id,
-- active and timestamps). Deleting only deactivates.
CREATE TABLE search_configs (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    config          jsonb NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    inactive_reason text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_configs_user ON search_configs (user_id, created_at);
CREATE INDEX search_configs_active ON search_configs (id) WHERE active;

-- Results of internal commands already handled (ApplyParsedCv, RecordCvParseFailure,
-- ArchiveSearchConfigs), so a repeated call with the same command id changes nothing.
CREATE TABLE handled_commands (
    command_id text PRIMARY KEY,
    kind       text NOT NULL,
    result     jsonb NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
