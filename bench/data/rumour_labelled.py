"""The labelled set of the rumour matching bench, built from the hand-written paraphrases.

Each paraphrase appears twice: as written (every third one wrapped in forwarding chatter), and
as a variant: two out of three in Traditional characters (some with chatter), the others with
one or two typos (a character swapped for one that sounds alike, or dropped). So a third of the
set is Traditional and a sixth has typos. 100 unrelated messages: 50 written, 50 from templates.
"""

import random
from dataclasses import dataclass

import opencc

from .rumour_messages import PARAPHRASES, UNRELATED

PREFIXES = [
    "家人们速看！",
    "紧急扩散：",
    "群里都在传，",
    "刚看到朋友圈说：",
    "【重要通知】",
    "大家注意了，",
    "转自业主群：",
    "我二姨说的，",
]
SUFFIXES = [
    "，是真的吗？",
    "，赶紧转给家人！！",
    "，大家互相转告。",
    "，真的假的啊",
    "。不转不是中国人",
    "~~~",
    "，有没有懂的说说",
]
# Characters people type for one another on a pinyin keyboard.
SOUND_ALIKE = {
    "醇": "纯",
    "精": "晶",
    "毒": "读",
    "病": "并",
    "防": "房",
    "预": "于",
    "染": "然",
    "冠": "官",
    "漱": "数",
    "盐": "严",
    "蒜": "算",
    "醋": "促",
    "喝": "和",
    "吃": "迟",
    "酒": "久",
    "烟": "研",
    "罩": "照",
    "药": "要",
    "城": "成",
    "封": "风",
    "疫": "易",
    "苗": "描",
    "毒液": "读液",
    "蚊": "文",
    "辣": "拉",
    "茶": "查",
    "鼻": "比",
    "油": "由",
    "炮": "泡",
    "递": "地",
    "宠": "冲",
    "热": "惹",
}
UNRELATED_PLACES = ["三号楼", "五号楼", "北门", "南门", "社区服务站", "物业", "菜市场", "卫生院"]
UNRELATED_ACTIONS = [
    "明天上午暂停开放",
    "的电话换成了新号码",
    "需要两名志愿者帮忙搬东西",
    "今天下午有人上门抄水表",
    "门口的车请挪一下",
    "周末组织大扫除",
    "的灯坏了已经报修",
    "今天发放米面油，每户一份",
    "的快递柜满了，请及时取件",
    "下午三点停电检修",
]


@dataclass(frozen=True)
class Message:
    text: str
    key: str  # the rumour it repeats ("" for an unrelated message)
    traditional: bool = False
    typo: bool = False
    chatter: bool = False


def _typo(text: str, rng: random.Random) -> str:
    spots = [i for i, character in enumerate(text) if character in SOUND_ALIKE]
    if not spots:
        i = rng.randrange(1, max(2, len(text) - 1))
        return text[:i] + text[i + 1 :]
    for i in rng.sample(spots, k=min(len(spots), rng.choice((1, 2)))):
        text = text[:i] + SOUND_ALIKE[text[i]] + text[i + 1 :]
    return text


def _chatter(text: str, rng: random.Random) -> str:
    return rng.choice(PREFIXES) + text + rng.choice(SUFFIXES)


def labelled_messages(seed: int = 15) -> list[Message]:
    rng = random.Random(seed)
    to_traditional = opencc.OpenCC("s2t").convert
    messages: list[Message] = []
    n = 0
    for key, texts in PARAPHRASES.items():
        for text in texts:
            chatty = n % 3 == 0
            messages.append(Message(_chatter(text, rng) if chatty else text, key, chatter=chatty))
            if n % 3 == 2:
                messages.append(Message(_typo(text, rng), key, typo=True))
            else:
                chatty = n % 2 == 0
                variant = _chatter(text, rng) if chatty else text
                messages.append(
                    Message(to_traditional(variant), key, traditional=True, chatter=chatty)
                )
            n += 1
    return messages


def unrelated_messages(seed: int = 15) -> list[Message]:
    rng = random.Random(seed)
    made = {f"{place}{action}" for place in UNRELATED_PLACES for action in UNRELATED_ACTIONS}
    generated = rng.sample(sorted(made), k=100 - len(UNRELATED))
    return [Message(text, "") for text in [*UNRELATED, *generated]]
