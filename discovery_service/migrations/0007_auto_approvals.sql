-- Auto-apply (issue 19, docs/hh.md "Auto-apply"): the postings discovery asked the tracker to approve on
-- the user's behalf (one AUTO_APPROVE command each, ever), and how that ended.
CREATE TABLE auto_approvals (
    job_id           uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    user_id          text NOT NULL,
    search_config_id text NOT NULL,
    fit_score        double precision NOT NULL,
    command_id       text NOT NULL,
    -- ASKED: command written; APPROVED: the posting was set APPROVED by it (the tracker not answered yet);
    -- DONE: the tracker approved it; SKIPPED: the posting was no longer pending (the user decided first),
    -- the kill switch was on or the user cannot apply on HH (reason).
    state            text NOT NULL CHECK (state IN ('ASKED', 'APPROVED', 'DONE', 'SKIPPED')),
    reason           text NOT NULL DEFAULT '',
    application_id   text NOT NULL DEFAULT '',
    asked_at         timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auto_approvals_user ON auto_approvals (user_id, asked_at);
