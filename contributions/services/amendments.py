"""Revisions, addenda and corrigenda of published documents."""


def start_amendment(*, base, kind, by):
    """A new draft revising, adding to or correcting the published document `base`."""
    raise NotImplementedError
