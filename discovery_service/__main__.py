"""Run discovery_service: `python -m discovery_service`."""

import asyncio

from discovery_service.server import serve

if __name__ == "__main__":
    asyncio.run(serve())
