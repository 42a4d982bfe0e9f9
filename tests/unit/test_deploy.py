"""The deployment files (compose.yaml, deploy/) validated offline, as `deploy/check.py` does in CI,
plus proof that the validators catch broken files."""

from __future__ import annotations

import copy
import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from devtools.processes import default_ports

REPO_ROOT = Path(__file__).resolve().parents[2]
CHECK_SCRIPT = REPO_ROOT / "deploy" / "check.py"
FIVE_PROCESSES = ("gateway", "profile_service", "tracker_service", "discovery_service", "ai_coach")
GRPC_PORTS = {"profile_service": 9081, "tracker_service": 9082, "discovery_service": 9083}


def _load_module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


check = _load_module("deploy_check", CHECK_SCRIPT)
keygen = _load_module("deploy_keygen", REPO_ROOT / "deploy" / "keygen.py")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return check.load_yaml(check.COMPOSE_FILE)


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict[str, Any]]]:
    return {name: check.render_kustomization(check.KUSTOMIZE_ROOT / name) for name in check.KUSTOMIZATIONS}


def _process_of(command: list[str]) -> str | None:
    return command[2] if command[:2] == ["python", "-m"] and len(command) == 3 else None


# ------------------------------------------------------------------------------- the real files


@pytest.mark.parametrize("title", [title for title, _ in check.checks()])
def test_every_deploy_check_passes_on_the_repository(title: str) -> None:
    run = dict(check.checks())[title]
    assert run() == [], f"{title} failed"


