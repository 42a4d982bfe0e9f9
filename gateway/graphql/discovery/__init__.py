"""The inbox (job feed), postings added by hand or URL, discovery runs."""
