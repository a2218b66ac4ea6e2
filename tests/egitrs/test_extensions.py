"""The extension point: apps to the right add panels and links to a left app's page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from egitrs import extensions
from tests import factories
from tests.roles import ROLES, get_as


@pytest.fixture
def slots(monkeypatch):
    """Empty registries for one test, the project's own entries restored afterwards."""
    monkeypatch.setattr(extensions, "_panels", {})
    monkeypatch.setattr(extensions, "_links", {})


def render(source, **values):
    return Template("{% load extensions %}" + source).render(Context(values))


def test_a_slot_nobody_registered_in_renders_nothing(slots):
    assert render('[{% panels "nowhere" x=1 %}]') == "[]"
    assert render('{% links "nowhere" as found %}[{{ found|length }}]') == "[0]"


def test_panels_render_in_order_each_with_only_its_own_context(slots, tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "second.html").write_text("<b>{{ name }}{{ secret }}</b>")
    (tmp_path / "first.html").write_text("<i>{{ doubled }}</i>")
    extensions.register_panel("page", "second.html", order=2)
    extensions.register_panel("page", "first.html", context=lambda *, name: {"doubled": name * 2})

    html = render('{% panels "page" name=value %}', value="<x>", secret="not for the panels")

    assert html == "<i>&lt;x&gt;&lt;x&gt;</i><b>&lt;x&gt;</b>"


def test_registering_the_same_panel_or_link_again_replaces_it(slots):
    extensions.register_panel("page", "a.html", order=5)
    extensions.register_panel("page", "a.html", order=1)
    extensions.register_link("page", "Old", "home")
    extensions.register_link("page", "Home", "home")

    assert extensions.panels("page") == [extensions.Panel("a.html", None, 1)]
    assert [link.label for link in extensions.links("page")] == ["Home"]


def test_links_give_label_and_url_from_the_page_values(slots, db):
    group = factories.ExpertGroupFactory(slug="eg-x")
    extensions.register_link(
        "page", "Meetings", "proceedings:meeting_list", args=lambda *, group: [group.slug]
    )
    extensions.register_link("page", "Home", "home", order=-1)

    html = render(
        '{% links "page" group=group as found %}'
        "{% for link in found %}<a href='{{ link.url }}'>{{ link.label }}</a>{% endfor %}",
        group=group,
    )

    assert html == "<a href='/'>Home</a><a href='/eg-x/meetings/'>Meetings</a>"


def test_what_the_apps_register():
    assert [p.template_name for p in extensions.panels("contributions.document_detail")] == [
        "proceedings/includes/decisions_on.html"
    ]
    assert [p.template_name for p in extensions.panels("meetings.group_detail")] == [
        "proceedings/includes/group_work_plan.html"
    ]
    assert [
        (str(link.label), link.url()) for link in extensions.links("members.password_changed")
    ] == [("My documents", reverse("contributions:mine"))]


@pytest.mark.parametrize("role", ROLES)
def test_the_group_page_links_to_the_work_plan_through_its_panel(client, roles, group, role):
    html = get_as(client, roles[role], reverse("meetings:group_detail", args=[group.slug]))

    url = reverse("proceedings:work_plan", args=[group.slug])
    assert html.status_code == 200
    assert (
        '<h2>Work plan</h2>\n<p><a href="'
        + url
        + '">The work plan in force and its history</a></p>'
    ) in html.content.decode()


def test_after_a_password_change_the_member_area_is_one_link_away(client, delegate_a):
    response = get_as(client, delegate_a, reverse("password_change_done"))

    assert response.status_code == 200
    assert (
        f'<p><a class="button" href="{reverse("contributions:mine")}">My documents</a></p>'
        in response.content.decode()
    )


# The chain, in templates ----------------------------------------------------------------

CHAIN = ["members", "meetings", "contributions", "proceedings"]
# Template libraries by the app that defines them.
LIBRARIES = {"site": "egitrs", "extensions": "egitrs"}
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def template_owner(path):
    """The app a template belongs to; None for the project's own (base, home, admin index),
    which, like the root URLconf, know every app."""
    parts = path.relative_to(TEMPLATES).parts
    if parts[0] == "admin" and len(parts) > 2:
        parts = parts[1:]
    if parts[0] == "registration":
        return "members"  # the accounts pages
    return parts[0] if parts[0] in CHAIN else None


def reaches(source):
    """The apps a template names: by a URL namespace, a tag library, an included template."""
    named = set()
    named |= set(re.findall(r"{%\s*url\s+['\"](\w+):", source))
    for libraries in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", source):
        named |= {LIBRARIES.get(library, library) for library in libraries.split()}
    named |= set(re.findall(r"{%\s*(?:include|extends)\s+['\"](\w+)/", source))
    return named & set(CHAIN)


def test_reaches_sees_urls_libraries_and_includes():
    source = (
        "{% load i18n proceedings %}{% url 'contributions:mine' %}"
        '{% include "meetings/includes/x.html" %}'
    )
    assert reaches(source) == {"proceedings", "contributions", "meetings"}


def test_no_template_of_an_app_reaches_an_app_to_its_right():
    templates = [path for path in TEMPLATES.rglob("*") if path.is_file()]
    crossing = {
        str(path.relative_to(TEMPLATES)): sorted(
            app for app in reaches(path.read_text()) if CHAIN.index(app) > CHAIN.index(owner)
        )
        for path in templates
        if (owner := template_owner(path))
    }

    assert len(templates) > 60
    assert {name: apps for name, apps in crossing.items() if apps} == {}
