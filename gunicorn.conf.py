"""gunicorn reads this file from the working directory (`gunicorn config.wsgi` in the checkout).

Its access log writes every request line, query string included; an ID number or a phone
typed into a URL is hidden there as in Django's own logs (config/settings/base.py LOGGING).
"""

import logging


def on_starting(server):
    from shouwang.privacy.log_redaction import RedactIdentifiers

    # Added in the master before the workers fork; Django's LOGGING leaves gunicorn's loggers be.
    for name in ("gunicorn.access", "gunicorn.error"):
        logging.getLogger(name).addFilter(RedactIdentifiers())
