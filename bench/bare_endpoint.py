"""The ceiling of `bench_checkpoint_http`: a bare Django + django-ninja endpoint doing one insert.

`POST /bench/bare` reads the same JSON body as `POST /api/v1/passages` into a ninja schema and
writes it as one row (one INSERT … RETURNING) into a table the bench creates (`TABLE`), then
answers 201 with the row's id and the fields it read. No authentication, validation beyond
the schema's types, or figures: what any Django + ninja endpoint storing a row costs on this
server. `POST /bench/bare-authenticated` does the same behind the application's API
authentication (`api_guard`, the registration's rule). It is mounted only in the bench's URL configuration (this module, used through
`bench.http_settings`), beside the application's own URLs.
"""

from datetime import datetime

from django.db import connection
from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI, Schema, Status

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as application_urls
from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard

TABLE = "bench_bare_row"
COLUMNS = (
    "client_id",
    "checkpoint",
    "occurred_at",
    "direction",
    "plate",
    "vehicle_kind",
    "occupants_count",
    "temperature",
    "health_code",
    "disposition",
    "destination",
    "purpose",
)

api = NinjaAPI(urls_namespace="bench_bare", docs_url=None, openapi_url=None)


class RowIn(Schema):
    client_id: str
    checkpoint: int
    occurred_at: datetime
    direction: str = "in"
    plate: str | None = None
    vehicle_kind: str = ""
    occupants_count: int = 1
    temperature: str | None = None
    health_code: str = ""
    disposition: str = ""
    destination: str = ""
    purpose: str = ""


class RowOut(RowIn):
    id: int


@api.post("/bare", response={201: RowOut})
def bare_insert(request: HttpRequest, payload: RowIn):
    return Status(201, _insert(payload))


@api.post(
    "/bare-authenticated", auth=api_guard(Capability.REGISTER_PASSAGES), response={201: RowOut}
)
def bare_insert_authenticated(request: HttpRequest, payload: RowIn):
    """The same, behind the application's own authentication (bearer token and rule), to show
    what the registration costs beyond what every API call pays."""
    return Status(201, _insert(payload))


def _insert(payload: RowIn) -> dict:
    values = payload.dict()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * len(COLUMNS))}) RETURNING id",
            [values[column] for column in COLUMNS],
        )
        (row_id,) = cursor.fetchone()
    return {**values, "id": row_id}


def table_create() -> None:
    """The bare endpoint's table (PostgreSQL), created by the bench's setup."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            "id bigserial PRIMARY KEY, client_id uuid NOT NULL, checkpoint bigint NOT NULL, "
            "occurred_at timestamptz NOT NULL, direction varchar(3) NOT NULL, plate varchar(12), "
            "vehicle_kind varchar(12) NOT NULL, occupants_count integer NOT NULL, "
            "temperature numeric(3, 1), health_code varchar(6) NOT NULL, "
            "disposition varchar(12) NOT NULL, destination varchar(100) NOT NULL, "
            "purpose varchar(200) NOT NULL)"
        )


urlpatterns = [path("bench/", api.urls), *application_urls]
