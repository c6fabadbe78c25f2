"""Where to go after a form: only to a path of this site, never to an address a link supplied."""

import unicodedata

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_local_path(target: str) -> bool:
    """A path of this site: `/…`, not `//host`, no scheme, no host, no control characters.

    Browsers read `\\` as `/` and drop tabs and newlines, so `/\\evil` and `/\\t/evil` would
    leave the site; control characters would also break the Location header.
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(unicodedata.category(char).startswith("C") for char in target):
        return False
    return url_has_allowed_host_and_scheme(target, allowed_hosts=None)


def next_path(request: HttpRequest, fallback: str, *args, **kwargs) -> str:
    """The `next` the form carries (POST first, then the query) if local, else `fallback`.

    `fallback` is a URL name or path, resolved with `args`/`kwargs` like `redirect()` does.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if is_local_path(target):
        return target
    return resolve_url(fallback, *args, **kwargs)
