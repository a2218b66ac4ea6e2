"""How a history file names things outside itself: organizations, accounts and files."""

import csv
import hashlib
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model

from members.models import Organization
from members.resources import MEMBER_STATES_CSV


def shipped_member_states():
    """The Member States as the application ships them: (name, kind, region, iso, active,
    name in a sentence)."""
    with MEMBER_STATES_CSV.open(encoding="utf-8", newline="") as source:
        return {
            (
                row["name"],
                row["kind"],
                row["region"],
                row["iso_code"],
                row["active"] == "1",
                row["name_in_sentence"],
            )
            for row in csv.DictReader(source)
        }


class OrganizationNames:
    """Resolves an organization reference (ISO code or exact name) to the organization's name.

    Known are the shipped Member States, the organizations declared in the file and those
    already in the application.
    """

    def __init__(self, declared=()):
        self.by_code = {}
        self.names = set()
        rows = [(row[0], row[3]) for row in shipped_member_states()]
        rows += list(Organization.objects.values_list("name", "iso_code"))
        rows += [(org["name"], org.get("iso_code", "")) for org in declared]
        for name, iso_code in rows:
            self.names.add(name)
            if iso_code:
                self.by_code[iso_code] = name

    def resolve(self, reference):
        if reference in self.by_code:
            return self.by_code[reference]
        return reference if reference in self.names else None


def resolve_organization(reference):
    """The Organization a reference names (after the import has created the declared ones)."""
    found = (
        Organization.objects.filter(iso_code=reference).first() if len(reference) == 2 else None
    )
    return found or Organization.objects.get(name=reference)


def known_usernames(usernames):
    model = get_user_model()
    field = f"{model.USERNAME_FIELD}__in"
    return set(
        model.objects.filter(**{field: list(usernames)}).values_list(
            model.USERNAME_FIELD, flat=True
        )
    )


def file_problem(folder, relative, expected_sha256=None):
    """Why the file at `relative` (in `folder`) cannot be read, or None when it can.

    The path must stay inside the folder: no absolute path, no `..`, no link leading out.
    """
    path = PurePosixPath(relative)
    if "\\" in relative or path.is_absolute() or ".." in path.parts or relative.startswith("~"):
        return "escapes"
    if folder is None:
        return None
    root = Path(folder).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root):
        return "escapes"
    if not target.is_file():
        return "missing"
    if expected_sha256 is not None and sha256_of(target) != expected_sha256:
        return "sha256"
    return None


def sha256_of(path):
    digest = hashlib.sha256()
    with Path(path).open("rb") as source:
        for chunk in iter(lambda: source.read(2**16), b""):
            digest.update(chunk)
    return digest.hexdigest()
