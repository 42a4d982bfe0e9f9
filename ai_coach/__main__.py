"""Run the ai_coach worker: `python -m ai_coach`."""

import asyncio

from ai_coach.worker import serve

if __name__ == "__main__":
    asyncio.run(serve())
