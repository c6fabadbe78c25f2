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
    # Before the intake demo: its rumour tip is matched against these rumours on arrival.
    "shouwang.rumours.demo.load",
    # After the people demo: links tips to the watch records of the people they named.
    "shouwang.intake.demo.load",
    # After the people demo: the night mahjong case names people of its registry.
    "shouwang.venues.demo.load",
    # Scenario 1's resident groups and guidance bulletins: needs only units and accounts.
    "shouwang.outreach.demo.load",
    # Scenario 5's booked windows: needs only the bureau's units and accounts.
    "shouwang.bookings.demo.load",
    # Scenario 3's task force and scenario 4's volunteers: after checkpoints (posts name them).
    "shouwang.duty.demo.load",
    # Scenario 5's gear and scenario 1's donations: needs only units and accounts.
    "shouwang.supplies.demo.load",
    # Scenarios 3-5's patrols, drones, video room and post inspections: after checkpoints (the
    # alert's car is turned back at one) and before command (its report counts the patrols).
    "shouwang.patrols.demo.load",
    # After every area it counts: zones link the demo checkpoints and buildings; yesterday's
    # daily report is kept from all their records.
    "shouwang.command.demo.load",
]
