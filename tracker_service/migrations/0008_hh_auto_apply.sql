-- Auto-apply (issue 19, docs/hh.md "Auto-apply"): automatic applies are rows of hh_applies like manual
-- ones (one per user, vacancy and resume, so nothing is applied twice), with states of their own before
-- they join the queue; the per-user kill switch; the per-search daily count of automatic applies.

ALTER TABLE hh_applies DROP CONSTRAINT hh_applies_state_check;
ALTER TABLE hh_applies ADD CONSTRAINT hh_applies_state_check CHECK (state IN (
    'QUEUED', 'SENDING', 'APPLIED', 'NEEDS_USER', 'FAILED',
    -- automatic: waiting for the analysis's letter; waiting for the search's daily cap (not_before)
    'PREPARING', 'CAPPED',
    -- dry run: the letter waits for the user's review; the user discarded it
    'REVIEW', 'DISCARDED',
    -- the kill switch stopped it before it went out
    'STOPPED'));
ALTER TABLE hh_applies ADD COLUMN search_config_id text NOT NULL DEFAULT '';
ALTER TABLE hh_applies ADD COLUMN daily_cap integer NOT NULL DEFAULT 0;
ALTER TABLE hh_applies ADD COLUMN dry_run boolean NOT NULL DEFAULT false;
CREATE INDEX hh_applies_capped ON hh_applies (not_before, created_at) WHERE state = 'CAPPED';
CREATE INDEX hh_applies_preparing ON hh_applies (application_id) WHERE state = 'PREPARING';

-- Whether each outcome was the automation's (an automatic apply, a dry-run letter) or the user's (a
-- letter for review that the user sent): the timeline marks the automatic ones.
ALTER TABLE hh_apply_events ADD COLUMN automatic boolean NOT NULL DEFAULT false;
UPDATE hh_apply_events x SET automatic = p.automatic FROM hh_applies p WHERE p.id = x.apply_id;
ALTER TABLE hh_apply_events DROP CONSTRAINT hh_apply_events_outcome_check;
ALTER TABLE hh_apply_events ADD CONSTRAINT hh_apply_events_outcome_check CHECK (outcome IN (
    'QUEUED', 'APPLIED', 'NEEDS_USER', 'WAITING', 'FAILED', 'REVIEW', 'DISCARDED', 'STOPPED'));

-- The kill switch: a user with stopped = true gets no automatic approval and no automatic apply.
CREATE TABLE auto_apply_switches (
    user_id    text PRIMARY KEY,
    stopped    boolean NOT NULL,
    changed_at timestamptz NOT NULL
);

-- Automatic applies queued per saved search and UTC day: the daily cap is checked and counted under this
-- row's lock (INSERT ... ON CONFLICT DO UPDATE ... WHERE applies < cap), so replicas never exceed it.
CREATE TABLE auto_apply_days (
    user_id          text NOT NULL,
    search_config_id text NOT NULL,
    day              date NOT NULL,
    applies          integer NOT NULL CHECK (applies >= 0),
    PRIMARY KEY (user_id, search_config_id, day)
);
