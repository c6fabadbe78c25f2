"""Carrying service errors back onto the form field that caused them; the page of a form that
calls a service, and the POST-only action that does; date widgets."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def form_page(
    request: HttpRequest,
    form: forms.Form | None,
    *,
    save: Callable[[dict], Any],
    done: Callable[[Any], str],
    message: str | Callable[[Any], str],
    template: str,
    context: dict | Callable[[], dict] | None = None,
) -> HttpResponse:
    """The page of a form whose POST calls one service, as every area's create and edit pages do.

    On a valid POST, `save(cleaned_data)` calls the service; the record it returns goes to
    `done(record)` (the URL to go to next) with `message` (or `message(record)`). A
    ValidationError of the service lands on the fields it names, and the page comes back with
    422 after a refused POST (200 on GET), with `form` and `context`.

    `context` may be a function returning the dict, called only when the page is rendered: a
    record's page around its edit form (coverage, a list) costs no query on a successful save.
    `form` is None on a page the user may only read (its write rule keeps his POSTs out).
    """
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            record = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message(record) if callable(message) else message)
            return redirect(done(record))
    status = 422 if request.method == "POST" else 200
    extra = context() if callable(context) else context
    return render(request, template, {"form": form, **(extra or {})}, status=status)


def form_action(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[dict], Any],
    done: str | Callable[[Any], str],
    message: str | Callable[[Any], str],
    invalid: str | None = None,
    back: str | Callable[[], str] | None = None,
) -> HttpResponseRedirect:
    """A POST-only action of a record's page (a status change, a cancellation): it has no page
    of its own, so every outcome is a redirect with a flashed message.

    On a valid form, `save(cleaned_data)` calls the service; the record it returns goes to
    `done(record)` (or `done`, a URL string) with the success `message` (or `message(record)`).
    An invalid form is never saved: each field error is flashed as "标签：错误" (the field's
    label, then Django's Chinese message), an error of the whole form as it is; or, when given,
    the one message `invalid` instead (a form asking one thing: "请填写取消原因"). A
    ValidationError of the service, `Conflict` included, flashes each of its messages as they
    are (services write them in Chinese for the user). A refused action goes to `back` (a URL,
    or a function giving it, called after the form was checked), by default `done` when that is
    a URL string.
    """
    if back is None:
        if callable(done):
            raise TypeError("form_action: give `back` when `done` is a function of the record")
        back = done
    if form.is_valid():
        try:
            record = save(form.cleaned_data)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message(record) if callable(message) else message)
            return redirect(done(record) if callable(done) else done)
    elif invalid is not None:
        messages.error(request, invalid)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else None
            for text in errors:
                if label:
                    text = _("%(label)s：%(message)s") % {"label": label, "message": text}
                messages.error(request, text)
    return redirect(back() if callable(back) else back)


class DateInput(forms.DateInput):
    """A browser date picker holding its value (a default such as today) in the ISO form it reads.

    Django's default renders the locale's first input format (2020/01/28 in Chinese), which a
    date input does not accept: the field would show empty.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """A browser date-time picker (datetime-local), its value in the ISO form it reads."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")
