-- What a parsed CV did not give (issue: CV fields the parser could not read reach the user), so the
-- profile page can ask for them: `fields_unread`, the profile fields whose reader failed on this CV's
-- layout; `fields_missing`, the expected ones (profile_rules.EXPECTED_FROM_CV) it found nothing for.
-- Names are profile field paths as in `fields_filled`. CVs parsed before this say nothing of either.
ALTER TABLE cv_files
    ADD COLUMN fields_unread  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN fields_missing text[] NOT NULL DEFAULT '{}';
