-- Applying on HH.ru (issue 19, docs/hh.md): the apply queue, the per-user token buckets, and the
-- outcomes each apply went through (merged into the timeline when it is read).

-- One token bucket per user: `tokens` is the level computed at `updated_at` (continuous refill is
-- applied when it is next read, under this row's lock, in the claim's transaction).
CREATE TABLE hh_apply_buckets (
    user_id    text PRIMARY KEY,
    tokens     double precision NOT NULL CHECK (tokens >= 0),
    updated_at timestamptz NOT NULL
);

-- One apply per (user, vacancy, resume): at most one POST /negotiations for it, ever.
CREATE TABLE hh_applies (
    id             uuid PRIMARY KEY,
    user_id        text NOT NULL,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    vacancy_id     text NOT NULL,
    resume_id      text NOT NULL,
    message        text NOT NULL DEFAULT '',
    state          text NOT NULL CHECK (state IN ('QUEUED', 'SENDING', 'APPLIED', 'NEEDS_USER', 'FAILED')),
    -- A token of the bucket is held for this apply (taken at its first claim; kept across retries).
    token_taken    boolean NOT NULL DEFAULT false,
    -- Claims so far: above 1, HH may already have the negotiation, so the worker asks HH before posting.
    attempts       integer NOT NULL DEFAULT 0,
    -- QUEUED: not claimed before (the bucket's next token, or a retry's backoff); SENDING: the claim's lease.
    not_before     timestamptz NOT NULL,
    reason         text NOT NULL DEFAULT '',
    detail         text NOT NULL DEFAULT '',
    negotiation_id text NOT NULL DEFAULT '',
    automatic      boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    UNIQUE (user_id, vacancy_id, resume_id)
);
CREATE INDEX hh_applies_due ON hh_applies (not_before, created_at) WHERE state IN ('QUEUED', 'SENDING');
CREATE INDEX hh_applies_by_user ON hh_applies (user_id, created_at DESC, id DESC);
CREATE INDEX hh_applies_by_application ON hh_applies (application_id);

-- What happened to an apply, for the timeline: queued, applied (with the letter sent), needs the user,
-- waiting (HH's limit), failed.
CREATE TABLE hh_apply_events (
    id             bigserial PRIMARY KEY,
    apply_id       uuid NOT NULL REFERENCES hh_applies (id) ON DELETE CASCADE,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    user_id        text NOT NULL,
    outcome        text NOT NULL CHECK (outcome IN ('QUEUED', 'APPLIED', 'NEEDS_USER', 'WAITING', 'FAILED')),
    reason         text NOT NULL DEFAULT '',
    body           text NOT NULL DEFAULT '',
    at             timestamptz NOT NULL
);
CREATE INDEX hh_apply_events_by_application ON hh_apply_events (application_id, at);
