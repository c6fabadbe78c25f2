"""Rumour matching over BENCH_RUMOURS rumours (default 10,000: the 35 demo rumours and made-up
ones in their style, bench/data/rumour_synthetic.py) on SQLite, in one worker process.

- Latency: p95 of `matches_for_public` (the version query, the in-process index, reading the
  matched rows) and of the residents' API `GET /api/v1/public/rumour-check?q=`, over the
  labelled messages; the index's rebuild after a change, timed apart.
- Quality, on the labelled set (bench/data/rumour_labelled.py: 350 paraphrases of the demo
  rumours, a third in Traditional characters, a sixth with typos, a third wrapped in
  forwarding chatter): top-1 and top-3 accuracy (a right answer above the threshold), beside a
  plain substring search run on the same messages and rumours (a rumour matches when its claim,
  folded the same way, is in the message or the message in it; shortest claim first);
  false matches (any answer) on 100 messages about nothing any rumour says.
Run alone: `python -m bench bench_rumour_matching`.
"""

import json
import os
import sys
import time

from bench.harness import Measurement, Section, bench_database, run_worker

RUMOURS = int(os.environ.get("BENCH_RUMOURS", "10000"))


def run() -> Section:
    url = bench_database("rumour_matching", "sqlite")
    r = json.loads(run_worker("bench.bench_rumour_matching", ["worker"], url, timeout=1800))
    n = r["labelled"]
    return Section(
        "Rumours: matching a message",
        notes=(
            f"{r['rumours']:,} published rumours ({r['demo']} demo rumours, the rest made up in "
            f"their style); {n} labelled messages ({r['traditional']} Traditional, {r['typos']} "
            f"with typos, {r['chatter']} with chatter) and {r['unrelated']} unrelated ones; "
            f"threshold {r['threshold']}. Accuracy counts a right answer at or above the "
            "threshold (top-3: among the three answers); without the threshold the matcher's "
            f"top-1 is {r['top1_any']:.1f} %. By kind, top-1: Simplified {r['top1_simplified']:.1f} %, "
            f"Traditional {r['top1_traditional']:.1f} %, typos {r['top1_typo']:.1f} %, "
            f"chatter {r['top1_chatter']:.1f} %. The substring search folds Traditional and "
            "full-width and drops punctuation like the matcher, nothing more. Load average "
            f"while timing: {r['load']:.1f} (the latencies rise with it)."
        ),
        measurements=[
            Measurement("matching, selector, p95", r["select_p95"], "ms"),
            Measurement("public check API, p95", r["api_p95"], "ms"),
            Measurement("index rebuild after a change", r["rebuild_ms"], "ms"),
            Measurement("top-1 accuracy, matcher", r["top1"], "%"),
            Measurement("top-3 accuracy, matcher", r["top3"], "%"),
            Measurement("top-1 accuracy, substring search", r["substring_top1"], "%"),
            Measurement("top-3 accuracy, substring search", r["substring_top3"], "%"),
            Measurement(
                "false matches on unrelated messages, matcher", r["false_matches"], "of 100"
            ),
            Measurement(
                "false matches on unrelated messages, substring search",
                r["substring_false"],
                "of 100",
            ),
        ],
    )


def _fill(unit, actor) -> dict[str, int]:
    """The demo rumours and made-up ones, published, written in bulk; their ids by key."""
    from bench.data.rumour_synthetic import synthetic_claims
    from shouwang.rumours.demo_data import RUMOURS as DEMO
    from shouwang.rumours.matching import search_text_of
    from shouwang.rumours.models import Rumour

    made = synthetic_claims(RUMOURS - len(DEMO), exclude=[rumour.claim for rumour in DEMO])
    rows = [
        Rumour(
            unit=unit,
            claim=rumour.claim,
            rebuttal=rumour.rebuttal,
            category=rumour.category,
            sources=list(rumour.sources),
            status="published",
            search_text=search_text_of(rumour.claim),
            created_by=actor,
        )
        for rumour in DEMO
    ] + [
        Rumour(
            unit=unit,
            claim=claim,
            rebuttal="经核实，此说法没有科学依据。",
            sources=["县疫情防控指挥部"],
            status="published",
            search_text=search_text_of(claim),
            created_by=actor,
        )
        for claim in made
    ]
    Rumour.objects.bulk_create(rows, batch_size=2000)
    ids = dict(Rumour.objects.filter(claim__in=[r.claim for r in DEMO]).values_list("claim", "id"))
    return {rumour.key: ids[rumour.claim] for rumour in DEMO}


