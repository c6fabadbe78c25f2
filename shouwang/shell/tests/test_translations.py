"""The English catalogue is complete, reviewed and compiled, and the English switch reaches
the messages added for the security fixes (the commands are in the README, "Translations")."""

import ast
import gettext
import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

ENGLISH = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"


def catalogue_entries(path) -> list[dict]:
    """The live entries of a .po file, header and obsolete ones left out: {"flags": [...],
    "msgid": text, "msgstr": text} (plural entries have "msgstr[0]", "msgstr[1]", ...)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": []}
        keyword = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].extend(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("msg"):
                keyword, quoted = line.split(" ", 1)
                entry[keyword] = ast.literal_eval(quoted)
            elif line.startswith('"') and keyword:
                entry[keyword] += ast.literal_eval(line)
        if entry.get("msgid"):  # obsolete entries are all "#~" lines
            entries.append(entry)
    return entries


def test_every_english_entry_is_translated_and_none_is_left_fuzzy():
    entries = catalogue_entries(ENGLISH / "django.po")
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [
        e["msgid"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert len(entries) > 900
    assert fuzzy == []
    assert untranslated == []


def test_the_committed_english_mo_is_compiled_from_the_po():
    with open(ENGLISH / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    singular = {
        e["msgid"]: e["msgstr"] for e in catalogue_entries(ENGLISH / "django.po") if "msgstr" in e
    }
    stale = {msgid: text for msgid, text in singular.items() if catalogue.get(msgid) != text}
    assert stale == {}


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    mismatched = [
        e["msgid"]
        for e in catalogue_entries(ENGLISH / "django.po")
        if "msgstr" in e
        and sorted(placeholder.findall(e["msgid"])) != sorted(placeholder.findall(e["msgstr"]))
    ]
    assert mismatched == []


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("请先完成动态验证码验证", "Verify your authenticator code first"),
        ("请填写解锁事由", "Give a reason for unlocking"),
        ("导出完整信息须填写导出事由", "Give a reason to export full data"),
        ("密码已修改", "Password changed"),
        (
            "文件已损坏，无法读取，请用 Excel 或 WPS 重新保存后上传",
            "The file is damaged and cannot be read. Save it again in Excel or WPS and upload it again",
        ),
    ],
)
def test_security_messages_read_in_english(chinese, english):
    with translation.override("en"):
        assert _(chinese) == english


def test_a_slowed_sign_in_names_the_wait_in_english():
    with translation.override("en"):
        message = _("近期登录失败次数过多，为防止密码被猜测，请于 %(seconds)s 秒后再试。") % {
            "seconds": 8
        }
    assert (
        message
        == "Too many recent failed sign-ins. To stop passwords being guessed, try again in 8 seconds."
    )


def test_the_api_refuses_a_control_character_in_english(login_as):
    client = login_as("chief1")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # The locale middleware activates English for this thread; the override puts Chinese back
    # for the tests that run after this one.
    with translation.override(settings.LANGUAGE_CODE):
        response = client.get("/api/v1/people?q=%00")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Invalid input",
        "errors": [
            {"field": "q", "message": "Cannot contain control characters or invalid characters"}
        ],
    }
