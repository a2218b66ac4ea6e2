"""Loading the demo: its accounts, then its history file, imported as the secretariat would.

The history is `demo/history.json`, with today's chapter set on the day it is loaded
(`demo.today`). Its documents' files are generated into a temporary folder beside it, each
a small real DOCX or PDF with the title it was uploaded under, then imported with it.
"""

import json
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken

from demo.text import (
    ACCOUNTS,
    FILE_NOTE,
    GROUP_SLUG,
    PASSWORD,
    SECRETARIAT_AUTHENTICATOR_KEY,
    SECRETARIAT_RECOVERY_CODES,
)
from demo.today import GENEVA, for_day
from egitrs.sample_documents import docx_bytes, pdf_bytes
from history.importer import import_history
from meetings.models import ExpertGroup
from members import services as member_services
from members.models import Membership, Organization
from members.resources import import_member_states
from members.services import ensure_secretariat_group

HISTORY = Path(__file__).resolve().with_name("history.json")


def story():
    """The demo's history as written, for its reference day (see `demo.today`)."""
    return json.loads(HISTORY.read_text(encoding="utf-8"))


def is_loaded():
    return ExpertGroup.objects.filter(slug=GROUP_SLUG).exists()


def load_demo(*, now=None):
    """Load the demo once; returns False, changing nothing, if it is already there.

    `now` is the moment it is loaded (now when omitted): the third meeting is in session
    on that day. Raises HistoryInvalid (nothing written) if the import refuses the file.
    """
    if is_loaded():
        return False
    now = now or timezone.now()
    data = for_day(story(), now.astimezone(GENEVA).date())
    with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
        secretariat = create_accounts()
        write_sample_files(data, Path(folder))
        import_history(data, folder=folder, by=secretariat)
    return True


def create_accounts():
    """The demo's accounts, one per role, made once; returns the secretariat user."""
    import_member_states()
    users = {}
    for username, last_name, organization, secretariat in ACCOUNTS:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create_user(
                username,
                email=f"{username}@example.org",
                password=PASSWORD,
                first_name="Demo",
                last_name=last_name,
                is_staff=secretariat,
            )
        if secretariat:
            user.groups.add(ensure_secretariat_group())
        if organization:
            Membership.objects.get_or_create(
                user=user, organization=Organization.objects.get(name=organization)
            )
        users[username] = user
    return users["secretariat"]


def prepare_secretariat_two_factor():
    """The demo secretariat's second factor: the demo's authenticator key and recovery codes,
    the used codes given back at each run. Returns whether they are in place: not when the
    account is missing, or when someone set up their own app for it (which stays)."""
    user = get_user_model().objects.filter(username="secretariat").first()
    if user is None:
        return False
    demo_key = SECRETARIAT_AUTHENTICATOR_KEY.hex()
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is None:
        user.totpdevice_set.all().delete()  # a set-up begun and left
        device = member_services.start_two_factor(user, key=demo_key)
        member_services.confirm_two_factor(device, recovery_codes=SECRETARIAT_RECOVERY_CODES)
        return True
    if device.key != demo_key:
        return False
    codes = sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    if codes != sorted(SECRETARIAT_RECOVERY_CODES):
        member_services.renew_recovery_codes(user, codes=SECRETARIAT_RECOVERY_CODES)
    return True


def write_sample_files(data, folder):
    """Every file the history names, under `folder`: its title, and a line saying what it is."""
    for group in data["groups"]:
        for meeting in group.get("meetings", []):
            for document in meeting.get("documents", []):
                for file in document.get("files", []):
                    path = folder / file["path"]
                    title = Path(file.get("name") or document["title"]).stem
                    make = pdf_bytes if path.suffix == ".pdf" else docx_bytes
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(make(title, [FILE_NOTE]))
