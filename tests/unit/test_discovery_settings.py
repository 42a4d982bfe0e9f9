"""Discovery's settings: job-board host overrides come as JSON and are refused in production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from common.settings import Settings


def test_board_overrides_are_read_from_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_BASE_URL_OVERRIDES", '{"greenhouse": "http://127.0.0.1:8001"}')
    assert Settings(jobmate_env="dev").source_base_url_overrides == {"greenhouse": "http://127.0.0.1:8001"}


def test_board_overrides_are_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_BASE_URL_OVERRIDES", '{"greenhouse": "http://127.0.0.1:8001"}')
    with pytest.raises(ValidationError, match="SOURCE_BASE_URL_OVERRIDES is for dev and test only"):
        Settings(jobmate_env="prod")
