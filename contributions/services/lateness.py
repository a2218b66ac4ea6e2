"""Contributions that arrive after the deadline: the secretariat decides on each."""


def decide_late_contribution(*, contribution, by, accepted, reason):
    """Record whether the late contribution is accepted for the meeting, and why."""
    raise NotImplementedError
