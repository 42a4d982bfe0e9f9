"""ai_coach: CV reading, fit scores and analyses (see README.md)."""

import os

# numpy's OpenBLAS starts a thread per core at import and spreads every matrix product over them. The
# fit score's products are small (a few postings against 1,016 occupations of 256 dimensions), so the
# threads cost more in hand-offs and spinning than they save, and they take the other core from the
# services the mesh runs beside ai_coach. One thread: 441 -> about 640 fit scores per CPU-second on
# this machine (`python -m bench fit_scoring`, docs/benchmarks.md). Set here, before any ai_coach
# module imports numpy; an operator's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
