"""WCAG 2 contrast of two colours, as CSS writes them (#rgb, #rrggbb, rgb(), rgba())."""

import re

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """(red, green, blue, alpha) with channels 0–255 and alpha 0–1."""
    text = text.strip()
    if match := _HEX.fullmatch(text):
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(digit * 2 for digit in digits)
        red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        return red, green, blue, 1.0
    if match := _RGB.fullmatch(text):
        alpha = match.group(4)
        if alpha is None:
            opacity = 1.0
        elif alpha.endswith("%"):
            opacity = float(alpha[:-1]) / 100
        else:
            opacity = float(alpha)
        return float(match.group(1)), float(match.group(2)), float(match.group(3)), opacity
    raise ValueError(f"not a colour: {text!r}")


def _luminance(red: float, green: float, blue: float) -> float:
    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    """The contrast ratio (1–21) of opaque colours; a translucent foreground is laid over the
    background first."""
    fr, fg, fb, fa = parse_colour(foreground)
    br, bg, bb, ba = parse_colour(background)
    if ba < 1:
        raise ValueError(f"the background must be opaque: {background!r}")
    fr, fg, fb = (f * fa + b * (1 - fa) for f, b in ((fr, br), (fg, bg), (fb, bb)))
    lighter, darker = sorted((_luminance(fr, fg, fb), _luminance(br, bg, bb)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
