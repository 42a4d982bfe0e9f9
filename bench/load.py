"""The load run of `make load` (50 users triaging and moving cards, 500 idle SSE clients, 60 s), so its
throughput, latency percentiles and error count land in docs/benchmarks.md with the other figures.
The run itself lives in tests/load (`python -m tests.load`); this only starts it with its defaults.
"""

import runpy
import sys

if __name__ == "__main__":
    sys.argv = ["tests.load", *sys.argv[1:]]
    runpy.run_module("tests.load", run_name="__main__", alter_sys=True)
