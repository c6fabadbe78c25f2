import pytest
from django.test import Client
pytestmark = pytest.mark.django_db

def test_smoke(bureau, staff, login_as):
    c = Client()
    for url in ["/public/", "/public/tip/", "/public/help/", "/public/grievance/", "/public/status/", "/public/status/?code=AAAA"]:
        r = c.get(url)
        print(url, r.status_code)
        assert r.status_code in (200, 404), r.content[:3000]
    from shouwang.intake.tests.factories import submit
    rep = submit(unit=bureau["城关派出所"].pk)
    cl = login_as("duty1")
    for url in ["/intake/?status=open", f"/intake/{rep.pk}/", "/intake/new/", "/intake/new/?type=help", "/intake/figures/", "/intake/targets/"]:
        r = cl.get(url)
        print(url, r.status_code)
        assert r.status_code == 200, r.content[:3000]
