-- Which fields of a posting were inferred rather than given as data by its source: read from a page's
-- structure (AddJobByUrl on a page without schema.org data) or pay read from a description. The names
-- are discovery_service.domain.INFERABLE_FIELDS. Postings stored before this inferred nothing.
ALTER TABLE jobs ADD COLUMN inferred_fields text[] NOT NULL DEFAULT '{}';
