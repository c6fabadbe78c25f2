"""Residents' report submissions `POST /api/v1/public/reports` over HTTP under gunicorn,
production settings, PostgreSQL, against the bare Django + django-ninja endpoint of the same
server (`/bench/bare`, one INSERT, `bench.bare_endpoint`), loaded the same way in the same run
(`bench.http_load`: 32 client threads in a second process, rounds, medians).

Every submission comes from its own address (the server trusts one proxy, as behind the
intranet's reverse proxy, and each request carries its own X-Forwarded-For), so the rate limits
are checked on every request (two counting queries) without refusing any; half of them give a
contact phone (validated, encrypted, blind-indexed, counted per phone). Tips, help requests and
grievances in turn, to the stations and communities of the demo bureau or to "not sure".
Run alone: `python -m bench bench_intake_submit_http`.
"""

import json
import sys

from bench import http_load
from bench.bench_checkpoint_http import _body as bare_body
from bench.harness import Measurement, Section, bench_database
from bench.http_load import CLIENTS, HOST, REQUESTS, ROUNDS, SECONDS, WORKERS

SUBMIT = "/api/v1/public/reports"
BARE = "/bench/bare"
KINDS = [
    ("tip", "gathering", "村口小卖部门前十几人聚集打牌，没有戴口罩"),
    ("help", "medicine", "家中老人高血压药吃完了，小区封闭出不去，请帮忙代购"),
    ("tip", "key_area_arrival", "隔壁单元昨晚回来一辆鄂A牌照的车，一家三口，没有登记"),
    ("grievance", "other", "小区快递只能放在门口，丢了好几次，希望安排人值守"),
]


def run() -> Section:
    url = bench_database("intake_submit_http", "postgres")
    env = http_load.environment(url, SHOUWANG_PROXY_COUNT="1")
    setup = json.loads(
        http_load.python(["-m", "bench.bench_intake_submit_http", "setup"], env, 900)
    )
    with http_load.gunicorn(env, "bench_intake_submit_http") as port:

        def load(path: str, requests: int) -> dict:
            args = [str(port), path, str(requests), json.dumps(setup["units"])]
            command = ["-m", "bench.bench_intake_submit_http", "client", *args]
            return json.loads(http_load.python(command, env, SECONDS + 60))

        loads = http_load.load_in_rounds(load, [BARE, SUBMIT])
    bare, submitted = http_load.summary(loads[BARE]), http_load.summary(loads[SUBMIT])
    section = Section(
        "Intake: public report submissions over HTTP",
        notes=(
            f"`POST {SUBMIT}` under gunicorn ({WORKERS} sync workers, production settings, "
            f"PostgreSQL), {CLIENTS} concurrent clients in a second process on {HOST}, each "
            "request from its own address (one trusted proxy, X-Forwarded-For) so both rate "
            "limits are checked without refusing; half give a contact phone. A submission is "
            "the rate-limit counts, the unit's duty desk and SLA targets, the report INSERT with "
            "its tracking code and its first event. The ceiling is the bare endpoint of the "
            f"same server (`POST {BARE}`, one INSERT), loaded the same way in the same run. "
            f"After a warm-up, {ROUNDS} rounds ({REQUESTS:,} requests at most, {SECONDS:.0f} s "
            "at most per load); rates are medians of the rounds, latency over every request."
        ),
    )
    section.measurements += [
        Measurement(
            "bare ceiling: Django + ninja, one INSERT",
            bare["rate"],
            "requests/s",
            notes=bare["note"],
        ),
        Measurement("public submissions", submitted["rate"], "requests/s", notes=submitted["note"]),
        Measurement("submissions / bare ceiling", 100 * submitted["rate"] / bare["rate"], "%"),
        Measurement(f"submission latency p50, {CLIENTS} clients", submitted["p50"], "ms"),
        Measurement(f"submission latency p95, {CLIENTS} clients", submitted["p95"], "ms"),
        Measurement(f"bare ceiling latency p95, {CLIENTS} clients", bare["p95"], "ms"),
    ]
    return section


def setup() -> None:
    """Schema, the demo bureau and the bare endpoint's table; prints the choosable units."""
    import django

    django.setup()
    from bench.bare_endpoint import table_create
    from bench.harness import migrate_quietly

    migrate_quietly()
    from shouwang.demo import bureau
    from shouwang.intake.services.common import choosable_units

    bureau.load()
    table_create()
    print(json.dumps({"units": [unit.pk for unit in choosable_units()]}))


def _submission(n: int, units: list[int]) -> dict:
    kind, category, text = KINDS[n % len(KINDS)]
    report = {"type": kind, "category": category, "text": f"{text}（{n}）", "place": "城关镇"}
    if n % 5:  # one in five "not sure" of the unit: the bureau's duty desk gets it
        report["unit"] = units[n % len(units)]
    if n % 2:
        report["contact_phone"] = f"139{n:08d}"
    else:
        report["anonymous"] = True
    return report


def client(port: int, path: str, requests: int, units: list[int]) -> None:
    def request(n: int) -> tuple[bytes, dict]:
        # Addresses 10.x.y.z, one per request: every submission passes the rate limits.
        address = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
        headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
        if path == BARE:
            return bare_body(1, n), headers
        return json.dumps(_submission(n, units), ensure_ascii=False).encode(), headers

    http_load.client(port, path, requests, request)


if __name__ == "__main__":
    if sys.argv[1:2] == ["setup"]:
        setup()
    elif sys.argv[1:2] == ["client"]:
        client(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), json.loads(sys.argv[5]))
