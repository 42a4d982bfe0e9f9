-- Discovery's own schedule: one row per active saved search, refreshed from profile on every tick.
-- Replicas claim due rows with FOR UPDATE SKIP LOCKED, so no saved search is run twice at once.
CREATE TABLE search_schedules (
    search_config_id  text PRIMARY KEY,
    user_id           text NOT NULL,
    config            jsonb NOT NULL,  -- profile's SearchConfig as JSON (protobuf JSON mapping)
    interval_minutes  integer NOT NULL CHECK (interval_minutes > 0),
    active            boolean NOT NULL DEFAULT true,
    next_run_at       timestamptz NOT NULL DEFAULT now(),
    claimed_by        text,
    claimed_at        timestamptz,
    synced_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX search_schedules_due ON search_schedules (next_run_at) WHERE active AND claimed_by IS NULL;
CREATE INDEX search_schedules_claimed ON search_schedules (claimed_at) WHERE claimed_by IS NOT NULL;

CREATE TABLE discovery_runs (
    id                  uuid PRIMARY KEY,
    seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    search_config_id    text NOT NULL,
    user_id             text NOT NULL,
    trigger             text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    status              text NOT NULL DEFAULT 'RUNNING'
                        CHECK (status IN ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED')),
    runner              text NOT NULL,  -- which process ran it
    fetched             integer NOT NULL DEFAULT 0,
    new_count           integer NOT NULL DEFAULT 0,
    duplicates          integer NOT NULL DEFAULT 0,
    filtered            integer NOT NULL DEFAULT 0,
    filtered_by_reason  jsonb NOT NULL DEFAULT '{}',
    errors              jsonb NOT NULL DEFAULT '[]',  -- [{"source": ..., "reason": ...}]
    skipped             jsonb NOT NULL DEFAULT '[]',
    started_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz
);

CREATE INDEX discovery_runs_user ON discovery_runs (user_id, seq DESC);
CREATE INDEX discovery_runs_config ON discovery_runs (search_config_id, seq DESC);
CREATE INDEX discovery_runs_running ON discovery_runs (started_at) WHERE status = 'RUNNING';

-- When each source was last called for each saved search (boards' minimum intervals, e.g. Remotive's).
CREATE TABLE source_fetches (
    search_config_id  text NOT NULL,
    source            text NOT NULL,
    fetched_at        timestamptz NOT NULL,
    PRIMARY KEY (search_config_id, source)
);
