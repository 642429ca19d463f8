"""Typed errors of the core.

Every error the officer may see is a ``LumetraError``: its message is one plain sentence that says what
happened and what to do. Anything else escaping the core is a bug and is reported as one.
"""


class LumetraError(Exception):
    """A problem the officer can understand and act on."""


class StoreError(LumetraError):
    """The store cannot be opened, read or written (wrong key, not a store, disk full, too new...)."""


class StoreLockedError(StoreError):
    """Another Lumetra Desk window already has this store open."""


class SecretsError(LumetraError):
    """No secret store is usable, or a secret is missing."""


class NotFoundError(LumetraError):
    """A case, message or letter named by the officer does not exist."""


class InvalidInputError(LumetraError):
    """Input from the officer or from a file that cannot be used as it is."""
