"""Co-sponsors: asked when named, each confirms or declines; the secretariat may override."""


def confirm_cosponsorship(*, source, by):
    """A delegate of `source.organization` confirms it co-sponsors the contribution."""
    raise NotImplementedError


def decline_cosponsorship(*, source, by):
    """A delegate of `source.organization` declines: it is no longer shown as a source."""
    raise NotImplementedError


def override_cosponsorship(*, source, by, reason):
    """The secretariat records the confirmation itself (a letter, say), with the reason."""
    raise NotImplementedError
