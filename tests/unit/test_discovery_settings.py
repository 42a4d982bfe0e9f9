"""Discovery's settings: job-board host overrides come as JSON and are refused in production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from discovery_service.settings import DiscoverySettings


def test_board_overrides_are_read_from_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_BASE_URL_OVERRIDES", '{"greenhouse": "http://127.0.0.1:8001"}')
    assert DiscoverySettings(jobmate_env="dev").source_base_url_overrides == {"greenhouse": "http://127.0.0.1:8001"}


def test_board_overrides_are_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_BASE_URL_OVERRIDES", '{"greenhouse": "http://127.0.0.1:8001"}')
    with pytest.raises(ValidationError, match="SOURCE_BASE_URL_OVERRIDES is for dev and test only"):
        DiscoverySettings(jobmate_env="prod")


def test_the_hh_user_agent_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HH_USER_AGENT", " JobMate/1.0 (jobs@example.org) ")
    assert DiscoverySettings().hh_user_agent == "JobMate/1.0 (jobs@example.org)"


def test_an_hh_user_agent_without_a_contact_email_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HH_USER_AGENT", "JobMate/1.0")
    with pytest.raises(ValidationError, match=r'like "JobMate/1.0 \(you@example.org\)"'):
        DiscoverySettings()
