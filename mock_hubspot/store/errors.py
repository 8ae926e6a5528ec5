"""Errors the store raises; the HTTP layer maps them to HubSpot's error bodies."""


class StoreError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ObjectNotFound(StoreError):
    pass


class InvalidRequest(StoreError):
    pass
