from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import passage_data


def test_probe(api_as, checkpoints):
    client = api_as("officer1")
    client.post_json("/api/v1/passages", passage_data(checkpoints["城关"]))
    with CaptureQueriesContext(connection) as q:
        r = client.post_json("/api/v1/passages", passage_data(checkpoints["城关"], plate="陕K22222"))
    assert r.status_code == 201
    for x in q.captured_queries:
        print(x["sql"][:300] if "checkpoints_checkpoint" not in x["sql"] else x["sql"])
    print(len(q.captured_queries))
