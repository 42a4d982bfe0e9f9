-- The feed's text search ignores case and accents: "cafe" finds "Café", "munchen" finds "München".
-- `search_text` holds title, company and description folded by discovery_service.text.fold (NFKD,
-- accents dropped, casefold), written by the service with every posting; queries are folded the same
-- way. No `unaccent` extension: it may be missing on a managed PostgreSQL and needs privileges.
ALTER TABLE jobs ADD COLUMN search_text text;

-- Postings stored before this migration are folded here, in SQL, as `fold` does in Python: the letters
-- NFKD keeps whole spelt out, NFKD, combining marks removed, lower case. (lower() follows the database's
-- collation: under the C collation non-Latin capitals, e.g. Cyrillic, stay as they were, as they did in
-- the search before. Everything the service writes from now on is folded in Python.)
CREATE FUNCTION pg_temp.fold(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT lower(regexp_replace(
        normalize(replace(replace(replace(replace(replace(replace(replace(replace(
            translate(value, 'øØłŁđĐı', 'oollddi'),
            'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'þ', 'th'), 'Þ', 'th'), NFKD),
        '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'))
$$;

UPDATE jobs SET search_text = pg_temp.fold(title) || E'\n' || pg_temp.fold(company) || E'\n'
                              || pg_temp.fold(left(description_text, 200000));

DROP FUNCTION pg_temp.fold(text);

ALTER TABLE jobs ALTER COLUMN search_text SET NOT NULL;

-- The search vector now reads the folded text ('simple': no stemming, any language).
DROP INDEX jobs_search;
ALTER TABLE jobs DROP COLUMN search;
ALTER TABLE jobs ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX jobs_search ON jobs USING gin (search);
