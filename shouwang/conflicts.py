"""The error a service raises when a write clashes with what the database holds now.

Two officers starting the same person's isolation, merging the same pair of records, or one
phone sending the same registration twice: one write wins, the others get a `Conflict`. It is
a ValidationError, so pages show its field messages as they show any other; the API answers
it with 409 instead of 422 (`shouwang/api/errors.py`): the input was fine, the state was not.
"""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The write lost to another one, or the record has changed state since it was read."""
