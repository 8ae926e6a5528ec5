"""Facts read from the Meltano project's own YAML: it owns them, this module only looks."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from paracelsus_stack.settings import MELTANO_PROJECT_DIR

PLUGIN_FOLDERS = ("extract", "load", "transform", "utilities")
VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)\}")


@cache
def _plugins(project_dir: Path = MELTANO_PROJECT_DIR) -> dict[str, dict[str, Any]]:
    plugins: dict[str, dict[str, Any]] = {}
    for folder in PLUGIN_FOLDERS:
        for path in sorted((project_dir / folder).glob("*.meltano.yml")):
            document = yaml.safe_load(path.read_text()) or {}
            for kind in (document.get("plugins") or {}).values():
                for plugin in kind or []:
                    plugins[plugin["name"]] = plugin
    return plugins


def plugin_config(name: str) -> dict[str, Any]:
    """A plugin's `config:` with what it inherits (`inherit_from`) underneath."""
    plugin = _plugins().get(name)
    if plugin is None:
        return {}
    parent = plugin.get("inherit_from")
    return {**(plugin_config(parent) if parent else {}), **(plugin.get("config") or {})}


def _settings(name: str) -> list[dict[str, Any]]:
    plugin = _plugins().get(name)
    if plugin is None:
        return []
    parent = plugin.get("inherit_from")
    return [*(_settings(parent) if parent else []), *(plugin.get("settings") or [])]


def raw_schema(loader: str) -> str | None:
    """The schema a loader writes to (its `default_target_schema`)."""
    schema = plugin_config(loader).get("default_target_schema")
    return schema if isinstance(schema, str) else None


def credential_variables(name: str) -> list[str]:
    """The environment variables behind a plugin's sensitive settings that are configured."""
    sensitive = {s["name"] for s in _settings(name) if s.get("sensitive")}
    config = plugin_config(name)
    found: list[str] = []
    for setting in sorted(sensitive & set(config)):
        found.extend(v for v in VARIABLE.findall(str(config[setting])) if v not in found)
    return found


def hubspot_associations() -> dict[str, list[str]]:
    """tap-hubspot's `associations` setting (from-object -> to-objects): the owner of the
    list of association streams."""
    return dict(plugin_config("tap-hubspot").get("associations") or {})


def _association_streams(setting: dict[str, list[str]]) -> set[str]:
    return {f"{a}_{b}_associations" for a, targets in setting.items() for b in targets}


def hubspot_association_streams() -> set[str]:
    """The association streams tap-hubspot reads: `<from>_<to>_associations` per pair."""
    return _association_streams(hubspot_associations())


def _inherited(name: str, key: str) -> Any:
    """A plugin's own `key`, else the one of the plugin it inherits from."""
    plugin = _plugins().get(name) or {}
    if key in plugin:
        return plugin[key]
    parent = plugin.get("inherit_from")
    return _inherited(parent, key) if parent else None


def is_full_pass(extractor: str) -> bool:
    """Whether every run of the extractor reads everything, whatever state was saved: no
    `state` capability, FULL_TABLE for every stream, or the full association pass."""
    capabilities = _inherited(extractor, "capabilities") or []
    methods = {
        (entry or {}).get("replication-method")
        for entry in (_inherited(extractor, "metadata") or {}).values()
    }
    return (
        "state" not in capabilities
        or methods == {"FULL_TABLE"}
        or plugin_config(extractor).get("association_sync") == "full"
    )


def utility_command_args(plugin_command: str) -> list[str]:
    """The arguments of a utility's named command (`dbt-postgres:freshness` ->
    [source, freshness])."""
    name, command = plugin_command.split(":", 1)
    commands = _inherited(name, "commands") or {}
    entry = commands.get(command)
    args = entry.get("args") if isinstance(entry, dict) else entry
    if not isinstance(args, str):
        raise KeyError(f"{plugin_command}: no such command in the Meltano project")
    return args.split()


def default_environment(project_dir: Path = MELTANO_PROJECT_DIR) -> str:
    """The environment Meltano uses when MELTANO_ENVIRONMENT is unset (meltano.yml)."""
    document = yaml.safe_load((project_dir / "meltano.yml").read_text()) or {}
    return str(document.get("default_environment") or "")


@cache
def _orchestration(project_dir: Path = MELTANO_PROJECT_DIR) -> dict[str, Any]:
    merged: dict[str, Any] = {"jobs": [], "schedules": []}
    for path in sorted((project_dir / "orchestrate").glob("*.meltano.yml")):
        document = yaml.safe_load(path.read_text()) or {}
        for key in merged:
            merged[key].extend(document.get(key) or [])
    return merged


def meltano_jobs(include_bench: bool = False) -> dict[str, list[str]]:
    """Every Meltano job (name -> task strings); bench-only jobs (bench-*) only on request."""
    jobs: dict[str, list[str]] = {}
    for job in _orchestration()["jobs"]:
        if include_bench or not job["name"].startswith("bench-"):
            tasks = job["tasks"]
            jobs[job["name"]] = [tasks] if isinstance(tasks, str) else list(tasks)
    return jobs


def meltano_schedules() -> list[dict[str, str]]:
    """The Meltano schedules: name, interval (cron or @alias) and job."""
    return [dict(schedule) for schedule in _orchestration()["schedules"]]


def changed_association_streams(extractor: str) -> set[str]:
    """The association streams an extractor reads for changed objects only
    (`association_sync: changed`, tap-hubspot-budgeted's default); none for a full pass."""
    config = plugin_config(extractor)
    if not config.get("associations") or config.get("association_sync") == "full":
        return set()
    return {
        f"{a}_{b}_associations" for a, targets in config["associations"].items() for b in targets
    }
