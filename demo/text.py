"""The demo's words that are not part of the group's history: its accounts and logins.

The story itself (the group, its meetings, documents, decisions, work plans and reports)
is `demo/history.json`.
"""

from django.utils.translation import gettext_lazy as _

PASSWORD = "demo-password-2024"
# The secretariat signs in with two factors, as every staff account must: the demo gives it
# an authenticator key that is published here (never in production) and recovery codes.
SECRETARIAT_AUTHENTICATOR_KEY = b"EG-ITRs demo account"
SECRETARIAT_RECOVERY_CODES = [f"egitrs{number:02}" for number in range(1, 11)]
GROUP_SLUG = "eg-itrs"
# What each generated sample file says under its title.
FILE_NOTE = "Demonstration file: it stands in for the document of this title."

# The accounts, one per role: (username, last name, organization, secretariat).
# Accounts are not part of a group's history: the history names them by username.
ACCOUNTS = [
    ("secretariat", "Secretariat", None, True),
    ("chair", "Chair", None, False),
    ("delegate-ru", "Delegate (Russian Federation)", "Russian Federation", False),
    ("delegate-br", "Delegate (Brazil)", "Brazil", False),
]

# Every username the demo creates: what `make run` prints, and what a user may try.
LOGINS = [
    (
        "secretariat",
        _("Secretariat officer"),
        _(
            "Open the desk at /desk/: publish the Chair's proposal submitted to meeting 3; post "
            "the French translation of its agenda; record the meeting's decision on its report, "
            "then approve the draft report of meeting 3; publish the Russian Federation's "
            "contribution once Brazil has confirmed its co-sponsorship."
        ),
    ),
    (
        "chair",
        _("Chair of the EG-ITRs (group officer)"),
        _("Read the submitted, not yet published contributions to meeting 3."),
    ),
    (
        "delegate-ru",
        _("Delegate of the Russian Federation"),
        _("Follow your submitted contribution to meeting 3 under /my/documents/."),
    ),
    (
        "delegate-br",
        _("Delegate of Brazil"),
        _(
            "Under /my/documents/: confirm Brazil's co-sponsorship of the Russian Federation's "
            "contribution to meeting 3, then edit and submit your own draft (late now that the "
            "meeting has begun: the secretariat decides on it)."
        ),
    ),
]
