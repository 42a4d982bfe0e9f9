"""Applications on the Kanban board: history, notes, ratings, follow-ups, analyses, stats, calendar."""
