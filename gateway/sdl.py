"""The committed SDL of the public API, `gateway/schema.graphql`: what the web app's types are generated from.

`python -m gateway.sdl` rewrites it from the code (strawberry's printer, what `strawberry export-schema`
runs); `python -m gateway.sdl --check` exits 1 when the file differs, and a unit test does the same, so
the file cannot drift from the resolvers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from strawberry.printer import print_schema

SDL_PATH = Path(__file__).with_name("schema.graphql")


def current_sdl() -> str:
    from gateway.schema import schema

    return print_schema(schema) + "\n"


def main(argv: list[str]) -> int:
    sdl = current_sdl()
    if "--check" in argv:
        if not SDL_PATH.exists() or SDL_PATH.read_text(encoding="utf-8") != sdl:
            print(f"{SDL_PATH} is out of date: run `make schema` and commit it", file=sys.stderr)
            return 1
        return 0
    SDL_PATH.write_text(sdl, encoding="utf-8")
    print(f"wrote {SDL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
