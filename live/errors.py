"""Domain errors. Messages are Vietnamese msgids marked for extraction with N_;
the web layer translates them and maps each kind to its HTTP status."""


def N_(message):
    """Mark a message for translation without translating it here (no Flask in the domain)."""
    return message


class DomainError(Exception):
    status = 400

    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params


class Invalid(DomainError):
    status = 400


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Unavailable(DomainError):
    """The server cannot do it now (a search over its time budget); trying again later may work."""
    status = 503


class TooLarge(DomainError):
    """Too large to take or to read at all."""
    status = 413


class Conflict(DomainError):
    """The thing changed since the caller saw it, or is in a state that forbids the action."""
    status = 409

    def __init__(self, message, current=None, **params):
        super().__init__(message, **params)
        self.current = current


class TooSoon(DomainError):
    """Tried again before the wait it was given (`retry_after` seconds) has passed."""
    status = 429

    def __init__(self, message, retry_after, **params):
        super().__init__(message, **params)
        self.retry_after = retry_after
