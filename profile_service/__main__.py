"""Run profile_service: `python -m profile_service`."""

import asyncio

from profile_service.server import serve

if __name__ == "__main__":
    asyncio.run(serve())
