"""The phone's bottom bar: each role's primary entries, only pages the role may open."""

import pytest
from django.urls import resolve, reverse

from shouwang.accounts.roles import Role, capabilities_of
from shouwang.shell.navigation import PRIMARY, bottom_bar, navigation_entries, navigation_for
from shouwang.units.policy import SIGNED_IN, allows, policy_of

# username (role): its bottom bar, in order; everything else of its menu is under 更多.
BARS = {
    "commander": ["指挥看板", "重点人员", "健康预警", "通行证"],
    "chief1": ["卡点登记", "重点人员", "今日随访", "健康预警"],
    "officer1": ["卡点登记", "重点人员", "今日随访", "健康预警"],
    "auxiliary1": ["卡点登记", "重点人员", "今日随访", "健康预警"],
    "volunteer1": ["卡点登记", "扫码核验", "通行记录", "我的班次"],
    "duty1": ["线索与求助", "重点人员", "健康预警", "我的班次"],
    "health1": ["重点人员", "健康预警"],
    "admin": ["单位", "人员名册", "审计"],
}


class RoleHolder:
    """A signed-in user holding exactly one role's capabilities."""

    is_authenticated = True

    def __init__(self, role: str):
        self.role = role
        self.capabilities = capabilities_of(role)


def page_policy(url_name: str):
    view = resolve(reverse(url_name)).func
    return policy_of(getattr(view, "policies", {"read": SIGNED_IN})["read"])


def test_every_role_has_primary_entries_and_at_most_four():
    assert set(PRIMARY) == set(Role.values)
    for role, names in PRIMARY.items():
        assert 1 <= len(names) <= 4, role
        assert len(set(names)) == len(names), role


@pytest.mark.parametrize("role", Role.values)
def test_a_roles_primary_entries_are_menu_entries_it_sees_and_pages_it_may_open(role):
    entries = {entry.url_name: entry for entry in navigation_entries()}
    user = RoleHolder(role)
    for name in PRIMARY[role]:
        assert name in entries, (role, name)
        assert allows(user, entries[name].rule), (role, name)
        assert page_policy(name).allows(user), (role, name)


@pytest.mark.parametrize("username", sorted(BARS))
def test_each_role_has_its_bottom_bar_and_the_rest_of_its_menu_under_more(staff, username):
    user = staff[username]
    menu = navigation_for(user)
    bar, more = bottom_bar(user, menu)
    assert [item["label"] for item in bar] == BARS[username]
    # Nothing of the menu is lost nor shown twice: the bar and 更多 together are the menu.
    assert sorted(item["url"] for item in bar + more) == sorted(item["url"] for item in menu)
    assert not {item["url"] for item in bar} & {item["url"] for item in more}
    assert more[0]["label"] == "首页"


@pytest.mark.parametrize("username", ["officer1", "health1", "volunteer1"])
def test_every_entry_of_the_bottom_bar_opens(login_as, staff, username):
    client = login_as(username)
    bar, _more = bottom_bar(staff[username], navigation_for(staff[username]))
    for item in bar:
        assert client.get(item["url"], follow=True).status_code == 200, item["url"]


def test_the_pages_carry_the_bar_and_the_drawer_for_a_signed_in_user(login_as):
    html = login_as("officer1").get(reverse("people:list")).content.decode()
    assert 'class="bottom-bar"' in html and 'class="more-drawer"' in html
    bar = html.split('class="bottom-bar"')[1].split('class="more-drawer"')[0]
    assert [label in bar for label in ["重点人员", "今日随访", "健康预警"]] == [True] * 3


def test_a_visitor_has_no_bottom_bar(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "bottom-bar" not in html
    assert 'class="account"' in html  # the language switch stays in the top bar
