"""Demo loaders in the order they run; each later area appends its own `demo.load`."""

DEMO_LOADERS = [
    "shouwang.demo.bureau.load",
]
