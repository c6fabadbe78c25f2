"""Static files delivered inside the page, for the field pages opened over 3G.

A `<link>` or `<script src>` costs the first visit one more round trip (562 ms on DevTools' 3G
profile) before the page paints; inside the HTML the page's styles and scripts arrive with it
(the page is served compressed). Other pages keep linking the files, which the browser caches.
Each file is read once per process (every time when DEBUG, so that an edit is seen), from the
collected file that `{% static %}` would name, else from the sources (test settings collect none).
"""

import re
from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Text that would end or confuse the inline element: such a file is linked instead.
_UNSAFE = {"script": re.compile(r"</script|<!--", re.I), "style": re.compile(r"</style", re.I)}
# A source map named relative to the file would be looked up relative to the page.
_SOURCE_MAP = re.compile(r"\n?/[*/]# sourceMappingURL=[^\n]*")


def _read(name: str) -> str | None:
    """The collected file under a hashed (manifest) storage, else the source the finders see
    (test settings collect nothing; a stale STATIC_ROOT is not read before the sources)."""
    stored_name = getattr(staticfiles_storage, "stored_name", None)
    if stored_name:
        try:
            with staticfiles_storage.open(stored_name(name)) as file:
                return file.read().decode("utf-8")
        except (ValueError, OSError):  # not in the manifest, or not collected
            pass
    found = finders.find(name)
    if found:
        with open(found, encoding="utf-8") as file:
            return file.read()
    try:
        with staticfiles_storage.open(name) as file:
            return file.read().decode("utf-8")
    except OSError:
        return None


@cache
def _kept(name: str) -> str | None:
    return _read(name)


def file_text(name: str, kind: str) -> str | None:
    """The file's text fit to stand inside a `<kind>` element, or None (missing or unsafe)."""
    text = _read(name) if settings.DEBUG else _kept(name)
    if text is None or _UNSAFE[kind].search(text):
        return None
    return _SOURCE_MAP.sub("", text)


def _inline(name: str, kind: str, link: str) -> str:
    text = file_text(name, kind)
    if text is None:
        return format_html(link, static(name))
    return mark_safe(f"<{kind}>{text}</{kind}>")  # our own file, checked


@register.simple_tag
def inline_style(name: str) -> str:
    """`<style>` with the static file's content (a `<link>` if it cannot stand inline)."""
    return _inline(name, "style", '<link rel="stylesheet" href="{}">')


@register.simple_tag
def inline_script(name: str) -> str:
    """`<script>` with the static file's content (a deferred `<script src>` if it cannot)."""
    return _inline(name, "script", '<script src="{}" defer></script>')
