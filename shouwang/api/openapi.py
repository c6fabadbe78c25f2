"""The OpenAPI document states every error an operation answers, in the one error shape.

Views declare the answers they return themselves (201, a 409 with the existing id); the errors
raised anywhere below them (malformed input, no token, no capability, out of scope) are added here,
once, so that no operation can forget them and clients can rely on the document.
"""

from ninja import NinjaAPI

from .schemas import ErrorOut

COMPONENTS = "#/components/schemas/"

# status: (description, when it applies)
ERROR_RESPONSES = {
    400: ("请求体不是合法的 JSON", "body"),
    401: ("未登录或令牌无效", "signed_in"),
    403: ("无权执行此操作", "signed_in"),
    404: ("对象不存在或不在管辖范围内", "signed_in"),
    422: ("输入有误：errors 逐项列出字段与原因", "always"),
}


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"{COMPONENTS}{ErrorOut.__name__}"}}},
    }


def add_error_shape(components: dict) -> None:
    shape = ErrorOut.model_json_schema(ref_template=COMPONENTS + "{model}")
    for name, definition in shape.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault(ErrorOut.__name__, shape)


def document_errors(schema: dict) -> dict:
    """Adds the error answers each operation can give, keeping those its view declares."""
    add_error_shape(schema.setdefault("components", {}).setdefault("schemas", {}))
    for operations in schema["paths"].values():
        for operation in operations.values():
            applies = {
                "always": True,
                "body": "requestBody" in operation,
                "signed_in": bool(operation.get("security")),
            }
            responses = operation.setdefault("responses", {})
            for status, (description, when) in ERROR_RESPONSES.items():
                if applies[when] and status not in responses:
                    responses[status] = error_response(description)
    return schema


class DocumentedAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists the error answers of every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_errors(
            super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        )
