import pytest
from django import forms
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from shouwang.conflicts import Conflict
from shouwang.shell.forms import form_action


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=4)
    days = forms.IntegerField(label="天数", required=False)

    def clean(self):
        if self.cleaned_data.get("reason") == "全部":
            raise forms.ValidationError("不能全部取消")
        return self.cleaned_data


def _request(data: dict):
    request = RequestFactory().post("/things/7/cancel/", data)
    request._messages = CookieStorage(request)
    return request


def _flashed(request) -> list[tuple[str, str]]:
    tags = {constants.SUCCESS: "success", constants.ERROR: "error"}
    return [(tags[m.level], m.message) for m in get_messages(request)]


def _action(request, save, **options):
    return form_action(
        request,
        ReasonForm(request.POST),
        save=save,
        done=options.pop("done", "/things/7/"),
        message=options.pop("message", lambda thing: f"已取消 {thing}"),
        **options,
    )


def test_a_valid_form_is_saved_flashed_and_sent_to_done_of_the_record():
    request = _request({"reason": "下雨", "days": "2"})
    saved = []

    def save(data):
        saved.append(data)
        return 8

    response = _action(request, save, done=lambda thing: f"/things/{thing}/", back="/things/7/")

    assert (response.status_code, response["Location"]) == (302, "/things/8/")
    assert saved == [{"reason": "下雨", "days": 2}]
    assert _flashed(request) == [("success", "已取消 8")]


def test_a_fixed_message_and_url_string_serve_as_they_are():
    request = _request({"reason": "下雨"})

    response = _action(request, lambda data: 8, message="已取消")

    assert response["Location"] == "/things/7/"
    assert _flashed(request) == [("success", "已取消")]


def test_an_invalid_form_flashes_each_field_error_with_its_label_and_never_saves():
    request = _request({"reason": "太长的原因", "days": "两"})
    saved = []

    response = _action(request, saved.append)

    assert (response.status_code, response["Location"]) == (302, "/things/7/")
    assert saved == []
    assert _flashed(request) == [
        ("error", "原因：确保该变量包含不超过 4 字符 (目前字符数 5)。"),
        ("error", "天数：输入整数。"),
    ]


def test_an_error_of_the_whole_form_is_flashed_without_a_label():
    request = _request({"reason": "全部"})

    _action(request, lambda data: 1 / 0)

    assert _flashed(request) == [("error", "不能全部取消")]


def test_the_one_invalid_message_replaces_the_field_errors():
    request = _request({})

    response = _action(request, lambda data: 1 / 0, invalid="请填写取消原因", back=lambda: "/x/")

    assert response["Location"] == "/x/"
    assert _flashed(request) == [("error", "请填写取消原因")]


def test_a_validation_error_of_the_service_is_flashed_and_goes_back():
    request = _request({"reason": "下雨"})

    def save(data):
        raise ValidationError({"reason": "该记录已取消", "days": ["天数超出", "请重新填写"]})

    response = _action(request, save, done=lambda thing: f"/things/{thing}/", back="/things/7/")

    assert (response.status_code, response["Location"]) == (302, "/things/7/")
    assert _flashed(request) == [
        ("error", "该记录已取消"),
        ("error", "天数超出"),
        ("error", "请重新填写"),
    ]


def test_a_conflict_of_the_service_is_flashed_and_goes_back():
    request = _request({"reason": "下雨"})

    def save(data):
        raise Conflict("另一位值班员已处理该记录")

    response = _action(request, save)

    assert (response.status_code, response["Location"]) == (302, "/things/7/")
    assert _flashed(request) == [("error", "另一位值班员已处理该记录")]


def test_done_as_a_function_needs_a_back_url():
    request = _request({"reason": "下雨"})

    with pytest.raises(TypeError, match="back"):
        _action(request, lambda data: 8, done=lambda thing: f"/things/{thing}/")
