from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from shouwang.api.errors import error_body
from shouwang.identity.plain_text import plain_text_error


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the user chose English with the switch.

    The browser's Accept-Language is ignored: duty-room machines are often set up in English,
    and the people at them read Chinese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RefuseUnstorableQuery:
    """A query string or path carrying NUL or control characters is malformed: 400 on pages,
    a field-level 422 on the API, before any view passes it to the database (PostgreSQL
    refuses NUL in a query parameter, which would otherwise be a 500 on every search).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        errors = [
            {"field": name, "message": message} for name, message in unstorable_query_parts(request)
        ]
        if not errors:
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            return JsonResponse(error_body(_("输入有误"), errors), status=422)
        return render(request, "400.html", {"message": errors[0]["message"]}, status=400)


API_PREFIX = "/api/"


def unstorable_query_parts(request):
    """(name, message) of each part of the path and query string that no database can take."""
    message = plain_text_error(request.path)
    if message:
        yield "path", _(message)
    for name, values in request.GET.lists():
        message = plain_text_error(name) or next(
            (plain_text_error(value) for value in values if plain_text_error(value)), None
        )
        if message:
            yield name, _(message)
