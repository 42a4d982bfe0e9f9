"""`make eval`: quality figures measured on real data the rules were not written on.

Each section is a module of this package with a ``run()`` that prints its figures (per file or resume,
then in total). Figures are reported, never asserted here: the conformance tests hold the floors.
``python -m evals`` runs every section; ``python -m evals ranking`` runs the named ones.
"""
