"""Resource limits for parsing one untrusted PDF in a child process."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """Bounds that keep a hostile PDF from taking the worker down or hanging it.

    max_bytes is checked before any child starts; max_pages against both the declared page count
    and the page tree; memory_bytes (RLIMIT_AS) and cpu_seconds (RLIMIT_CPU) are set inside the
    child; wall_seconds is enforced by the parent, which kills the child when it expires (a child
    blocked on I/O or sleeping uses no CPU, so RLIMIT_CPU alone would not catch it).
    """

    max_bytes: int = 10 * 1024 * 1024
    max_pages: int = 30
    memory_bytes: int = 768 * 1024 * 1024
    cpu_seconds: int = 20
    wall_seconds: float = 30.0

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "memory_bytes", "cpu_seconds", "wall_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"ParseLimits.{name} must be positive")


DEFAULT_LIMITS = ParseLimits()
