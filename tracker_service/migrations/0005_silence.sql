-- Silence noticed (issue 18): each application's last activity, its "no response" flag, and the
-- thresholds a user set (the defaults live in tracker_service/silence.py).

-- Creation, status moves and recorded timeline events (counted from when they happen or were
-- recorded, whichever is later). Kept by the service in the transaction of each such change.
ALTER TABLE applications ADD COLUMN last_activity_at timestamptz;
UPDATE applications a SET last_activity_at = GREATEST(
    a.created_at,
    (SELECT max(h.at) FROM application_history h WHERE h.application_id = a.id),
    (SELECT max(GREATEST(e.occurred_at, e.recorded_at)) FROM timeline_events e
     WHERE e.application_id = a.id AND e.kind <> 'NO_RESPONSE'));
ALTER TABLE applications ALTER COLUMN last_activity_at SET DEFAULT now();
ALTER TABLE applications ALTER COLUMN last_activity_at SET NOT NULL;

-- When the application was flagged "no response"; cleared by any new activity. The silence job
-- claims candidates with FOR UPDATE SKIP LOCKED and sets it in the transaction that writes the
-- reminder, so a reminder fires once per silence however many replicas run the job.
ALTER TABLE applications ADD COLUMN no_response_at timestamptz;
CREATE INDEX applications_silence_candidates ON applications (last_activity_at)
    WHERE no_response_at IS NULL AND status IN ('TO_APPLY', 'APPLIED', 'INTERVIEW', 'OFFER');

CREATE TABLE silence_thresholds (
    user_id text NOT NULL,
    status  text NOT NULL CHECK (status IN ('TO_APPLY', 'APPLIED', 'INTERVIEW', 'OFFER')),
    -- 0: never flag applications in this status.
    days    integer NOT NULL CHECK (days BETWEEN 0 AND 365),
    PRIMARY KEY (user_id, status)
);
