"""Page-number pagination whose page number the database can always take."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from .schemas import MAX_PAGE


class BoundedPageNumberPagination(PageNumberPagination):
    """ninja's page numbers, bounded: page=9223372036854775807 is a 422, not an OFFSET
    overflow (a 500 on both databases). A page past the last one is empty, as before."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
