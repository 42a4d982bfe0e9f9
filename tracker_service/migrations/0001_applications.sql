-- Applications on the Kanban board, their move history, notes and stored analyses.
CREATE TABLE applications (
    id                  uuid PRIMARY KEY,
    user_id             text NOT NULL,
    job_id              text NOT NULL,
    search_config_id    text NOT NULL DEFAULT '',
    -- What the board showed at creation, so a card renders without calling discovery.
    job_title           text NOT NULL DEFAULT '',
    job_company         text NOT NULL DEFAULT '',
    job_location        text NOT NULL DEFAULT '',
    job_url             text NOT NULL DEFAULT '',
    job_source          text NOT NULL DEFAULT '',
    status              text NOT NULL CHECK (status IN
                            ('TO_APPLY', 'APPLIED', 'INTERVIEW', 'OFFER', 'HIRED', 'REJECTED', 'WITHDRAWN')),
    version             integer NOT NULL DEFAULT 1,
    analysis_state      text NOT NULL CHECK (analysis_state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    -- The CMD_ANALYZE_JOB whose result the card is waiting for (Reanalyze replaces it).
    analysis_command_id uuid,
    analysis            jsonb,
    analysis_score      integer,
    analysis_error      text NOT NULL DEFAULT '',
    rating              smallint NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    follow_up_at        timestamptz,
    -- Set when the reminder fired; cleared when the follow-up is set again (snooze).
    follow_up_fired_at  timestamptz,
    interview_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, job_id)
);
CREATE INDEX applications_by_user_updated ON applications (user_id, updated_at DESC, id DESC);
CREATE INDEX applications_by_user_status_updated ON applications (user_id, status, updated_at DESC, id DESC);
CREATE INDEX applications_by_user_created ON applications (user_id, created_at DESC, id DESC);
CREATE INDEX applications_follow_up_due ON applications (follow_up_at)
    WHERE follow_up_at IS NOT NULL AND follow_up_fired_at IS NULL;

CREATE TABLE application_history (
    id             bigserial PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    user_id        text NOT NULL,
    from_status    text,  -- NULL for the creation entry
    to_status      text NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    by_user_id     text NOT NULL,
    note           text NOT NULL DEFAULT '',
    correction     boolean NOT NULL DEFAULT false,
    reopen         boolean NOT NULL DEFAULT false
);
CREATE INDEX application_history_by_application ON application_history (application_id, at, id);
CREATE INDEX application_history_by_user ON application_history (user_id);

CREATE TABLE notes (
    id             uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    user_id        text NOT NULL,
    body           text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_by_application ON notes (application_id, created_at);

-- Every analysis result or failure reported by ai_coach, keyed by its command id (idempotency).
CREATE TABLE analysis_results (
    command_id     uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    ok             boolean NOT NULL,
    analysis       jsonb,
    reason         text NOT NULL DEFAULT '',
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_results_by_application ON analysis_results (application_id);
