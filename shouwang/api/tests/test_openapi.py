"""The OpenAPI document names each schema once and lists the errors every operation answers."""

import json
import typing
from collections import defaultdict

from pydantic import BaseModel

from config.api import api
from shouwang.api.openapi import document_errors
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import InputSchema


def operations():
    api._get_bound_routers()  # fills api._routers with the nested routers too
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def models_in(annotation, found: set) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            models_in(field.annotation, found)
    for argument in typing.get_args(annotation):
        models_in(argument, found)


def schemas_by_name() -> dict[str, set[str]]:
    """Every schema the operations use, by the component name ninja gives it."""
    found: set[type[BaseModel]] = set()
    for operation in operations():
        for model in operation.models:
            for field in model.model_fields.values():
                models_in(field.annotation, found)
        for wrapper in operation.response_models.values():
            # ninja wraps each response as NinjaResponseSchema(response=...): look inside.
            if wrapper is not None and "response" in getattr(wrapper, "model_fields", {}):
                models_in(wrapper.model_fields["response"].annotation, found)
    named = defaultdict(set)
    for model in found:
        if model.__module__.startswith("ninja."):
            continue  # the parameter wrappers ninja builds, flattened away in the document
        named[model.__name__].add(json.dumps(model.model_json_schema(), sort_keys=True))
    return named


def test_no_two_different_schemas_share_a_component_name():
    # ninja files every schema under its class name: a second "PersonIn" silently
    # replaced the first, and the pass holders were documented as registry people.
    clashes = {name: len(shapes) for name, shapes in schemas_by_name().items() if len(shapes) > 1}
    assert clashes == {}


def test_pass_holders_and_registry_people_are_documented_apart():
    components = api.get_openapi_schema()["components"]["schemas"]
    assert sorted(components["PassHolderIn"]["properties"]) == ["id_number", "name"]
    assert "current_address" in components["PersonIn"]["properties"]


def test_every_operation_documents_its_error_answers():
    document = api.get_openapi_schema()
    missing = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            # 401 is for operations that authenticate; the residents' ones (/public) do not.
            for status in ("401", "422") if operation.get("security") else ("422",):
                if status not in {str(code) for code in operation["responses"]}:
                    missing.append(f"{method.upper()} {path} {status}")
    assert missing == []


def test_error_answers_are_documented_in_the_one_error_shape():
    document = api.get_openapi_schema()
    operation = document["paths"]["/api/v1/units/{unit_id}"]["get"]
    assert {str(code) for code in operation["responses"]} == {"200", "401", "403", "404", "422"}
    assert operation["responses"][422]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


def test_answers_a_view_declares_itself_are_kept():
    document = document_errors(
        {
            "paths": {
                "/x": {
                    "post": {
                        "requestBody": {},
                        "security": [{"TokenAuth": []}],
                        "responses": {409: {"description": "已登记"}},
                    }
                }
            }
        }
    )
    responses = document["paths"]["/x"]["post"]["responses"]
    assert responses[409] == {"description": "已登记"}
    assert sorted(responses) == [400, 401, 403, 404, 409, 422]
    assert responses[400]["description"] == "请求体不是合法的 JSON"


def test_every_input_schema_checks_what_the_databases_can_store():
    # BatchIn keeps its items raw so that one bad item fails alone (the service checks each).
    raw_on_purpose = {"BatchIn"}
    found: set[type[BaseModel]] = set()
    for operation in operations():
        for model in operation.models:
            for field in model.model_fields.values():
                models_in(field.annotation, found)
    unchecked = sorted(
        model.__name__
        for model in found
        if model.__module__.startswith("shouwang.")
        and not issubclass(model, (InputSchema, BoundedPageNumberPagination.Input))
        and model.__name__ not in raw_on_purpose
    )
    assert unchecked == []
