"""Demo loaders in the order they run; each later area appends its own `demo.load`."""

DEMO_LOADERS = [
    "shouwang.demo.bureau.load",
    "shouwang.checkpoints.demo.load",
    # After the checkpoints demo: passes name its checkpoints.
    "shouwang.passes.demo.load",
    # After the checkpoints demo: reuses its key area 湖北省武汉市 when it made one.
    "shouwang.people.demo.load",
]
