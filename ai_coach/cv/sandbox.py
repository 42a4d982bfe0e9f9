"""The extraction sandbox, parent side: starts `python -m ai_coach.cv.sandbox_child`, feeds it the PDF,
enforces the wall-clock limit, and translates every way the child can end into a CvParseError.
`ParseLimits` are the bounds it works within.

A fresh child per document (not a pool) keeps one hostile file from leaving state behind for the next,
and lets the kernel reclaim everything it allocated. Start-up costs a few hundred milliseconds, small
next to layout analysis.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ai_coach.cv.errors import (
    EXIT_OUT_OF_MEMORY,
    MALFORMED,
    NOT_A_PDF,
    RESOURCE_LIMIT,
    TIMEOUT,
    TOO_LARGE,
    CvParseError,
)

IMPORT_ROOT = Path(__file__).resolve().parents[2]
# The header may follow some junk bytes (PDF readers accept up to 1 KiB of it).
HEADER_WINDOW = 1024


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


def check_input(data: bytes, limits: ParseLimits) -> None:
    """Cheap checks made before any child starts."""
    if len(data) > limits.max_bytes:
        raise CvParseError(
            TOO_LARGE,
            f"This file is {len(data) / 1_048_576:.1f} MB; CVs up to {limits.max_bytes / 1_048_576:.0f} MB are accepted.",
        )
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise CvParseError(NOT_A_PDF, "This file is not a PDF. Please upload your CV as a PDF document.")


def child_command(limits: ParseLimits) -> list[str]:
    limits_json = json.dumps(
        {
            "memory_bytes": limits.memory_bytes,
            "cpu_seconds": limits.cpu_seconds,
            "max_pages": limits.max_pages,
        }
    )
    return [sys.executable, "-m", "ai_coach.cv.sandbox_child", limits_json]


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(IMPORT_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONHASHSEED"] = "0"
    return env


def timeout_error(limits: ParseLimits) -> CvParseError:
    return CvParseError(
        TIMEOUT,
        f"Reading this PDF took longer than {limits.wall_seconds:g} seconds, so it was stopped. "
        "It may be damaged or unusually complex; try exporting it again.",
    )


def interpret_child_result(returncode: int, stdout: bytes) -> dict[str, Any]:
    """The child's JSON answer, or the CvParseError that its exit status stands for."""
    if returncode == 0:
        try:
            result = json.loads(stdout)
        except ValueError:
            result = None
        if isinstance(result, dict):
            if result.get("ok"):
                return result
            raise CvParseError(str(result["code"]), str(result["message"]))
    # SIGXCPU: RLIMIT_CPU reached; SIGKILL: the hard CPU limit (or the OOM killer); SIGABRT: the
    # interpreter aborted because it could not allocate; EXIT_OUT_OF_MEMORY: MemoryError outside the guard.
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL, -signal.SIGABRT, EXIT_OUT_OF_MEMORY):
        raise CvParseError(
            RESOURCE_LIMIT,
            "Reading this PDF needed more computing resources than a CV should; it may be damaged or built to overload readers.",
        )
    raise CvParseError(MALFORMED, "This PDF is damaged and cannot be read.")


def run_extraction(data: bytes, limits: ParseLimits) -> dict[str, Any]:
    check_input(data, limits)
    try:
        completed = subprocess.run(
            child_command(limits),
            input=data,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=child_environment(),
            timeout=limits.wall_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # subprocess.run has already killed and reaped the child
        raise timeout_error(limits) from exc
    return interpret_child_result(completed.returncode, completed.stdout)


async def run_extraction_async(data: bytes, limits: ParseLimits) -> dict[str, Any]:
    check_input(data, limits)
    process = await asyncio.create_subprocess_exec(
        *child_command(limits),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=child_environment(),
    )
    try:
        stdout, _ = await asyncio.wait_for(process.communicate(data), timeout=limits.wall_seconds)
    except TimeoutError as exc:
        process.kill()
        await process.wait()
        raise timeout_error(limits) from exc
    except BaseException:
        # Cancelled (e.g. the worker is shutting down): never leave an orphan child behind.
        if process.returncode is None:
            process.kill()
            await process.wait()
        raise
    assert process.returncode is not None
    return interpret_child_result(process.returncode, stdout)
