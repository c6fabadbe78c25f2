"""Demo loaders in the order they run; each later area appends its own `demo.load`."""

DEMO_LOADERS = [
    "shouwang.demo.bureau.load",
    "shouwang.checkpoints.demo.load",
    # After the checkpoints demo: passes name its checkpoints.
    "shouwang.passes.demo.load",
    # After the checkpoints demo: reuses its key area 湖北省武汉市 when it made one.
    "shouwang.people.demo.load",
    # After the people demo: the returnee a visit finds becomes a watch record of its registry.
    "shouwang.community.demo.load",
    # After the people demo: links tips to the watch records of the people they named.
    "shouwang.intake.demo.load",
    # After the people demo: the night mahjong case names people of its registry.
    "shouwang.venues.demo.load",
]
