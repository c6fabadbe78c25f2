"""The demo month of passages: every generated item passes the registration rules."""

import random
from datetime import datetime

import pytest
from django.utils import timezone

from shouwang.checkpoints.demo import _item
from shouwang.checkpoints.validation import PassageContext, passage_clean

from .factories import make_checkpoint

pytestmark = pytest.mark.django_db


def test_every_generated_passage_is_accepted_whatever_the_hour_it_is_made(staff, bureau):
    # The demo draws from one random stream, so which items exist depends on the time of day
    # it runs; every item any stream can produce must be valid, e.g. no feverish green channel.
    checkpoint = make_checkpoint(bureau["城关东出口卡点"])
    context = PassageContext(checkpoints={checkpoint.pk: checkpoint})
    moment = timezone.make_aware(datetime(2020, 1, 25, 9, 30))
    for seed in range(20):
        rng = random.Random(seed)
        for n in range(300):
            passage_clean(
                _item(rng, checkpoint, moment, n), context=context, actor=staff["officer1"]
            )
