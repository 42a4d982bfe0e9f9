"""A service started through the shared runtime: migrations applied, health SERVING, auth enforced,
periodic jobs run on the runtime's scheduler and stopped at shutdown."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.migrate import SchemaMigrations
from common.service import ServiceRuntime
from common.settings import GrpcServiceSettings
from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tests.helpers import wait_for


async def health(address: str) -> int:
    async with grpc.aio.insecure_channel(address) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        return reply.status


async def test_services_serve_once_their_downstream_services_are_up_in_any_start_order(services) -> None:
    # Started callers first: each waits (NOT_SERVING) for the services it calls, then turns SERVING.
    names = ["tracker_service", "discovery_service", "profile_service"]
    runtimes = {name: await services.start(name) for name in names}
    for name, runtime in runtimes.items():
        await runtime.wait_serving()
        assert await health(services.address(name)) == health_pb2.HealthCheckResponse.SERVING
        versions = await runtime.pool.fetch(f"SELECT version FROM {runtime.schema}.schema_migrations")
        assert "outbox-0001" in {r["version"] for r in versions}


async def test_a_caller_is_not_serving_while_what_it_calls_is_down(services) -> None:
    discovery = await services.start("discovery_service")  # discovery calls profile
    await asyncio.sleep(0.5)
    assert await health(services.address("discovery_service")) == health_pb2.HealthCheckResponse.NOT_SERVING
    await services.start("profile_service")
    await discovery.wait_serving()
    assert await health(services.address("discovery_service")) == health_pb2.HealthCheckResponse.SERVING


async def test_user_method_without_token_is_unauthenticated_on_a_real_service(services) -> None:
    await services.start("profile_service")
    async with grpc.aio.insecure_channel(services.address("profile_service")) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await profile_pb2_grpc.ProfileServiceStub(channel).GetProfile(
                profile_pb2.GetProfileRequest(), metadata=[("x-user-id", "someone")], timeout=2)
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED


def probe_runtime(database_url: str, redis_url: str, data_dir: Path, migrations: Path, *,
                  uses_outbox: bool) -> ServiceRuntime:
    migrations.mkdir(exist_ok=True)
    settings = GrpcServiceSettings(jobmate_env="test", data_dir=data_dir, database_url=database_url,
                                   redis_url=redis_url, grpc_port=0, shutdown_drain_s=0.0, shutdown_grace_s=1.0)
    return ServiceRuntime("probe", migrations=SchemaMigrations("probe", migrations, with_outbox=uses_outbox),
                          services=[], settings=settings)


async def test_periodic_jobs_run_one_at_a_time_survive_a_failing_run_and_stop_at_shutdown(
        database_url, redis_url, test_data_dir, tmp_path, caplog) -> None:
    runtime = probe_runtime(database_url, redis_url, test_data_dir, tmp_path / "migrations", uses_outbox=False)
    flaky_runs, slow_runs, slow_cancelled, stopped = [], [], asyncio.Event(), []

    async def flaky() -> None:
        flaky_runs.append(len(flaky_runs))
        if len(flaky_runs) == 1:
            raise RuntimeError("the first run fails")

    async def slow() -> None:
        slow_runs.append(len(slow_runs))
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            slow_cancelled.set()
            raise

    async def clean_up() -> None:
        stopped.append(slow_cancelled.is_set())

    async def build(rt: ServiceRuntime) -> None:
        rt.every(0.05, flaky, name="flaky")
        rt.every(0.05, slow, name="slow")
        rt.on_stop(clean_up)
        with pytest.raises(ValueError, match="already registered"):
            rt.every(1, flaky, name="flaky")
        with pytest.raises(RuntimeError, match="no outbox"):
            rt.outbox  # noqa: B018 - the property is what is tested

    await runtime.start(build, port=0, host="127.0.0.1")
    try:
        await wait_for(lambda: len(flaky_runs) >= 3, timeout_s=20)  # it ran again after failing
        assert slow_runs == [0]  # still in its first run: the next ones wait for it
        with pytest.raises(RuntimeError, match="before the service starts"):
            runtime.every(1, flaky, name="late")
    finally:
        await runtime.shutdown()
    assert slow_cancelled.is_set()
    assert stopped == [True]  # on_stop callbacks run after the jobs have stopped
    # The run the shutdown cancelled is no error in the log (APScheduler reports a job that raises as one).
    assert not [record.getMessage() for record in caplog.records
                if record.levelno >= logging.ERROR and "slow" in record.getMessage()]
    count = len(flaky_runs)
    await asyncio.sleep(0.2)
    assert len(flaky_runs) == count  # nothing runs after shutdown


async def test_the_outbox_is_ready_in_build_and_its_relay_runs(database_url, redis_url, test_data_dir,
                                                               tmp_path, bus) -> None:
    from common import messages
    from jobmate.events.v1 import events_pb2

    runtime = probe_runtime(database_url, redis_url, test_data_dir, tmp_path / "migrations", uses_outbox=True)
    built = []

    async def build(rt: ServiceRuntime) -> None:
        built.append(rt.outbox)

    await runtime.start(build, port=0, host="127.0.0.1")
    try:
        event = messages.new_event(events_pb2.EVENT_TYPE_COMMAND_FAILED, "user-1",
                                   command_failed=events_pb2.CommandFailed(command_id="c1", reason="test"))
        assert runtime.pool is not None
        async with runtime.pool.acquire() as conn, conn.transaction():
            await built[0].add_event(conn, event)
        built[0].wake()
        entries = await wait_for(lambda: bus.read_user_events("user-1", after_id="0-0", count=10), timeout_s=20)
        assert [entry.event.id for entry in entries] == [event.id]
    finally:
        await runtime.shutdown()
