from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from shouwang.shell import forms as shell_forms
from shouwang.shell.forms import form_page


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method: str, data: dict | None = None):
    factory = RequestFactory()
    request = factory.post("/things/", data or {}) if method == "POST" else factory.get("/things/")
    request._messages = CookieStorage(request)
    return request


def _rendered(monkeypatch) -> list[tuple[str, dict, int]]:
    """Each render form_page makes, as (template, context, status)."""
    calls = []

    def render(request, template, context, status=200):
        calls.append((template, context, status))
        return HttpResponse(status=status)

    monkeypatch.setattr(shell_forms, "render", render)
    return calls


def _page(request, *, save, context, form=None):
    return form_page(
        request,
        form if form is not None else NameForm(request.POST or None),
        save=save,
        done=lambda thing: f"/things/{thing}/",
        message=lambda thing: f"saved {thing}",
        template="things/form.html",
        context=context,
    )


def test_a_context_function_is_not_called_when_the_save_succeeds(monkeypatch):
    rendered = _rendered(monkeypatch)
    asked = []
    request = _request("POST", {"name": "甲"})

    response = _page(request, save=lambda data: 7, context=lambda: asked.append(1) or {"x": 1})

    assert (response.status_code, response["Location"]) == (302, "/things/7/")
    assert [m.message for m in get_messages(request)] == ["saved 7"]
    assert (asked, rendered) == ([], [])


def test_a_context_function_fills_the_page_of_a_refused_post(monkeypatch):
    rendered = _rendered(monkeypatch)

    def save(data):
        raise ValidationError({"name": "名称已存在"})

    response = _page(_request("POST", {"name": "甲"}), save=save, context=lambda: {"x": 1})

    assert response.status_code == 422
    [(template, context, status)] = rendered
    assert (template, status, context["x"]) == ("things/form.html", 422, 1)
    assert context["form"].errors == {"name": ["名称已存在"]}


def test_a_dict_context_is_passed_as_before(monkeypatch):
    rendered = _rendered(monkeypatch)

    response = _page(_request("GET"), save=lambda data: 1 / 0, context={"thing": None})

    assert response.status_code == 200
    [(_template, context, status)] = rendered
    assert (set(context), context["thing"], status) == ({"form", "thing"}, None, 200)


def test_a_page_without_a_form_is_shown_and_never_saves(monkeypatch):
    rendered = _rendered(monkeypatch)
    saved = []
    request = _request("GET")

    response = form_page(
        request,
        None,
        save=saved.append,
        done=str,
        message="saved",
        template="things/detail.html",
        context=lambda: {"thing": 3},
    )

    assert response.status_code == 200
    assert rendered == [("things/detail.html", {"form": None, "thing": 3}, 200)]
    assert saved == []
