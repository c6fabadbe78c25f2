"""Normalisation of what people type: full-width forms, Traditional characters, separators."""

import re
from functools import cache

import opencc

_FULLWIDTH_OFFSET = 0xFEE0  # "！" (U+FF01) .. "～" (U+FF5E) map onto "!" .. "~"
_HALFWIDTH = {code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = ord(" ")  # ideographic space
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Spaces and the dots and dashes people put inside plates, IDs and phone numbers
# ("鄂A·12345", "138-1234-5678"); after to_halfwidth, so "－" is already "-".
_SEPARATORS = re.compile(r"[\s·•‧・･\-‐‑–—_]+")


@cache
def _traditional_to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified ("遼寧" → "辽宁")."""
    return _traditional_to_simplified().convert(text)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms and the ideographic space converted to ASCII ("ＡＢ１２" → "AB12")."""
    return text.translate(_HALFWIDTH)


def normalize_input(text: str) -> str:
    """Text as plates, IDs and codes need it: half-width, Simplified, Latin uppercase, stripped.

    Only ASCII letters are uppercased, so Chinese and other scripts pass through unchanged.
    """
    tail = text[1:]
    if tail.isascii():
        # Plates ("陝k12345"), ID numbers, phones: at most one character needs converting, and
        # converting it alone gives what converting the whole text would (dictionary phrases
        # are made of Chinese characters only). Saves the converter call on every plate.
        return (_normalized_character(text[:1]) + tail.upper()).strip()
    return _normalize_fully(text)


def _normalize_fully(text: str) -> str:
    return to_simplified(to_halfwidth(text)).translate(_ASCII_UPPER).strip()


@cache
def _normalized_character(character: str) -> str:
    return _normalize_fully(character) if character else ""


def compact(text: str) -> str:
    """normalize_input() without any spaces, dots or dashes inside ("鄂ａ·１２３４５" → "鄂A12345")."""
    return _SEPARATORS.sub("", normalize_input(text))
