-- The rest of the CRM (issue 18): contacts at a company, the recorded timeline events of an
-- application (and the contacts who took part), salary observations, and `imported_ref` on what an
-- import can bring, so importing the same file again adds nothing twice.

CREATE TABLE contacts (
    id           uuid PRIMARY KEY,
    user_id      text NOT NULL,
    company_id   uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name         text NOT NULL,
    role         text NOT NULL DEFAULT '',
    email        text NOT NULL DEFAULT '',
    phone        text NOT NULL DEFAULT '',
    profile_url  text NOT NULL DEFAULT '',
    notes        text NOT NULL DEFAULT '',
    -- The id the record had in the export it was imported from.
    imported_ref text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_by_company ON contacts (company_id, name, id);
CREATE UNIQUE INDEX contacts_imported ON contacts (user_id, imported_ref) WHERE imported_ref IS NOT NULL;

-- Events the user records (RECRUITER_CALL ... CUSTOM) and the "no response" reminders the tracker
-- writes. Status moves, analyses, card notes and follow-ups stay where they are kept and are merged
-- into the timeline when it is read.
CREATE TABLE timeline_events (
    id             uuid PRIMARY KEY,
    user_id        text NOT NULL,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           text NOT NULL CHECK (kind IN ('RECRUITER_CALL', 'INTERVIEW', 'ASSESSMENT', 'OFFER', 'REJECTION',
                                                 'EMAIL_SENT', 'EMAIL_RECEIVED', 'NOTE', 'CUSTOM', 'NO_RESPONSE')),
    title          text NOT NULL DEFAULT '',
    body           text NOT NULL DEFAULT '',
    -- The kind's own fields (an interview's stage, place, link...), as tracker_service/domain.py names them.
    details        jsonb NOT NULL DEFAULT '{}',
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    imported_ref   text
);
CREATE INDEX timeline_events_by_application ON timeline_events (application_id, occurred_at DESC, id DESC);
CREATE INDEX timeline_events_interviews ON timeline_events (user_id, occurred_at) WHERE kind = 'INTERVIEW';
CREATE UNIQUE INDEX timeline_events_imported ON timeline_events (user_id, imported_ref) WHERE imported_ref IS NOT NULL;

CREATE TABLE event_contacts (
    event_id   uuid NOT NULL REFERENCES timeline_events (id) ON DELETE CASCADE,
    contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, contact_id)
);
CREATE INDEX event_contacts_by_contact ON event_contacts (contact_id);

CREATE TABLE salary_observations (
    id             uuid PRIMARY KEY,
    user_id        text NOT NULL,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           text NOT NULL CHECK (kind IN ('ADVERTISED', 'ASKED', 'OFFERED')),
    amount_min     double precision CHECK (amount_min >= 0),
    amount_max     double precision CHECK (amount_max >= 0),
    -- ISO 4217; empty only when an advertised salary did not say.
    currency       text NOT NULL DEFAULT '',
    -- HOUR, DAY, WEEK, MONTH, YEAR; empty only when an advertised salary did not say.
    period         text NOT NULL DEFAULT '' CHECK (period IN ('', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
    gross          boolean,
    -- The board's own wording, when it gave some.
    text           text NOT NULL DEFAULT '',
    note           text NOT NULL DEFAULT '',
    observed_at    timestamptz NOT NULL DEFAULT now(),
    -- An OFFER event's figures: edited and deleted with the event.
    event_id       uuid UNIQUE REFERENCES timeline_events (id) ON DELETE CASCADE,
    imported_ref   text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (amount_min IS NOT NULL OR amount_max IS NOT NULL),
    CHECK (amount_min IS NULL OR amount_max IS NULL OR amount_min <= amount_max)
);
CREATE INDEX salary_observations_by_application ON salary_observations (application_id, observed_at, id);
CREATE UNIQUE INDEX salary_observations_imported ON salary_observations (user_id, imported_ref)
    WHERE imported_ref IS NOT NULL;

ALTER TABLE companies ADD COLUMN imported_ref text;
CREATE UNIQUE INDEX companies_imported ON companies (user_id, imported_ref) WHERE imported_ref IS NOT NULL;
ALTER TABLE applications ADD COLUMN imported_ref text;
CREATE UNIQUE INDEX applications_imported ON applications (user_id, imported_ref) WHERE imported_ref IS NOT NULL;
ALTER TABLE notes ADD COLUMN imported_ref text;
CREATE UNIQUE INDEX notes_imported ON notes (user_id, imported_ref) WHERE imported_ref IS NOT NULL;

-- An imported application without a posting to analyse asks for no analysis.
ALTER TABLE applications DROP CONSTRAINT applications_analysis_state_check;
ALTER TABLE applications ADD CONSTRAINT applications_analysis_state_check
    CHECK (analysis_state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'NOT_REQUESTED'));
