"""The menu: every app's entries collected, each role seeing exactly its own."""

import pytest
from django.urls import resolve, reverse

from shouwang.shell.navigation import navigation_entries, navigation_for
from shouwang.units.policy import SIGNED_IN, allows, policy_of

EVERYONE = ["首页", "单位", "人员名册", "重点地区"]
FIELD = ["卡点登记", "通行记录", "通行证", "扫码核验", "重点人员", "今日随访", "健康预警"]
COMMUNITY = ["入户排查", "楼栋与住户"]
CAPTAIN = [*COMMUNITY, "我的楼栋"]
VENUES = ["涉疫案件", "场所", "今日回访"]
RUMOURS = ["谣言库", "谣言比对"]
OUTREACH = ["宣传通告", "警民联系群"]  # 宣传引导
MY_SHIFTS = ["我的班次"]
DUTY = [*MY_SHIFTS, "勤务排班", "岗位缺员"]  # 勤务排班: one's shifts, the roster, gaps
COMMAND = ["指挥看板", "工作日报", "封控区域"]  # the dashboard, the daily report, the zones map
ZONES = ["封控区域"]  # field staff read the zones they work in
PATROLS = ["巡逻", "视频告警"]  # patrols and their findings; the video room's camera alerts
SERVING = ["今日预约"]  # booked windows: the day's appointments
BOOKINGS = [*SERVING, "预约窗口"]  # and the windows with their slots, for their keepers

# username (role): the menu, in order.
MENUS = {
    "commander": [
        *EVERYONE,
        "卡点",
        "卡点统计",
        "通行证",
        "重点人员",
        "健康预警",
        "涉疫案件",
        "场所",
        "线索与求助",
        *COMMUNITY,
        *RUMOURS,
        *BOOKINGS,
        *PATROLS,
        "卡点督查",
        *OUTREACH,
        *COMMAND,
        "勤务排班",
        "岗位缺员",
        "物资",
    ],
    "chief1": [
        *EVERYONE,
        "卡点登记",
        "卡点",
        "通行记录",
        "卡点统计",
        "通行证",
        "扫码核验",
        "重点人员",
        "今日随访",
        "健康预警",
        *VENUES,
        "线索与求助",
        *CAPTAIN,
        *RUMOURS,
        *BOOKINGS,
        *PATROLS,
        "摄像头",
        "卡点督查",
        *OUTREACH,
        *COMMAND,
        *DUTY,
        "物资",
    ],
    "officer1": [
        *EVERYONE,
        *FIELD,
        *VENUES,
        "线索与求助",
        *CAPTAIN,
        *RUMOURS,
        *SERVING,
        *PATROLS,
        *OUTREACH,
        *ZONES,
        *DUTY,
    ],
    "auxiliary1": [
        *EVERYONE,
        *FIELD,
        *VENUES,
        *CAPTAIN,
        *RUMOURS,
        *SERVING,
        *PATROLS,
        *ZONES,
        *MY_SHIFTS,
    ],
    "volunteer1": [*EVERYONE, "卡点登记", "通行记录", "通行证", "扫码核验", *MY_SHIFTS],
    "duty1": [*EVERYONE, "重点人员", "健康预警", "线索与求助", *RUMOURS, "视频告警", *DUTY],
    "health1": [*EVERYONE, "重点人员", "健康预警"],
    "admin": ["首页", "单位", "人员名册", "审计", "重点地区", "摄像头"],
}


def test_the_menu_collects_every_apps_entries_home_first_in_app_order():
    assert [entry.url_name for entry in navigation_entries()] == [
        "home",
        "units:list",
        "accounts:staff",
        "audit:events",
        "areas:list",
        "checkpoints:shift",
        "checkpoints:list",
        "checkpoints:passages",
        "checkpoints:figures",
        "passes:list",
        "passes:scan",
        "people:list",
        "people:due",
        "people:alerts",
        "cases:list",
        "venues:list",
        "venues:due",
        "intake:list",
        "community:campaigns",
        "community:buildings",
        "community:buildings_mine",
        "rumours:list",
        "rumours:check",
        "bookings:day",
        "bookings:windows",
        "patrols:list",
        "patrols:alerts",
        "patrols:cameras",
        "patrols:inspections",
        "outreach:bulletins",
        "outreach:groups",
        "command:dashboard",
        "command:report",
        "command:zones",
        "duty:mine",
        "duty:roster",
        "duty:coverage",
        "supplies:stock",
    ]


@pytest.mark.parametrize("username", sorted(MENUS))
def test_each_role_sees_exactly_its_menu(staff, username):
    menu = navigation_for(staff[username])
    assert [item["label"] for item in menu] == MENUS[username]


def test_the_passes_and_key_areas_pages_are_in_the_menu(staff):
    urls = [item["url"] for item in navigation_for(staff["chief1"])]
    assert {"/passes/", "/passes/scan/", "/areas/"} <= set(urls)


def test_no_entry_shows_a_page_to_a_role_its_page_refuses(staff):
    """An entry's rule is the page's read rule or narrower: a menu link never leads to a 403."""
    for entry in navigation_entries():
        view = resolve(reverse(entry.url_name)).func
        # A page without @guarded is for everyone signed in (login_required alone).
        page = policy_of(getattr(view, "policies", {"read": SIGNED_IN})["read"])
        for user in staff.values():
            if allows(user, entry.rule):
                assert page.allows(user), (entry.url_name, user.username)


@pytest.mark.parametrize("username", ["commander", "volunteer1", "health1", "admin"])
def test_every_entry_a_role_sees_opens(login_as, staff, username):
    client = login_as(username)
    for item in navigation_for(staff[username]):
        assert client.get(item["url"], follow=True).status_code == 200, item["url"]
