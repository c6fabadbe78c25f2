"""Single registrations `POST /api/v1/passages` over HTTP under gunicorn, production settings,
PostgreSQL, with 32 concurrent clients in a second process on 127.0.0.1, against the ceiling
of the same server: a bare Django + django-ninja endpoint doing one insert (`bench.bare_endpoint`,
mounted only in the bench's URL configuration `bench.http_settings`), loaded the same way.

Each client is a thread with its own `http.client` connection; every request sends one
passage (a new client_id) with a bearer token, the same body to every endpoint. A second bare
endpoint adds the application's API authentication (`/bench/bare-authenticated`). After a
warm-up of each, the bare endpoints and the registrations are loaded in turn, BENCH_HTTP_ROUNDS
times (a shared machine is noisy): rates are the medians of the rounds, the share of the
ceiling the median of each round's registrations / bare ratio, latencies are over
every request of the rounds. Each load is bounded by a request count and a time limit.

Sizes: the BENCH_HTTP_* variables of `bench.http_load`.
Run alone: `python -m bench bench_checkpoint_http`.
"""

import json
import os
import statistics
import sys
import uuid
from datetime import UTC, timedelta

from bench import http_load
from bench.harness import Measurement, Section, bench_database
from bench.http_load import CLIENTS, HOST, REQUESTS, ROUNDS, SECONDS, WORKERS

REGISTRATION = "/api/v1/passages"
BARE = "/bench/bare"
BARE_AUTHENTICATED = "/bench/bare-authenticated"
TARGET_SHARE = 50  # % of the bare ceiling
# The officers of a station's posts register at once, a few per post; a second load puts all
# the clients at one post in one hour, where every registration updates the same counts' rows.
POSTS = int(os.environ.get("BENCH_HTTP_POSTS", "8"))
ONE_POST = "one post"
# Each load: (path, whether the clients are spread over the posts).
LOADS = {
    BARE: (BARE, True),
    BARE_AUTHENTICATED: (BARE_AUTHENTICATED, True),
    REGISTRATION: (REGISTRATION, True),
    ONE_POST: (REGISTRATION, False),
}


def run() -> Section:
    url = bench_database("checkpoint_http", "postgres")
    env = http_load.environment(url)
    setup = json.loads(http_load.python(["-m", "bench.bench_checkpoint_http", "setup"], env, 300))
    with http_load.gunicorn(env, "bench_checkpoint_http") as port:

        def load(name: str, requests: int) -> dict:
            path, spread = LOADS[name]
            posts = setup["checkpoints"] if spread else setup["checkpoints"][:1]
            args = [str(port), setup["token"], ",".join(map(str, posts)), path, str(requests)]
            command = ["-m", "bench.bench_checkpoint_http", "client", *args]
            return json.loads(http_load.python(command, env, SECONDS + 60))

        loads = http_load.load_in_rounds(load, list(LOADS))

    def summary(path: str) -> dict:
        return http_load.summary(loads[path])

    bare, registered = summary(BARE), summary(REGISTRATION)
    authenticated, one_post = summary(BARE_AUTHENTICATED), summary(ONE_POST)
    # Each round loads the bare endpoint and the registrations one after the other: the
    # median of the rounds' own ratios is steadier on a shared machine than a ratio of medians.
    share = 100 * statistics.median(
        mine["rate"] / ceiling["rate"]
        for mine, ceiling in zip(loads[REGISTRATION], loads[BARE], strict=True)
    )
    section = Section(
        "Checkpoints: single registrations over HTTP",
        notes=(
            f"`POST {REGISTRATION}` under gunicorn ({WORKERS} sync workers, production "
            f"settings, PostgreSQL), {CLIENTS} concurrent clients (threads with `http.client`) "
            f"in a second process on {HOST}. The ceiling is a bare Django + django-ninja "
            f"endpoint of the same server (`POST {BARE}`: the same middleware, the same body "
            "read into a ninja schema, one INSERT … RETURNING into a table of its own through "
            "Django's ordinary cursor, no "
            "authentication, validation or figures), loaded the same way in the same run; "
            f"`POST {BARE_AUTHENTICATED}` is the same behind the API's bearer-token "
            "authentication and the registration's rule, which every API call pays. "
            "A registration at a post is, in the steady state, two statements and no "
            "transaction of its own, both prepared once per connection "
            "(`precompiled.prepared_cursor`): the token with its user, and one `WITH` "
            "statement writing the passage (INSERT … RETURNING) and upserting its two figures' "
            "counts, atomic alone, which checks that the checkpoint, its unit and the key "
            "areas are as the worker last read them (read with one more statement when not, "
            "and the first time); "
            "the answer is built from what was written. "
            f"After a warm-up, {ROUNDS} rounds of each in turn ({REQUESTS:,} requests at most, "
            f"{SECONDS:.0f} s at most per load); rates are the medians of the rounds, the "
            "share of the ceiling is the median of the rounds' own ratios (in a round the bare "
            "endpoint and the registrations are loaded one after the other), latency is "
            "measured by the client, request sent to response read, over every round."
        ),
    )
    section.measurements += [
        Measurement(
            "bare ceiling: Django + ninja, one INSERT",
            bare["rate"],
            "requests/s",
            notes=bare["note"],
        ),
        Measurement(
            "registrations, PostgreSQL", registered["rate"], "requests/s", notes=registered["note"]
        ),
        Measurement(
            "registrations / bare ceiling (median of the rounds' ratios)",
            share,
            "%",
            target=f"≥ {TARGET_SHARE} %",
            met=share >= TARGET_SHARE,
        ),
        Measurement(
            "bare ceiling with the API's authentication",
            authenticated["rate"],
            "requests/s",
            notes=authenticated["note"],
        ),
        Measurement(
            "registrations / authenticated bare ceiling",
            100 * registered["rate"] / authenticated["rate"],
            "%",
        ),
        Measurement(
            f"registrations, all {CLIENTS} clients at one post",
            one_post["rate"],
            "requests/s",
            notes=one_post["note"],
        ),
        Measurement(
            "registrations at one post / bare ceiling", 100 * one_post["rate"] / bare["rate"], "%"
        ),
        Measurement(f"registration latency p50, {CLIENTS} clients", registered["p50"], "ms"),
        Measurement(f"registration latency p95, {CLIENTS} clients", registered["p95"], "ms"),
        Measurement(f"bare ceiling latency p95, {CLIENTS} clients", bare["p95"], "ms"),
        Measurement("registration latency p95, all at one post", one_post["p95"], "ms"),
    ]
    return section


