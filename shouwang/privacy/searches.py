"""Search terms that may be ID numbers or phones, kept out of URLs.

A search form posts its terms; they are stored encrypted in the user's session under a random
key, and the browser is redirected to `?search=<key>`. Paging, filter and export links carry
the key, never the terms, so no request line that a web server, proxy or browser history keeps
holds an ID number or a phone.
"""

import json
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpResponseRedirect, QueryDict

from .fields import EncryptedCharField

SESSION_KEY = "privacy_searches"
SEARCH_PARAM = "search"
KEPT = 20  # the latest searches of a session; older keys show an unfiltered list again

# The cipher of the encrypted columns, so the session table holds no readable ID number either.
_CIPHER = EncryptedCharField()


def search_stash(request: Any, terms: Mapping[str, str]) -> str:
    """Keep the terms in the session and answer the key that finds them again."""
    key = secrets.token_urlsafe(12)
    stored = dict(request.session.get(SESSION_KEY, {}))
    stored[key] = _CIPHER.get_prep_value(json.dumps(dict(terms), ensure_ascii=False))
    request.session[SESSION_KEY] = dict(list(stored.items())[-KEPT:])
    return key


def search_terms(request: Any) -> dict[str, str]:
    """The terms stored under the request's `?search=` key; {} when missing or expired."""
    key = request.GET.get(SEARCH_PARAM, "")
    token = request.session.get(SESSION_KEY, {}).get(key) if key else None
    if not token:
        return {}
    return json.loads(_CIPHER.to_python(token))


def search_redirect(request: Any, sensitive: Iterable[str]) -> HttpResponseRedirect:
    """Answer a posted search form: other filters go to the URL, sensitive terms to the
    session, and the browser comes back with GET to the same page."""
    sensitive = tuple(sensitive)
    query = QueryDict(mutable=True)
    for name, values in request.POST.lists():
        if name in sensitive or name == "csrfmiddlewaretoken":
            continue
        query.setlist(name, [value for value in values if value])
    terms = {name: request.POST.get(name, "").strip() for name in sensitive}
    if any(terms.values()):
        query[SEARCH_PARAM] = search_stash(request, terms)
    encoded = query.urlencode()
    return HttpResponseRedirect(f"{request.path}?{encoded}" if encoded else request.path)
