"""The secretariat's admin of the register (Django autodiscovers `contributions.admin`).

- `register`: the ContributionAdmin, its changelist, change page, import and export;
- `actions`: the moves it makes through the services, as actions and one-document pages;
- `translations`: the languages panel and the translation pages;
- `forms`, `filters`, `inlines`, `pages`: what those are built of.
"""

from contributions.admin.register import ContributionAdmin

__all__ = ["ContributionAdmin"]