def _substring(messages, claims: list[tuple[int, str]]) -> list[list[int]]:
    """The plain search: rumours whose folded claim is in the message (or it in the claim)."""
    from shouwang.rumours.matching import normalise

    def folded(text: str) -> str:
        return normalise(text).replace(" ", "")

    answers = []
    for message in messages:
        text = folded(message.text)
        found = [(len(c), pk) for pk, c in claims if text and (c in text or text in c)]
        answers.append([pk for _, pk in sorted(found)[:3]])
    return answers


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def worker() -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from bench.data.rumour_labelled import labelled_messages, unrelated_messages
    from bench.harness import migrate_quietly, timed
    from shouwang.demo import bureau
    from shouwang.rumours import matching, throttle
    from shouwang.rumours.models import Rumour
    from shouwang.rumours.selectors import matches_for_public

    migrate_quietly()
    units = bureau.load_units()
    staff = {user.username: user for user in bureau.load_accounts(units)}
    ids = _fill(units["城关派出所"], staff["chief1"])
    labelled, unrelated = labelled_messages(), unrelated_messages()

    # The index's rebuild: what the first check after any change costs.
    started = time.perf_counter()
    matching.forget_index()
    matching.current_index()
    rebuild_ms = 1000 * (time.perf_counter() - started)

    answers = []
    for message in labelled:
        answers.append([match.rumour.pk for match in matches_for_public(message.text)])
    wrong_answers = [matches_for_public(message.text) for message in unrelated]

    def best(text: str) -> int | None:
        found = matching.current_index().search(text, threshold=0, limit=1)
        return found[0][0] if found else None

    any_top1 = sum(best(m.text) == ids[m.key] for m in labelled)

    def top(k: int, found: list[list[int]], kind=None) -> float:
        pairs = [(m, a) for m, a in zip(labelled, found, strict=True) if kind is None or kind(m)]
        return _percent(sum(ids[m.key] in a[:k] for m, a in pairs), len(pairs))

    claims = list(Rumour.objects.values_list("id", "claim"))
    folded = [(pk, matching.normalise(claim).replace(" ", "")) for pk, claim in claims]
    substring = _substring(labelled, folded)
    substring_false = sum(bool(a) for a in _substring(unrelated, folded))

    texts = [message.text for message in labelled]
    position = {"n": 0}

    def next_text() -> str:
        position["n"] += 1
        return texts[position["n"] % len(texts)]

    select = timed(lambda: matches_for_public(next_text()), repeats=len(texts))
    throttle.CHECKS = 10**9  # the bench is one address asking many times
    client = Client(HTTP_HOST="127.0.0.1")

    def api_call():
        cache.clear()
        response = client.get("/api/v1/public/rumour-check", {"q": next_text()})
        assert response.status_code == 200, response.status_code

    api = timed(api_call, repeats=len(texts))
    result = {
        "load": os.getloadavg()[0],
        "rumours": Rumour.objects.count(),
        "demo": len(ids),
        "labelled": len(labelled),
        "traditional": sum(m.traditional for m in labelled),
        "typos": sum(m.typo for m in labelled),
        "chatter": sum(m.chatter for m in labelled),
        "unrelated": len(unrelated),
        "threshold": matching.THRESHOLD,
        "rebuild_ms": rebuild_ms,
        "select_p95": select["p95"],
        "api_p95": api["p95"],
        "top1": top(1, answers),
        "top3": top(3, answers),
        "top1_any": _percent(any_top1, len(labelled)),
        "top1_simplified": top(1, answers, lambda m: not (m.traditional or m.typo or m.chatter)),
        "top1_traditional": top(1, answers, lambda m: m.traditional),
        "top1_typo": top(1, answers, lambda m: m.typo),
        "top1_chatter": top(1, answers, lambda m: m.chatter),
        "substring_top1": top(1, substring),
        "substring_top3": top(3, substring),
        "false_matches": sum(bool(found) for found in wrong_answers),
        "substring_false": substring_false,
    }
    print(json.dumps(result))


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
