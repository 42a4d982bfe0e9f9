-- Each posting's fit score for its user's profile (ai_coach's FitScorer, written by RecordFitScores), so
-- the inbox can be read best fit first. No row: not scored yet. A table of its own rather than columns
-- of `jobs`: rescoring an inbox after a profile change rewrites these small rows only, not the postings
-- (and their full-text index entries). A score computed from an older profile (fit_profile_updated_at)
-- than the one stored is refused, so a late answer never replaces a fresher one.
CREATE TABLE job_fits (
    job_id                  uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    fit_score               double precision NOT NULL,
    fit_confidence          double precision NOT NULL,
    fit_reasons             text[] NOT NULL DEFAULT '{}',
    fit_missing             text[] NOT NULL DEFAULT '{}',
    fit_model               text NOT NULL DEFAULT '',
    fit_profile_updated_at  timestamptz,
    fit_scored_at           timestamptz NOT NULL DEFAULT now()
);

-- SCORE_POSTINGS commands answered (RecordFitScores is idempotent by command id); purged with the
-- tombstones of job_keys.
CREATE TABLE fit_commands_done (
    command_id  text PRIMARY KEY,
    user_id     text NOT NULL,
    recorded    integer NOT NULL,
    done_at     timestamptz NOT NULL DEFAULT now()
);
