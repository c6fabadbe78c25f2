"""Settings of the gunicorn server of `bench_checkpoint_http`: production, plus the bare endpoint.

The application's own settings, unchanged, with a URL configuration that adds the bench's bare
endpoint (`bench.bare_endpoint`) beside the application's, so both are served by the same
server, workers and middleware in the same run.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.bare_endpoint"
