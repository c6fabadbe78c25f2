"""The matcher: Traditional, paraphrase, typos and chatter found; unrelated messages not."""

import pytest

from shouwang.rumours.demo_data import RUMOURS
from shouwang.rumours.matching import Index, normalise, search_text_of, terms_of


@pytest.fixture(scope="module")
def index():
    rows = [
        (n, "published", "000001/", search_text_of(rumour.claim))
        for n, rumour in enumerate(RUMOURS, start=1)
    ]
    return Index.build(rows)


def key_of(rumour_id: int) -> str:
    return RUMOURS[rumour_id - 1].key


def test_normalise_folds_traditional_full_width_and_chatter():
    assert normalise("家人們速看！甲醇可以代替酒精消毒，ＡＢ７５％") == "甲醇可以代替酒精消毒 ab75"


def test_terms_are_characters_and_pairs_without_common_single_characters():
    assert terms_of("喝的酒") == {"喝": 1, "酒": 1, "喝的": 1, "的酒": 1}


@pytest.mark.parametrize(
    "message",
    [
        "藥店沒酒精了，可以用甲醇擦桌子消毒嗎？",  # Traditional paraphrase
        "家裡有桶甲醇，能不能當消毒酒精用",
        "家人们速看！甲醇和酒精一样可以消毒，转给家人！！",  # chatter around it
        "甲纯可以代替酒晶消毒",  # two typos
        "消毒用甲醇代替酒精可以吗",  # another order
    ],
)
def test_the_methanol_rumour_is_found(index, message):
    found = index.search(message)
    assert [key_of(found[0][0])] == ["methanol"]


def test_an_unrelated_message_matches_nothing(index):
    assert index.search("明天上午九点在小区门口统一测体温，请带好身份证") == []
    assert index.search("三号楼二单元的快递放在门卫室了") == []
    assert index.search("") == []
    assert index.search("！！！，。") == []


def test_matches_come_best_first_and_at_most_the_limit(index):
    found = index.search("喝白酒和吃大蒜能预防新冠吗", limit=3, threshold=0)
    assert len(found) == 3
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)
    assert {key_of(found[0][0]), key_of(found[1][0])} == {"baijiu", "garlic"}


def test_a_rule_filters_what_may_be_matched(index):
    found = index.search("甲醇可以代替酒精消毒", allowed=lambda entry: entry.id != 1)
    assert found == []


def test_another_wording_of_a_rumour_matches_it():
    index = Index.build(
        [(7, "published", "1/", search_text_of("甲醇可以代替酒精消毒", "工业酒精能消毒"))]
    )
    assert index.search("工业酒精能消毒") == [(7, 1.0)]
