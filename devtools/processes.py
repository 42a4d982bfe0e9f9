"""The mesh's five processes, as the dev tools see them: how to start each one, where its settings
class is, and which of its settings is its port (the default port is that setting's default, so it is
written in one place, the process's own settings)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from pydantic_settings import BaseSettings


@dataclass(frozen=True, slots=True)
class Process:
    name: str  # `python -m <name>`
    settings_path: str  # "module:Class"
    port_setting: str  # the field of that class holding the port the process listens on
    grpc: bool  # a gRPC service (health over grpc.health.v1), else an HTTP health endpoint

    @property
    def settings_class(self) -> type[BaseSettings]:
        module, _, attribute = self.settings_path.partition(":")
        return getattr(importlib.import_module(module), attribute)

    @property
    def default_port(self) -> int:
        return self.settings_class.model_fields[self.port_setting].default


# In start order: the services first (they wait for each other before SERVING), then the worker and the edge.
ALL = (
    Process("profile_service", "profile_service.settings:ProfileSettings", "grpc_port", grpc=True),
    Process("tracker_service", "tracker_service.settings:TrackerSettings", "grpc_port", grpc=True),
    Process("discovery_service", "discovery_service.settings:DiscoverySettings", "grpc_port", grpc=True),
    Process("ai_coach", "ai_coach.settings:AiCoachSettings", "ai_coach_health_port", grpc=False),
    Process("gateway", "gateway.config:GatewaySettings", "port", grpc=False),
)
BY_NAME = {process.name: process for process in ALL}
PROCESSES = tuple(process.name for process in ALL)
GRPC_SERVICES = tuple(process.name for process in ALL if process.grpc)
# The address variable through which the other processes find each gRPC service.
ADDRESS_SETTINGS = {"profile_service": "profile_addr", "tracker_service": "tracker_addr",
                    "discovery_service": "discovery_addr"}


def default_ports() -> dict[str, int]:
    return {process.name: process.default_port for process in ALL}
