-- Each posting's fit score for its user's profile (ai_coach's FitScorer, written by RecordFitScores), so
-- the inbox can be read best fit first. NULL score: not scored yet. A score computed from an older
-- profile (fit_profile_updated_at) than one already stored is refused, so a late answer never
-- replaces a fresher one; a profile change asks for new scores, which replace the stale ones.
ALTER TABLE jobs
    ADD COLUMN fit_score double precision,
    ADD COLUMN fit_confidence double precision,
    ADD COLUMN fit_reasons text[] NOT NULL DEFAULT '{}',
    ADD COLUMN fit_missing text[] NOT NULL DEFAULT '{}',
    ADD COLUMN fit_model text NOT NULL DEFAULT '',
    ADD COLUMN fit_profile_updated_at timestamptz,
    ADD COLUMN fit_scored_at timestamptz;

-- The feed sorted by fit: scored first by score, then the rest, newest first within each.
CREATE INDEX jobs_feed_fit ON jobs (user_id, status, (fit_score IS NULL), fit_score DESC, seq DESC);

-- SCORE_POSTINGS commands answered (RecordFitScores is idempotent by command id).
CREATE TABLE fit_commands_done (
    command_id  text PRIMARY KEY,
    user_id     text NOT NULL,
    recorded    integer NOT NULL,
    done_at     timestamptz NOT NULL DEFAULT now()
);
