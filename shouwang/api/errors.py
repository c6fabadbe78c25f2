"""One error shape for every API failure: {"detail": ..., "errors": [{"field", "message"}]}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from shouwang.conflicts import Conflict

# pydantic's messages are English; the people reading them are not.
PYDANTIC_MESSAGES = {
    "missing": "必填",
    "int_parsing": "必须是整数",
    "int_type": "必须是整数",
    "float_parsing": "必须是数字",
    "float_type": "必须是数字",
    "bool_parsing": "必须是 true 或 false",
    "string_type": "必须是文本",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "datetime_parsing": "时间格式不正确，应为 ISO 8601",
    "datetime_from_date_parsing": "时间格式不正确，应为 ISO 8601",
    "date_parsing": "日期格式不正确，应为 YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式不正确，应为 YYYY-MM-DD",
    "uuid_parsing": "必须是 UUID",
    "uuid_type": "必须是 UUID",
    "enum": "不是允许的取值",
    "literal_error": "不是允许的取值",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "too_long": "条目过多",
    "json_invalid": "JSON 格式不正确",
    "list_type": "必须是列表",
    "model_attributes_type": "必须是对象",
    "dict_type": "必须是对象",
    "model_type": "必须是对象",
    "int_from_float": "必须是整数",
    "int_parsing_size": "数值过大",
    "finite_number": "必须是有限的数字",
    "bool_type": "必须是 true 或 false",
    "date_type": "日期格式不正确，应为 YYYY-MM-DD",
    "datetime_type": "时间格式不正确，应为 ISO 8601",
    "date_from_datetime_inexact": "日期格式不正确，应为 YYYY-MM-DD",
    "datetime_object_invalid": "时间格式不正确，应为 ISO 8601",
    "time_parsing": "时间格式不正确",
    "decimal_parsing": "必须是数字",
    "decimal_type": "必须是数字",
    "string_pattern_mismatch": "格式不正确",
    "string_unicode": "必须是 UTF-8 文本",
    "too_short": "条目过少",
    "greater_than": "数值过小",
    "less_than": "数值过大",
    "value_error": "格式不正确",
    "assertion_error": "格式不正确",
    "union_tag_invalid": "不是允许的取值",
    "extra_forbidden": "不允许的字段",
    "json_type": "JSON 格式不正确",
    "set_type": "必须是列表",
    "tuple_type": "必须是列表",
    "url_parsing": "网址格式不正确",
    # Raised by shouwang.api.schemas with the limit the field has.
    "text_unstorable": "不能包含控制字符或无效字符",
    "date_out_of_range": "日期超出范围（1900年至2099年）",
}
# Messages that name the limit the input broke.
PYDANTIC_LIMIT_MESSAGES = {"string_too_long": ("max_length", "内容过长，最多{}个字")}
LOCATION_ROOTS = {"body", "query", "path", "form", "file", "header", "cookie", "payload"}


def error_body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def field_name(location: list) -> str:
    parts = [str(part) for part in location if str(part) not in LOCATION_ROOTS]
    return ".".join(parts) or "__all__"


def pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    if kind in PYDANTIC_LIMIT_MESSAGES:
        key, template = PYDANTIC_LIMIT_MESSAGES[kind]
        limit = (error.get("ctx") or {}).get(key)
        if limit is not None:
            return template.format(limit)
    # Never pydantic's English: an unmapped kind still reads as Chinese.
    return PYDANTIC_MESSAGES.get(kind, "格式不正确")


def pydantic_errors(errors: list[dict]) -> list[dict]:
    return [
        {"field": field_name(list(error.get("loc", []))), "message": pydantic_message(error)}
        for error in errors
    ]


def django_errors(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"field": field, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "__all__", "message": message} for message in error.messages]


def install_error_handlers(api) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        return api.create_response(
            request, error_body("输入有误", pydantic_errors(exc.errors)), status=422
        )

    @api.exception_handler(DjangoValidationError)
    def invalid_business_rule(request, exc):
        return api.create_response(request, error_body("输入有误", django_errors(exc)), status=422)

    # A subclass of ValidationError: ninja picks the handler of the most specific class.
    @api.exception_handler(Conflict)
    def conflict(request, exc):
        return api.create_response(
            request, error_body("与当前数据冲突", django_errors(exc)), status=409
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body("未找到"), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, error_body(str(exc) or "无权执行此操作"), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, error_body("未登录或令牌无效"), status=401)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, error_body(str(exc)), status=exc.status_code)
