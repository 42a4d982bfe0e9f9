-- The transactional outbox, created in the schema of every service that emits commands or events.
CREATE TABLE outbox (
    id                uuid PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('command', 'event')),
    channel           text NOT NULL,
    user_id           text NOT NULL,
    payload           jsonb NOT NULL,
    status            text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PUBLISHED', 'DONE', 'FAILED')),
    attempts          integer NOT NULL DEFAULT 0,
    max_attempts      integer NOT NULL,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_published_at timestamptz,
    completed_at      timestamptz,
    last_error        text
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('PENDING', 'PUBLISHED');
