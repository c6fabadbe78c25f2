"""Every read of the community area that is more than one model's scoped list."""
