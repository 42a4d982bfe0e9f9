-- The inbox: one row per posting per user (the same board posting found for two users is two rows).
CREATE TABLE jobs (
    id                uuid PRIMARY KEY,
    -- Insertion order: the feed's "newest first" and its keyset cursor.
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    user_id           text NOT NULL,
    source            text NOT NULL,
    external_id       text NOT NULL,
    url               text NOT NULL,
    title             text NOT NULL,
    company           text NOT NULL DEFAULT '',
    locations         text[] NOT NULL DEFAULT '{}',
    remote_type       text NOT NULL DEFAULT 'UNKNOWN',
    salary_min        double precision,
    salary_max        double precision,
    salary_currency   text,
    salary_period     text NOT NULL DEFAULT 'UNKNOWN',
    salary_gross      boolean,
    salary_text       text,
    employment_type   text NOT NULL DEFAULT '',
    description_text  text NOT NULL DEFAULT '',
    description_html  text NOT NULL DEFAULT '',
    skills            text[] NOT NULL DEFAULT '{}',
    posted_at         timestamptz,
    raw               jsonb NOT NULL DEFAULT '{}',
    source_urls       text[] NOT NULL DEFAULT '{}',
    language          text NOT NULL DEFAULT '',
    status            text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    red_flags         text[] NOT NULL DEFAULT '{}',
    search_config_id  text NOT NULL DEFAULT '',
    origin            text NOT NULL CHECK (origin IN ('schedule', 'manual', 'url', 'ingest')),
    start_date        text NOT NULL DEFAULT '',
    duration          text NOT NULL DEFAULT '',
    why_us            text NOT NULL DEFAULT '',
    discovered_at     timestamptz NOT NULL DEFAULT now(),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    -- Full-text search over title, company and description ('simple': no stemming, any language).
    search            tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A')
        || setweight(to_tsvector('simple', company), 'B')
        || setweight(to_tsvector('simple', left(description_text, 200000)), 'C')
    ) STORED
);

CREATE INDEX jobs_feed ON jobs (user_id, status, seq DESC);
CREATE INDEX jobs_feed_all ON jobs (user_id, seq DESC);
CREATE INDEX jobs_search ON jobs USING gin (search);
CREATE INDEX jobs_expiry ON jobs (status, status_changed_at) WHERE status IN ('PENDING', 'REJECTED');

-- Everything a posting is recognised by, per user: "src:<source>:<external id>", "url:<canonical URL>"
-- (one per source URL) and "fp:<fingerprint>". A merged posting owns the keys of every copy.
-- When a posting is purged its keys stay behind (job_id NULL) so it does not come back on the next run.
CREATE TABLE job_keys (
    user_id  text NOT NULL,
    key      text NOT NULL,
    job_id   uuid REFERENCES jobs (id) ON DELETE SET NULL,
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

CREATE INDEX job_keys_job ON job_keys (job_id);
CREATE INDEX job_keys_tombstones ON job_keys (seen_at) WHERE job_id IS NULL;