def test_check_script_exits_zero_and_reports_each_check() -> None:
    result = subprocess.run([sys.executable, str(CHECK_SCRIPT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert f"{len(check.checks())} passed, 0 failed" in result.stdout


@pytest.mark.parametrize("package", FIVE_PROCESSES)
def test_each_deployed_process_is_a_real_package(package: str) -> None:
    assert (REPO_ROOT / package / "__main__.py").is_file()


def test_deploy_ports_are_the_ports_the_code_uses() -> None:
    assert {p: proc.port for p, proc in check.PROCESSES.items()} == default_ports()
    assert set(check.PROCESSES) == set(FIVE_PROCESSES)
    for process in check.PROCESSES.values():
        assert process.port_env in check.setting_names()


def test_compose_runs_each_process_once_and_nothing_else(compose: dict[str, Any]) -> None:
    commands = {name: s.get("command") for name, s in compose["services"].items() if "build" in s}
    processes = [_process_of(c) for c in commands.values() if _process_of(c)]
    assert sorted(processes) == sorted(FIVE_PROCESSES)
    others = [c for c in commands.values() if not _process_of(c)]
    assert others == [["python", "/app/deploy/keygen.py", "/var/lib/jobmate/keys"]]


def test_compose_health_checks_probe_the_real_ports(compose: dict[str, Any]) -> None:
    tests = {
        _process_of(s.get("command") or []): s["healthcheck"]["test"]
        for s in compose["services"].values()
        if _process_of(s.get("command") or [])
    }
    for package, port in GRPC_PORTS.items():
        assert tests[package] == ["CMD", "python", "-m", "common.healthcheck", "grpc", f"localhost:{port}"]
    assert tests["gateway"] == [
        "CMD",
        "python",
        "-m",
        "common.healthcheck",
        "http",
        "http://localhost:4000/readyz",
    ]
    assert tests["ai_coach"] == [
        "CMD",
        "python",
        "-m",
        "common.healthcheck",
        "http",
        "http://localhost:8084/readyz",
    ]


def test_compose_publishes_only_the_gateway_port(compose: dict[str, Any]) -> None:
    published = {name: s["ports"] for name, s in compose["services"].items() if s.get("ports")}
    assert list(published) == ["gateway"]
    assert published["gateway"] == ["${JOBMATE_HTTP_BIND:-127.0.0.1}:${JOBMATE_HTTP_PORT:-4000}:4000"]


def test_compose_starts_in_order_of_health(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["postgres"]["healthcheck"]["test"][1] == "pg_isready"
    assert services["postgres"]["volumes"] == ["postgres-data:/var/lib/postgresql/data"]
    for name in ("profile-service", "tracker-service", "discovery-service"):
        assert services[name]["depends_on"]["postgres"] == {"condition": "service_healthy"}
        assert services[name]["depends_on"]["redis"] == {"condition": "service_healthy"}
    for name in ("gateway", "ai-coach"):
        for grpc_service in ("profile-service", "tracker-service", "discovery-service"):
            assert services[name]["depends_on"][grpc_service] == {"condition": "service_healthy"}
        assert "DATABASE_URL" not in services[name]["environment"]


@pytest.mark.parametrize("overlay", check.KUSTOMIZATIONS)
def test_manifests_probe_each_grpc_service_on_its_port(
    rendered: dict[str, list[dict[str, Any]]], overlay: str
) -> None:
    containers = {
        _process_of(c["command"]): c
        for o in rendered[overlay]
        if o["kind"] == "Deployment"
        for c in o["spec"]["template"]["spec"]["containers"]
        if _process_of(c.get("command") or [])
    }
    assert sorted(containers) == sorted(FIVE_PROCESSES)
    for package, port in GRPC_PORTS.items():
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert containers[package][probe]["grpc"] == {"port": port}
    assert containers["gateway"]["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert containers["gateway"]["ports"] == [{"name": "http", "containerPort": 4000, "protocol": "TCP"}]
    assert containers["ai_coach"]["ports"][0]["containerPort"] == 8084


def test_prod_uses_external_stores_and_dev_brings_its_own(rendered: dict[str, list[dict[str, Any]]]) -> None:
    def workloads(overlay: str) -> set[str]:
        return {
            o["metadata"]["name"] for o in rendered[overlay] if o["kind"] in ("Deployment", "StatefulSet")
        }

    assert {"postgres", "redis"} <= workloads("overlays/dev")
    assert not {"postgres", "redis"} & workloads("overlays/prod")
    assert [o for o in rendered["overlays/prod"] if o["kind"] == "Secret"] == []
    autoscaled = {
        o["spec"]["scaleTargetRef"]["name"]
        for o in rendered["overlays/prod"]
        if o["kind"] == "HorizontalPodAutoscaler"
    }
    assert autoscaled == {"gateway", "ai-coach"}


# ------------------------------------------------------------------- the validators catch breakage


def _write_compose(tmp_path: Path, compose: dict[str, Any]) -> Path:
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(compose, sort_keys=False))
    return path


def test_a_broken_compose_copy_fails_the_check_script(tmp_path: Path, compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["redis"]["healthchek"] = broken["services"]["redis"].pop("healthcheck")
    path = _write_compose(tmp_path, broken)
    result = subprocess.run(
        [sys.executable, str(CHECK_SCRIPT), "--compose", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "FAIL compose.yaml" in result.stdout
    assert "'healthchek' was unexpected" in result.stdout


def test_compose_schema_rejects_a_wrongly_typed_field(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["gateway"]["healthcheck"]["retries"] = ["five"]
    errors = check.compose_schema_errors(broken)
    assert any(e.startswith("services.gateway.healthcheck.retries:") for e in errors), errors


def test_compose_check_rejects_an_unknown_process(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["worker"] = {**broken["services"]["ai-coach"], "command": ["python", "-m", "worker"]}
    errors = check.compose_process_errors(broken)
    assert any("'worker' is not one of the processes" in e for e in errors), errors


def test_compose_check_rejects_a_second_published_port(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["postgres"]["ports"] = ["5432:5432"]
    errors = check.compose_process_errors(broken)
    assert any(e.startswith("services.postgres: publishes") for e in errors), errors


def test_compose_check_rejects_a_health_check_on_the_wrong_port(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["tracker-service"]["healthcheck"]["test"][-1] = "localhost:9081"
    errors = check.compose_process_errors(broken)
    assert any(e.startswith("services.tracker-service: healthcheck") for e in errors), errors


def test_compose_check_rejects_a_misspelt_setting(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["gateway"]["environment"]["CORS_ORIGIN"] = "https://example.org"
    errors = check.compose_setting_errors(broken)
    assert errors == [
        "services.gateway.environment: CORS_ORIGIN is not a setting of any process (common/settings.py or a process's own)"
    ]


def test_env_example_check_rejects_a_variable_no_process_reads(tmp_path: Path) -> None:
    example = tmp_path / ".env.example"
    example.write_text(check.ENV_EXAMPLE.read_text() + "DISCOVERY_TICK_SECONDS=30\n")
    assert check.env_example_errors(example) == [
        ".env.example: DISCOVERY_TICK_SECONDS is not a setting of any process (common/settings.py or a process's own)"
    ]


def test_compose_check_rejects_a_dangling_dependency(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["gateway"]["depends_on"]["postgresql"] = {"condition": "service_healthy"}
    assert "services.gateway.depends_on: no service named 'postgresql'" in check.compose_reference_errors(
        broken
    )


def test_a_broken_kustomize_base_is_caught(tmp_path: Path) -> None:
    root = tmp_path / "kubernetes"
    shutil.copytree(check.KUSTOMIZE_ROOT, root)
    manifest = root / "base" / "tracker-service.yaml"
    manifest.write_text(manifest.read_text().replace("port: 9082\n", "port: 9182\n", 1))
    objects = check.render_kustomization(root / "overlays" / "prod")
    errors = check.manifest_process_errors("overlays/prod", objects)
    assert any(
        "tracker-service" in e and "startupProbe must be a gRPC probe on port 9082" in e for e in errors
    ), errors


def test_kubernetes_schemas_reject_unknown_and_mistyped_fields(
    rendered: dict[str, list[dict[str, Any]]],
) -> None:
    gateway = next(
        o for o in rendered["base"] if o["kind"] == "Deployment" and o["metadata"]["name"] == "gateway"
    )
    misspelt = copy.deepcopy(gateway)
    misspelt["spec"]["replica"] = misspelt["spec"].pop("replicas")
    mistyped = copy.deepcopy(gateway)
    mistyped["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "four thousand"
    errors = check.kubernetes_schema_errors([misspelt, mistyped], versions=["1.35.0"])
    assert any("Deployment/gateway" in e and "'replica'" in e for e in errors), errors
    assert any("containerPort" in e and "four thousand" in e for e in errors), errors


def test_manifest_check_rejects_a_missing_limit_and_a_root_container(
    rendered: dict[str, list[dict[str, Any]]],
) -> None:
    objects = copy.deepcopy(rendered["overlays/prod"])
    ai_coach = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == "ai-coach")
    container = ai_coach["spec"]["template"]["spec"]["containers"][0]
    del container["resources"]["limits"]["memory"]
    container["securityContext"]["readOnlyRootFilesystem"] = False
    errors = check.manifest_process_errors("overlays/prod", objects)
    assert any(e.endswith("container ai-coach: no memory limits") for e in errors), errors
    assert any(e.endswith("container ai-coach: readOnlyRootFilesystem is not true") for e in errors), errors


def test_hadolint_rejects_a_careless_dockerfile(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        "FROM python:latest\nRUN apt-get update && apt-get install curl\nCMD python -m gateway\n"
    )
    errors = "\n".join(check.hadolint_errors(dockerfile))
    assert "DL3007" in errors  # :latest
    assert "DL3008" in errors  # unpinned apt package


def test_dockerfile_check_rejects_a_root_runtime_stage(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(check.DOCKERFILE.read_text().replace("USER 10001:10001\n", ""))
    assert check.dockerfile_errors(dockerfile) == [
        "deploy/Dockerfile: the runtime stage must end as a non-root USER"
    ]


def test_dockerfile_check_rejects_dev_dependencies_or_dev_code_in_the_image(tmp_path: Path) -> None:
    original = check.DOCKERFILE.read_text()
    runtime_install = "/opt/venv/bin/pip install --no-index --find-links /wheels -r runtime-requirements.txt"
    assert runtime_install in original
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(original.replace(runtime_install, runtime_install + " -r requirements-dev.lock"))
    assert check.dockerfile_errors(dockerfile) == [
        "deploy/Dockerfile: the runtime venv installs more than requirements.lock: "
        f"{runtime_install} -r requirements-dev.lock"
    ]
    dockerfile.write_text(original.replace("COPY ai_coach/ /app/ai_coach/\n",
                                           "COPY ai_coach/ /app/ai_coach/\nCOPY devtools/ /app/devtools/\n"))
    assert check.dockerfile_errors(dockerfile) == [
        "deploy/Dockerfile: the runtime stage copies devtools/, which is for development only"
    ]


def test_dockerignore_check_rejects_a_context_that_would_ship_env_files(tmp_path: Path) -> None:
    dockerignore = tmp_path / ".dockerignore"
    dockerignore.write_text(check.DOCKERIGNORE.read_text().replace(".env\n", ""))
    assert check.dockerignore_errors(dockerignore) == [".dockerignore: does not exclude .env"]


# ---------------------------------------------------------------------------------------- keygen


def test_keygen_writes_two_matching_key_pairs_once(tmp_path: Path) -> None:
    assert keygen.main(["keygen.py", str(tmp_path)]) == 0
    files = {p.relative_to(tmp_path).as_posix(): p for p in tmp_path.rglob("*.pem")}
    assert sorted(files) == [
        "public/service_token.pub.pem",
        "public/user_token.pub.pem",
        "service-token-signing/private.pem",
        "user-token-signing/private.pem",
    ]
    for kind, signing_dir in (
        ("user_token", "user-token-signing"),
        ("service_token", "service-token-signing"),
    ):
        private = serialization.load_pem_private_key(files[f"{signing_dir}/private.pem"].read_bytes(), None)
        public = serialization.load_pem_public_key(files[f"public/{kind}.pub.pem"].read_bytes())
        assert isinstance(private, Ed25519PrivateKey) and isinstance(public, Ed25519PublicKey)
        public.verify(private.sign(b"jobmate"), b"jobmate")  # raises when the pair does not match
        assert stat.S_IMODE(os.stat(files[f"{signing_dir}/private.pem"]).st_mode) == 0o400
    before = {name: path.read_bytes() for name, path in files.items()}
    assert keygen.ensure_keys(tmp_path) == []
    assert {name: path.read_bytes() for name, path in files.items()} == before
