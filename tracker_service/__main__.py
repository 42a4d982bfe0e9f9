"""Run tracker_service: `python -m tracker_service`."""

import asyncio

from tracker_service.server import serve

if __name__ == "__main__":
    asyncio.run(serve())
