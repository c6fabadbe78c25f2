from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class UnitRef(Schema):
    id: int
    name: str
    path: str
