"""Use cases. Services change rows and `flush()`; the request or command commits once."""


class ServiceError(Exception):
    """A refusal the user can act on: `code` picks the translated message, `params` fill it."""

    def __init__(self, code: str, message: str = "", /, **params):
        super().__init__(message or code)
        self.code = code
        self.message = message or code
        self.params = params
