"""Draws the web app's icons (shouwang/offline/static/offline/icons): a white shield with a
check mark on the bureau's blue, as SVG and as 192 and 512 px PNGs drawn with Pillow from the
same outline. The shapes stay inside the central 80 % so the icon is also "maskable".

Run after changing the outline: `.venv/bin/python scripts/make_icons.py`.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = (
    Path(__file__).resolve().parent.parent / "shouwang" / "offline" / "static" / "offline" / "icons"
)
BLUE = "#1d3557"
AMBER = "#ffb300"
# On a 100 × 100 grid.
SHIELD = [(50, 16), (78, 26), (76, 52), (68, 68), (50, 84), (32, 68), (24, 52), (22, 26)]
CHECK = [(36, 50), (46, 60), (66, 38)]


def svg() -> str:
    shield = " ".join(f"{x},{y}" for x, y in SHIELD)
    check = " ".join(f"{x},{y}" for x, y in CHECK)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" fill="{BLUE}"/>'
        f'<polygon points="{shield}" fill="#ffffff"/>'
        f'<polyline points="{check}" fill="none" stroke="{AMBER}" stroke-width="8" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
    )


def png(size: int) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges
    big = size * scale
    unit = big / 100
    image = Image.new("RGB", (big, big), BLUE)
    draw = ImageDraw.Draw(image)
    draw.polygon([(x * unit, y * unit) for x, y in SHIELD], fill="#ffffff")
    points = [(x * unit, y * unit) for x, y in CHECK]
    width = round(8 * unit)
    draw.line(points, fill=AMBER, width=width, joint="curve")
    for x, y in (points[0], points[-1]):
        r = width / 2
        draw.ellipse((x - r, y - r, x + r, y + r), fill=AMBER)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(svg())
    for size in (192, 512):
        png(size).save(OUT / f"icon-{size}.png", optimize=True)
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
