import logging
import runpy
from pathlib import Path

import pytest
from django.conf import settings

from shouwang.privacy.log_redaction import RedactIdentifiers, redact_identifiers

ID_NUMBER = "610824198801150717"


@pytest.mark.parametrize(
    ("line", "redacted"),
    [
        (
            f"GET /people/?q={ID_NUMBER}&page=2 HTTP/1.1",
            "GET /people/?q=[redacted]&page=2 HTTP/1.1",
        ),
        ("GET /api/v1/people?q=61082419880115071x", "GET /api/v1/people?q=[redacted]"),
        ("GET /people/?q=130503670401001", "GET /people/?q=[redacted]"),
        ("GET /people/?q=610824%2019880115%200717", "GET /people/?q=[redacted]"),
        ("GET /api/v1/people?q=13909120004", "GET /api/v1/people?q=[redacted]"),
        ("GET /people/?q=%2B8613909120004", "GET /people/?q=[redacted]"),
        ("GET /people/?q=139+0912+0004", "GET /people/?q=[redacted]"),
        (
            "GET /passes/1234/?page=2 HTTP/1.1 200 13909",
            "GET /passes/1234/?page=2 HTTP/1.1 200 13909",
        ),
        ("GET /x/?n=12345678901234567890", "GET /x/?n=12345678901234567890"),
    ],
)
def test_id_numbers_and_mobiles_are_hidden_in_request_lines(line, redacted):
    assert redact_identifiers(line) == redacted


def test_the_filter_rewrites_a_runserver_record_and_keeps_it():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /people/?q={ID_NUMBER} HTTP/1.1", "200", "5120"),
        None,
    )
    assert RedactIdentifiers().filter(record) is True
    assert record.getMessage() == '"GET /people/?q=[redacted] HTTP/1.1" 200 5120'


def test_the_filter_rewrites_a_gunicorn_access_record_with_named_atoms():
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '%(h)s "%(r)s" %(s)s',
        ({"h": "10.0.0.1", "r": "GET /api/v1/people?q=13909120004 HTTP/1.1", "s": "200"},),
        None,
    )
    RedactIdentifiers().filter(record)
    assert record.getMessage() == '10.0.0.1 "GET /api/v1/people?q=[redacted] HTTP/1.1" 200'


@pytest.mark.parametrize("name", ["django.server", "django.request"])
def test_logging_settings_install_the_filter_on_request_loggers(name):
    assert settings.LOGGING["loggers"][name]["filters"] == ["redact_identifiers"]
    assert any(isinstance(f, RedactIdentifiers) for f in logging.getLogger(name).filters)


def test_django_request_logs_the_path_without_the_id_number(caplog):
    # What django.utils.log.log_response writes for a 404 or a 500.
    with caplog.at_level(logging.WARNING, logger="django.request"):
        logging.getLogger("django.request").warning(
            "%s: %s", "Not Found", f"/people/?q={ID_NUMBER}&phone=13909120004"
        )
    assert caplog.messages == ["Not Found: /people/?q=[redacted]&phone=[redacted]"]


def test_gunicorn_config_adds_the_filter_to_its_access_log():
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    access = logging.getLogger("gunicorn.access")
    before = list(access.filters)
    try:
        config["on_starting"](None)
        added = [f for f in access.filters if f not in before]
        assert [type(f) for f in added] == [RedactIdentifiers]
    finally:
        access.filters[:] = before
        logging.getLogger("gunicorn.error").filters[:] = [
            f
            for f in logging.getLogger("gunicorn.error").filters
            if not isinstance(f, RedactIdentifiers)
        ]
