"""Which known rumours a message repeats: offline, in process, nothing downloaded.

A message and each rumour's wordings are folded the same way (Traditional → Simplified,
full-width → half-width, lower case; punctuation and forwarding chatter dropped) and cut into
character terms: single characters, adjacent pairs and pairs one character apart. Pairs carry
the meaning ("甲醇", "酒精"); single characters and the skipping pairs keep a typo, an inserted
word or another order from losing the match. Terms are weighed by Okapi BM25 (rare terms
count more) and a rumour's score is the share of its own weight the message covers: 1.0 when
the message contains the whole claim, whatever chatter surrounds it. Below `THRESHOLD` the
answer is "no known rumour" rather than a guess.

The index lives in the process (`current_index`), rebuilt when the rumours change: a version
read with one aggregate query (their count and latest change) tells a stale index from a good
one, so every process follows changes made by any other without signals or threads. Counting a
sighting does not move the version (`times_seen` is updated without `save`).
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from heapq import nlargest
from typing import Any

from shouwang.identity.chinese_text import to_halfwidth, to_simplified

THRESHOLD = 0.42
# Rare terms weigh more than BM25's idf alone says: a rumour is told by its rare words.
IDF_POWER = 2
# How much the rumour's own words count against the message's (see `Index.search`).
CLAIM_SHARE = 0.5
K1 = 1.2
B = 0.75
# Terms in more than this share of the wordings say nothing about which rumour it is (and would
# make a query walk most of the index).
MAX_DOCUMENT_SHARE = 0.2
MIN_DOCUMENTS_FOR_PRUNING = 200
COMMON_SHARE = 0.01
QUERY_LIMIT = 2000  # characters of a message read; a longer one is cut

# Words around a forwarded message that say nothing about the claim itself.
CHATTER = (
    "家人们",
    "转发",
    "扩散",
    "速看",
    "紧急通知",
    "重要通知",
    "真的假的",
    "是真的吗",
    "是不是真的",
    "是真是假",
    "有人说",
    "听说",
    "据说",
    "朋友圈",
    "业主群",
    "群里",
    "大家",
    "请转告",
    "转告",
    "赶紧",
    "速速",
    "刚刚",
)
# Single characters too common to tell rumours apart (pairs containing them still count).
STOP_CHARACTERS = frozenset("的了是在有和也都就吗呢啊吧呀哦嘛么这那个一不我你他她们说")
_BREAK = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def normalise(text: str) -> str:
    """The text as the matcher reads it: Simplified, half-width, lower case, chatter and
    punctuation replaced by spaces (a pair never spans a break)."""
    text = to_simplified(to_halfwidth(text or "")[:QUERY_LIMIT]).lower()
    for phrase in CHATTER:
        text = text.replace(phrase, " ")
    return _BREAK.sub(" ", text).strip()


def terms_of(normalised: str) -> Counter:
    """Character terms of normalised text: single characters and adjacent pairs."""
    found: Counter = Counter()
    for run in normalised.split():
        for i, character in enumerate(run):
            if character not in STOP_CHARACTERS:
                found[character] += 1
            if i + 1 < len(run):
                found[run[i : i + 2]] += 1
    return found


def search_text_of(claim: str, aliases: str = "") -> str:
    """What a rumour stores for its index: each wording normalised, one per line."""
    wordings = [claim, *(line for line in (aliases or "").splitlines() if line.strip())]
    return "\n".join(filter(None, (normalise(wording) for wording in wordings)))


@dataclass(frozen=True)
class Entry:
    """What the index knows of a rumour: enough to decide who may see it matched."""

    id: int
    status: str
    unit_path: str


@dataclass
class Index:
    entries: list[Entry] = field(default_factory=list)
    # term → [(wording, weight)]; each wording belongs to entries[owner[wording]]
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    owner: list[int] = field(default_factory=list)
    self_scores: list[float] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)
    # terms of more than COMMON_SHARE of the wordings → {wording: weight}
    common: dict[str, dict[int, float]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[int, str, str, str]]) -> "Index":
        """From (id, status, unit path, search_text) rows."""
        index = cls()
        documents: list[Counter] = []
        for rumour_id, status, unit_path, search_text in rows:
            position = len(index.entries)
            index.entries.append(Entry(rumour_id, status, unit_path))
            for wording in (search_text or "").split("\n"):
                terms = terms_of(wording)
                if terms:
                    documents.append(terms)
                    index.owner.append(position)
        count = len(documents)
        if not count:
            return index
        frequency: Counter = Counter()
        for terms in documents:
            frequency.update(terms.keys())
        common = count * MAX_DOCUMENT_SHARE if count >= MIN_DOCUMENTS_FOR_PRUNING else float("inf")
        idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5)) ** IDF_POWER
            for term, df in frequency.items()
            if df <= common
        }
        lengths = [sum(terms.values()) for terms in documents]
        average = sum(lengths) / count
        postings: dict[str, list[tuple[int, float]]] = {}
        for number, terms in enumerate(documents):
            norm = K1 * (1 - B + B * lengths[number] / average)
            total = 0.0
            for term, tf in terms.items():
                weight = idf.get(term)
                if weight is None:
                    continue
                weight *= tf * (K1 + 1) / (tf + norm)
                postings.setdefault(term, []).append((number, weight))
                total += weight
            index.self_scores.append(total)
        index.postings = postings
        index.idf = idf
        # Below a few thousand wordings every list is short enough to walk.
        crowded = max(count * COMMON_SHARE, MIN_DOCUMENTS_FOR_PRUNING / 4)
        index.common = {term: dict(rows) for term, rows in postings.items() if len(rows) > crowded}
        return index

    def __len__(self) -> int:
        return len(self.entries)

    def search(
        self,
        text: str,
        *,
        allowed: Callable[[Entry], bool] | None = None,
        limit: int = 3,
        threshold: float = THRESHOLD,
    ) -> list[tuple[int, float]]:
        """(rumour id, score 0–1) of the best matches the rule `allowed` lets through, best
        first; empty when none reaches `threshold`."""
        found = terms_of(normalise(text))
        idf = self.idf
        asked = sum(idf.get(term, 0.0) for term in found)
        if not asked:
            return []
        weights: dict[int, float] = {}
        shared: dict[int, float] = {}
        # Rare terms first: they find the candidates. A common term ("病毒") then only adds to
        # candidates already found (a lookup each), never walks its long list of wordings.
        for term in sorted(found, key=lambda term: -idf.get(term, 0.0)):
            rarity = idf.get(term)
            if rarity is None:
                continue
            common = self.common.get(term)
            if common is None:
                for number, weight in self.postings[term]:
                    weights[number] = weights.get(number, 0.0) + weight
                    shared[number] = shared.get(number, 0.0) + rarity
            else:
                for number in [n for n in weights if n in common]:
                    weights[number] += common[number]
                    shared[number] += rarity
        best: dict[int, float] = {}
        for number, total in weights.items():
            # The share of the rumour's weight the message covers, and of the message's
            # weight the rumour covers: chatter lowers the second, a partial match the first.
            claim = min(1.0, total / self.self_scores[number])
            message = shared[number] / asked
            score = claim**CLAIM_SHARE * message ** (1 - CLAIM_SHARE)
            if score < threshold:
                continue
            position = self.owner[number]
            if score > best.get(position, -1.0):
                best[position] = score
        if allowed is not None:
            best = {p: s for p, s in best.items() if allowed(self.entries[p])}
        ranked = nlargest(limit, best.items(), key=lambda item: (item[1], -item[0]))
        return [(self.entries[position].id, round(score, 3)) for position, score in ranked]


# --- the process's index, following the rumours table ------------------------------------------

_cache: dict[str, Any] = {"version": None, "index": None}


def index_version() -> tuple[int, Any]:
    """The rumours' count and latest change: any create, edit or status change moves it."""
    from django.db.models import Count, Max

    from .models import Rumour

    found = Rumour.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return found["count"], found["latest"]


def current_index() -> Index:
    """The index of every rumour not retired, rebuilt when the version has moved."""
    from .models import Rumour, RumourStatus

    version = index_version()
    if _cache["version"] != version or _cache["index"] is None:
        rows = (
            Rumour.objects.exclude(status=RumourStatus.RETIRED)
            .order_by("id")
            .values_list("id", "status", "unit__path", "search_text")
        )
        _cache.update(version=version, index=Index.build(rows.iterator(chunk_size=2000)))
    return _cache["index"]


def forget_index() -> None:
    """Drop the process's index (tests, and the bench between runs)."""
    _cache.update(version=None, index=None)
