"""The venues area's pages, by topic."""
