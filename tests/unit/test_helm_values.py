"""deploy/helm/values.yaml, validated offline (no cluster, no chart download here):

- every key is one Dagster's chart accepts (the keys below are facts from the chart's
  values.yaml and its schema, dagster-io/dagster helm/dagster, 1.13 era);
- the K8sRunLauncher config the chart renders from it passes dagster-k8s's own config
  schema, and the concurrency block passes Dagster's instance schema;
- its limits and code location match the ones the local instance uses (dagster.yaml,
  workspace.yaml), which own them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from dagster._config import Shape, process_config
from dagster._core.instance.config import get_concurrency_config
from dagster_k8s import K8sRunLauncher

from paracelsus_stack.settings import REPO_ROOT

VALUES = REPO_ROOT / "deploy" / "helm" / "values.yaml"
INSTANCE = REPO_ROOT / "paracelsus_orchestration" / "dagster.yaml"
WORKSPACE = REPO_ROOT / "paracelsus_orchestration" / "workspace.yaml"

CHART_TOP_LEVEL = {
    "global", "nameOverride", "fullnameOverride", "rbacEnabled", "imagePullSecrets",
    "dagsterWebserver", "computeLogManager", "pythonLogs", "dagster-user-deployments",
    "scheduler", "runLauncher", "postgresql", "generatePostgresqlPasswordSecret",
    "generateCeleryConfigSecret", "rabbitmq", "redis", "flower", "ingress", "dagsterDaemon",
    "busybox", "extraManifests", "migrate", "telemetry", "serviceAccount", "retention",
    "concurrency", "additionalInstanceConfig",
}  # fmt: skip
CHART_GLOBAL = {
    "postgresqlSecretName", "dagsterHome", "serviceAccountName", "celeryConfigSecretName",
    "dagsterInstanceConfigMap",
}  # fmt: skip
CHART_USER_DEPLOYMENTS = {"enabled", "enableSubchart", "imagePullSecrets", "deployments"}
CHART_DEPLOYMENT = {
    "name", "image", "dagsterApiGrpcArgs", "codeServerArgs", "port",
    "includeConfigInLaunchedRuns", "env", "envConfigMaps", "envSecrets", "labels", "volumes",
    "volumeMounts", "initContainers", "sidecarContainers", "annotations", "nodeSelector",
    "affinity", "tolerations", "podSecurityContext", "securityContext", "resources",
    "readinessProbe", "livenessProbe", "startupProbe", "deploymentStrategy", "service",
    "deploymentNamespace", "schedulerName",
}  # fmt: skip
CHART_POSTGRESQL = {
    "enabled", "image", "postgresqlHost", "postgresqlUsername", "postgresqlPassword",
    "postgresqlDatabase", "postgresqlParams", "postgresqlScheme", "service",
}  # fmt: skip
CHART_RUN_LAUNCHER_TYPES = {"K8sRunLauncher", "CeleryK8sRunLauncher", "CustomRunLauncher"}
# The chart's k8sRunLauncher keys and the K8sRunLauncher setting each becomes.
CHART_K8S_RUN_LAUNCHER = {
    "imagePullPolicy": "image_pull_policy",
    "image": "job_image",
    "jobNamespace": "job_namespace",
    "loadInclusterConfig": "load_incluster_config",
    "kubeconfigFile": "kubeconfig_file",
    "envConfigMaps": "env_config_maps",
    "envSecrets": "env_secrets",
    "envVars": "env_vars",
    "volumes": "volumes",
    "volumeMounts": "volume_mounts",
    "labels": "labels",
    "resources": "resources",
    "failPodOnRunFailure": "fail_pod_on_run_failure",
    "schedulerName": "scheduler_name",
    "securityContext": "security_context",
    "runK8sConfig": "run_k8s_config",
}
CHART_RUN_K8S_CONFIG = {
    "containerConfig": "container_config",
    "podSpecConfig": "pod_spec_config",
    "podTemplateSpecMetadata": "pod_template_spec_metadata",
    "jobSpecConfig": "job_spec_config",
    "jobMetadata": "job_metadata",
}
CHART_CONCURRENCY = {"enabled", "pools", "runs"}
CHART_POOLS = {"defaultLimit": "default_limit", "granularity": "granularity"}
CHART_RUNS = {"maxConcurrentRuns": "max_concurrent_runs"}


def _values() -> dict[str, Any]:
    return yaml.safe_load(VALUES.read_text())


def _unknown(given: dict[str, Any], known: set[str] | dict[str, str]) -> set[str]:
    return set(given) - set(known)


def _names(refs: list[dict[str, str]]) -> list[str]:
    assert all(set(ref) == {"name"} for ref in refs), "the chart takes {name: ...} items"
    return [ref["name"] for ref in refs]


def rendered_run_launcher(values: dict[str, Any]) -> dict[str, Any]:
    """The K8sRunLauncher config the chart writes into the instance, from the values."""
    given = values["runLauncher"]["config"]["k8sRunLauncher"]
    config: dict[str, Any] = {
        # Always written by the chart's template.
        "instance_config_map": "paracelsus-dagster-instance",
        "postgres_password_secret": values["global"]["postgresqlSecretName"],
        "dagster_home": "/opt/dagster/dagster_home",
        "service_account_name": "paracelsus-dagster",
    }
    for key, value in given.items():
        if key in {"envSecrets", "envConfigMaps"}:
            value = _names(value)
        elif key == "runK8sConfig":
            value = {CHART_RUN_K8S_CONFIG[k]: v for k, v in value.items()}
        config[CHART_K8S_RUN_LAUNCHER[key]] = value
    return config


def test_every_key_is_one_the_chart_accepts() -> None:
    values = _values()
    assert _unknown(values, CHART_TOP_LEVEL) == set()
    assert _unknown(values["global"], CHART_GLOBAL) == set()
    deployments = values["dagster-user-deployments"]
    assert _unknown(deployments, CHART_USER_DEPLOYMENTS) == set()
    for deployment in deployments["deployments"]:
        assert _unknown(deployment, CHART_DEPLOYMENT) == set()
        _names(deployment["envSecrets"])
    assert _unknown(values["postgresql"], CHART_POSTGRESQL) == set()
    assert values["runLauncher"]["type"] in CHART_RUN_LAUNCHER_TYPES
    launcher = values["runLauncher"]["config"]["k8sRunLauncher"]
    assert _unknown(launcher, CHART_K8S_RUN_LAUNCHER) == set()
    assert _unknown(launcher.get("runK8sConfig", {}), CHART_RUN_K8S_CONFIG) == set()
    concurrency = values["concurrency"]
    assert _unknown(concurrency, CHART_CONCURRENCY) == set()
    assert _unknown(concurrency["pools"], CHART_POOLS) == set()
    assert _unknown(concurrency["runs"], {**CHART_RUNS, "tagConcurrencyLimits": ""}) == set()


def test_the_run_launcher_config_passes_dagster_k8s_schema() -> None:
    values = _values()
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    result = process_config(Shape(K8sRunLauncher.config_type()), rendered_run_launcher(values))
    assert result.success, [error.message for error in result.errors or []]


def test_a_misspelt_launcher_key_fails_the_schema() -> None:
    values = _values()
    values["runLauncher"]["config"]["k8sRunLauncher"]["runK8sConfig"] = {"podSpec": {}}
    try:
        rendered_run_launcher(values)
    except KeyError as error:
        assert "podSpec" in str(error)
    else:
        raise AssertionError("an unknown runK8sConfig key was accepted")
    config = rendered_run_launcher(_values()) | {"run_k8s_config": {"pod_spec": {}}}
    result = process_config(Shape(K8sRunLauncher.config_type()), config)
    assert not result.success


def test_the_limits_and_the_code_location_match_the_local_instance() -> None:
    values = _values()
    local = yaml.safe_load(INSTANCE.read_text())["concurrency"]
    chart = values["concurrency"]
    assert chart["enabled"] is True
    rendered = {
        "pools": {CHART_POOLS[k]: v for k, v in chart["pools"].items()},
        "runs": {
            "max_concurrent_runs": chart["runs"]["maxConcurrentRuns"],
            "tag_concurrency_limits": chart["runs"]["tagConcurrencyLimits"],
        },
    }
    assert rendered == local, "deploy/helm/values.yaml drifted from dagster.yaml"
    assert process_config(get_concurrency_config().config_type, rendered).success
    module = yaml.safe_load(WORKSPACE.read_text())["load_from"][0]["python_module"]
    args = values["dagster-user-deployments"]["deployments"][0]["dagsterApiGrpcArgs"]
    assert args == ["-m", module["module_name"]]
    params = values["postgresql"]["postgresqlParams"]
    local_params = yaml.safe_load(INSTANCE.read_text())["storage"]["postgres"]["postgres_db"]
    assert params["options"] == local_params["params"]["options"]
    assert re.fullmatch(
        r"[\w.-]+", values["dagster-user-deployments"]["deployments"][0]["image"]["tag"]
    )