# --- subprocesses ----------------------------------------------------------------------------


def setup() -> None:
    """Schema, the demo bureau, POSTS checkpoints and an API token for officer1; prints them."""
    import django

    django.setup()
    from bench.harness import migrate_quietly

    migrate_quietly()
    from bench.bare_endpoint import table_create
    from shouwang.accounts.models import User
    from shouwang.accounts.services import api_token_issue
    from shouwang.checkpoints.models import Checkpoint
    from shouwang.demo import bureau

    units = bureau.load()
    officer = User.objects.get(username="officer1")
    checkpoints = [
        Checkpoint.objects.create(
            unit=units["城关东出口卡点"], name=f"HTTP基准卡点{n + 1}", kind="highway_exit"
        ).pk
        for n in range(POSTS)
    ]
    _token, raw = api_token_issue(user=officer, name="bench")
    table_create()
    print(json.dumps({"token": raw, "checkpoints": checkpoints}))


def _body(checkpoint: int, n: int) -> bytes:
    from datetime import datetime

    pedestrian = n % 10 == 9
    return json.dumps(
        {
            "client_id": str(uuid.uuid4()),
            "checkpoint": checkpoint,
            "occurred_at": (datetime.now(UTC) - timedelta(seconds=n)).isoformat(),
            "direction": "in" if n % 3 else "out",
            "plate": None if pedestrian else ("鄂A" if n % 10 == 0 else "陕K") + f"{n:05d}",
            "vehicle_kind": "pedestrian" if pedestrian else "car",
            "occupants_count": 1 + n % 4,
            "temperature": "36.5",
            "health_code": "green",
            "disposition": "turned_back" if n % 7 == 0 else "passed",
            "destination": "县城",
            "purpose": "返乡",
        },
        ensure_ascii=False,
    ).encode()


def client(port: int, token: str, checkpoints: list[int], path: str, requests: int) -> None:
    """The passages posted with the officer's token, the same body to every endpoint, the n-th
    at the n-th of `checkpoints` in turn."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    http_load.client(
        port, path, requests, lambda n: (_body(checkpoints[n % len(checkpoints)], n), headers)
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["setup"]:
        setup()
    elif sys.argv[1:2] == ["client"]:
        posts = [int(pk) for pk in sys.argv[4].split(",")]
        client(int(sys.argv[2]), sys.argv[3], posts, sys.argv[5], int(sys.argv[6]))
