"""Every GraphQL document the project sends (dagster_api.py and the README's curl calls)
is valid against the GraphQL schema of the installed Dagster webserver, offline."""

from __future__ import annotations

import json
import re

import pytest
from dagster_graphql.schema import create_schema
from graphql import parse, validate

from paracelsus_stack import dagster_api
from paracelsus_stack.settings import REPO_ROOT

DOCUMENTS = {
    name: getattr(dagster_api, name)
    for name in dir(dagster_api)
    if name.isupper()
    and isinstance(getattr(dagster_api, name), str)
    and "{" in getattr(dagster_api, name)
}


def _readme_queries() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text()
    block = readme.split("API=http://127.0.0.1:53000/graphql", 1)[1].split("```", 1)[0]
    bodies = re.findall(r"-d '(\{.*\})'$", block, re.M)
    return [json.loads(body)["query"] for body in bodies]


@pytest.fixture(scope="module")
def schema():
    return create_schema().graphql_schema


@pytest.mark.parametrize("name", sorted(set(DOCUMENTS) - {"METADATA"}))
def test_the_client_documents_are_valid(schema, name: str) -> None:
    assert validate(schema, parse(DOCUMENTS[name])) == []


def test_the_readme_curl_queries_are_valid_json_and_graphql(schema) -> None:
    queries = _readme_queries()
    assert len(queries) == 4
    for query in queries:
        assert validate(schema, parse(query)) == [], query


def test_a_misspelt_field_is_caught(schema) -> None:
    assert validate(schema, parse("{ runsOrError { ... on Runs { results { runIdd } } } }"))
