from django.core.management import call_command

from shouwang.accounts.models import User
from shouwang.identity import parse_id_number
from shouwang.units.models import Unit


def test_demo_loads_twice_without_duplicating(db, capsys):
    call_command("demo")
    counts = (Unit.objects.count(), User.objects.count())
    call_command("demo")
    assert (Unit.objects.count(), User.objects.count()) == counts == (13, 11)
    assert "chief1" in capsys.readouterr().out


def test_demo_people_have_valid_id_numbers(db):
    call_command("demo")
    for user in User.objects.all():
        assert parse_id_number(user.id_number).region_code == "610824"


def test_every_role_has_a_demo_account(db):
    call_command("demo")
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {
        "commander",
        "station_chief",
        "officer",
        "auxiliary",
        "volunteer",
        "duty_desk",
        "health_liaison",
        "administrator",
    }


def test_the_demo_password_comes_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("SHOUWANG_DEMO_PASSWORD", "another-demo-pass")
    call_command("demo")
    assert User.objects.get(username="chief1").check_password("another-demo-pass")
