import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def no_lookup_misses_left_over():
    """Unknown codes are counted per address in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
