"""The one error every identity parser raises."""


class IdentityError(ValueError):
    """Input that is not a valid identifier; `message` is for end users, `code` for programs."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __reduce__(self) -> tuple[type["IdentityError"], tuple[str, str]]:
        # The default pickling passes only `message` back to __init__.
        return (self.__class__, (self.message, self.code))

    def __repr__(self) -> str:
        return f"IdentityError({self.message!r}, code={self.code!r})"
