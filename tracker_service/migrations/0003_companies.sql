-- Companies, per user (issue 18). An application belongs to one, found or created from the posting's
-- company by its normalised name (`name_key`, tracker_service/companies.py `company_key`), so
-- "ACME Inc.", "Acme" and "acme, inc" are one company.
CREATE TABLE companies (
    id          uuid PRIMARY KEY,
    user_id     text NOT NULL,
    name        text NOT NULL,
    name_key    text NOT NULL,
    website     text NOT NULL DEFAULT '',
    careers_url text NOT NULL DEFAULT '',
    -- The job board and its token there ("greenhouse", "acme"), when a posting's URL showed them.
    board       text NOT NULL DEFAULT '',
    board_token text NOT NULL DEFAULT '',
    notes       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, name_key)
);
CREATE INDEX companies_by_user_name ON companies (user_id, name, id);

ALTER TABLE applications ADD COLUMN company_id uuid REFERENCES companies (id);

-- Applications stored before this migration are linked here. `company_key` as companies.py computes
-- it, in SQL (tests/integration/test_tracker_migrations.py checks that both agree): letters NFKD keeps
-- whole spelt out, NFKD, accents dropped, lower case; "&" read as "and"; dots and apostrophes dropped
-- (L.L.C. -> llc); any other non-alphanumeric run splits words; a leading "the", leading Russian
-- forms (ООО, ЗАО...) and trailing legal forms removed while a word is left; the words joined.
-- (lower() and [[:alnum:]] follow the database's ctype: under a plain "C" ctype non-ASCII capitals
-- stay capitals here, so such a company could be created once more by the service later.)
CREATE FUNCTION pg_temp.company_words(value text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT array_remove(regexp_split_to_array(
        regexp_replace(regexp_replace(replace(lower(regexp_replace(
            normalize(replace(replace(replace(replace(replace(replace(replace(replace(
                translate(value, 'øØłŁđĐı', 'oollddi'),
                'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'þ', 'th'), 'Þ', 'th'), NFKD),
            '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g')),
            '&', ' and '), '[.''’‘`]', '', 'g'), '[^[:alnum:]]+', ' ', 'g'),
        ' '), '')
$$;

-- The legal forms, as companies.py lists them (LEADING_FORMS, TRAILING_FORMS), words joined by spaces.
CREATE TEMPORARY TABLE legal_forms (words text[] NOT NULL, before_name boolean NOT NULL);
INSERT INTO legal_forms (words, before_name)
SELECT string_to_array(form, ' '), false FROM unnest(ARRAY[
    'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'lc', 'llp', 'lp', 'pllc',
    'ltd', 'limited', 'plc', 'pc', 'pbc', 'co ltd', 'co inc', 'co llc', 'and co', 'and company',
    'limited liability company',
    'pty', 'pty ltd', 'pvt', 'pvt ltd', 'private limited', 'pte', 'pte ltd', 'sdn bhd', 'bhd', 'berhad',
    'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'ug haftungsbeschrankt', 'ev', 'eg', 'se',
    'gmbh and co kg', 'gmbh co kg', 'ag and co kg', 'and co kg', 'co kg', 'gmbh and co kgaa',
    'sa', 'sas', 'sasu', 'sarl', 'eurl', 'snc', 'sca', 'scop', 'sci', 'selarl',
    'sl', 'slu', 'sau', 'sa de cv', 'sab de cv', 'sab', 'sapi de cv', 's de rl de cv', 'de cv', 'ltda', 's a', 'eireli',
    'spa', 'srl', 'srls', 'sapa',
    'lda',
    'bv', 'nv', 'vof', 'bvba', 'sprl',
    'ab', 'ab publ', 'publ', 'asa', 'as', 'a s', 'aps', 'oy', 'oyj', 'hf', 'ehf',
    'sp z oo', 'spolka z oo', 'sro', 'spol s ro', 'kft', 'zrt', 'nyrt', 'bt', 'doo', 'dd', 'ad',
    'kk', 'kabushiki kaisha', 'gk', 'godo kaisha',
    'ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'тоо', 'ooo'
]) AS form
UNION ALL
SELECT string_to_array(form, ' '), true FROM unnest(ARRAY[
    'ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'тоо', 'ано', 'нко', 'фгуп', 'гуп', 'муп', 'ooo', 'oao', 'zao', 'pao'
]) AS form;

CREATE FUNCTION pg_temp.company_key(value text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    words text[] := pg_temp.company_words(value);
    form text[];
    changed boolean := true;
BEGIN
    IF cardinality(words) > 1 AND words[1] = 'the' THEN
        words := words[2:];
    END IF;
    WHILE changed LOOP
        changed := false;
        FOR form IN SELECT f.words FROM legal_forms f WHERE f.before_name ORDER BY cardinality(f.words) DESC LOOP
            IF cardinality(words) > cardinality(form) AND words[1:cardinality(form)] = form THEN
                words := words[cardinality(form) + 1:];
                changed := true;
                EXIT;
            END IF;
        END LOOP;
        FOR form IN SELECT f.words FROM legal_forms f WHERE NOT f.before_name ORDER BY cardinality(f.words) DESC LOOP
            IF cardinality(words) > cardinality(form)
                    AND words[cardinality(words) - cardinality(form) + 1:] = form THEN
                words := words[1:cardinality(words) - cardinality(form)];
                changed := true;
                EXIT;
            END IF;
        END LOOP;
    END LOOP;
    RETURN array_to_string(words, '');
END
$$;

CREATE TEMPORARY TABLE application_keys ON COMMIT DROP AS
    SELECT id, user_id, btrim(job_company) AS name, pg_temp.company_key(job_company) AS name_key, created_at
    FROM applications;

-- One company per user and key, named as its earliest application named it.
INSERT INTO companies (id, user_id, name, name_key, created_at, updated_at)
SELECT gen_random_uuid(), user_id, CASE WHEN name_key = '' THEN 'Unknown company' ELSE name END, name_key,
       created_at, created_at
FROM (SELECT DISTINCT ON (user_id, name_key) user_id, name, name_key, created_at
      FROM application_keys ORDER BY user_id, name_key, created_at, id) first_named;

UPDATE applications a SET company_id = c.id
FROM application_keys k JOIN companies c ON c.user_id = k.user_id AND c.name_key = k.name_key
WHERE a.id = k.id;

DROP TABLE legal_forms;
DROP FUNCTION pg_temp.company_key(text);
DROP FUNCTION pg_temp.company_words(text);

ALTER TABLE applications ALTER COLUMN company_id SET NOT NULL;
CREATE INDEX applications_by_company ON applications (company_id, updated_at DESC, id DESC);
