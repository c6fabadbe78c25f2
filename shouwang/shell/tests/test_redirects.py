import pytest
from django.test import RequestFactory

from shouwang.shell.redirects import is_local_path, next_path


@pytest.mark.parametrize(
    "target",
    ["/", "/people/followups/due/", "/people/?q=%E5%BC%A0&page=2", "/admin/"],
)
def test_paths_of_this_site_are_followed(target):
    assert is_local_path(target) is True


@pytest.mark.parametrize(
    "target",
    [
        "",
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "/\t/evil.example/",
        "/people/\r\nSet-Cookie: x=1",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " /people/",
        "people/",
        "http:/people/",
        "/people/\x00",
    ],
)
def test_anything_else_is_not_followed(target):
    assert is_local_path(target) is False


def test_next_path_prefers_the_posted_next_and_falls_back_to_the_named_page():
    factory = RequestFactory()
    posted = factory.post("/x/?next=/people/", {"next": "/units/"})
    assert next_path(posted, "home") == "/units/"
    assert next_path(factory.get("/x/?next=/people/"), "home") == "/people/"
    assert next_path(factory.get("/x/?next=//evil.example/"), "home") == "/"
    assert next_path(factory.get("/x/"), "people:due") == "/people/followups/due/"
