"""Scenario 1 in the demo bureau: 城关's station keeps the rumours its three resident groups
see (the methanol one first: "methanol can replace alcohol" → "methanol blinds"), published with
their sources, a few still being checked and one retired; 白云山 keeps two of its own.

Runs before the intake demo, so its rumour tip is matched on arrival. Idempotent: nothing is
made when 城关 already has its methanol rumour.
"""

from datetime import timedelta

from django.utils import timezone

from shouwang.accounts.models import User

from .demo_data import RUMOURS
from .models import Rumour
from .services import rumour_check, rumour_create, rumour_transition

# Still being checked at 城关 (drafts), kept by 白云山, and retired (no longer going round).
DRAFTS = {"hospital_sealed", "chilli"}
BAIYUNSHAN = {"firecrackers", "pass_fee"}
RETIRED = {"summer_heat"}
# What the groups forwarded this week, checked by officers: each counts a sighting.
CHECKS = [
    ("officer1", "家人们速看！药店没酒精了，可以用甲醇擦桌子消毒吗？"),
    ("officer1", "群里有人说工业甲醇便宜，拿来代替酒精给家里消毒"),
    ("duty1", "聽說甲醇和酒精一樣能殺病毒，噴一噴就行"),
    ("chief1", "天天喝白酒能杀死新冠病毒，转给家人"),
    ("officer1", "今晚零点开始封城，快去超市买菜！！"),
    ("auxiliary1", "淡盐水漱漱口，病毒就被杀死了"),
]


def load() -> None:
    users = {user.username: user for user in User.objects.filter(username__in=_names())}
    if "chief1" not in users or "chief2" not in users:
        return
    if Rumour.objects.filter(unit=users["chief1"].unit, claim=RUMOURS[0].claim).exists():
        return
    today = timezone.localdate()
    for n, rumour in enumerate(RUMOURS):
        elsewhere = rumour.key in BAIYUNSHAN
        actor = users["chief2"] if elsewhere else users[("chief1", "officer1", "duty1")[n % 3]]
        made = rumour_create(
            actor=actor,
            claim=rumour.claim,
            rebuttal=rumour.rebuttal,
            category=rumour.category,
            sources=list(rumour.sources),
            evidence=rumour.evidence,
            first_seen=today - timedelta(days=40 - n),
            publish=rumour.key not in DRAFTS,
        )
        if rumour.key in RETIRED:
            rumour_transition(
                actor=actor,
                rumour=made,
                status="retired",
                reason="近期群内未再出现，撤下",
            )
    for username, text in CHECKS:
        if username in users:
            rumour_check(actor=users[username], text=text)


def _names() -> list[str]:
    return ["chief1", "chief2", "officer1", "duty1", "auxiliary1"]
