"""The one error every identity parser raises."""


class IdentityError(ValueError):
    """Input that is not a valid identifier; `message` is for end users, `code` for programs."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __repr__(self) -> str:
        return f"IdentityError({self.message!r}, code={self.code!r})"
