"""The scanner's verdict panel: every result's text on its background reaches WCAG AA (4.5:1),
read from the colours passes.css declares (the browser test reads the computed ones)."""

import re
from pathlib import Path

import pytest

from shouwang.passes.models import VerificationResult

from .contrast import contrast_ratio

CSS = Path(__file__).resolve().parents[1] / "static" / "passes" / "passes.css"
AA = 4.5


def _rules() -> list[tuple[list[str], dict[str, str]]]:
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (part.partition(":") for part in body.split(";"))
            if value.strip()
        )
        rules.append(([s.strip() for s in selectors.split(",")], declarations))
    return rules


def _declared(selector: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for selectors, declarations in _rules():
        if selector in selectors:
            merged.update(declarations)
    return merged


def test_the_panel_paints_its_text_and_pico_text_with_the_verdict_colours():
    panel = _declared(".verdict")
    assert panel["background"] == "var(--verdict-bg)"
    assert panel["color"] == "var(--verdict-fg)"
    # Pico colours <p> and <dl> with --pico-color, not with the inherited colour.
    assert panel["--pico-color"] == "var(--verdict-fg)"
    assert _declared(".verdict p")["color"] == "var(--verdict-fg)"
    assert _declared(".verdict dd")["color"] == "var(--verdict-fg)"


@pytest.mark.parametrize("result", [*VerificationResult.values, "error"])
def test_every_result_declares_colours_with_aa_contrast(result):
    colours = _declared(f".verdict-{result}")
    foreground, background = colours["--verdict-fg"], colours["--verdict-bg"]
    assert contrast_ratio(foreground, background) >= AA, (result, foreground, background)


def test_the_status_badges_reach_aa_too():
    for badge in (".status-valid", ".status-expired", ".status-revoked", ".result-superseded"):
        colours = _declared(badge)
        assert contrast_ratio(colours["color"], colours["background"]) >= AA, badge


def test_the_contrast_formula_matches_wcag_reference_values():
    assert contrast_ratio("#000", "#fff") == pytest.approx(21)
    assert contrast_ratio("#fff", "#fff") == pytest.approx(1)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("rgb(255, 255, 255)", "rgb(27, 94, 32)") == pytest.approx(7.87, abs=0.01)
