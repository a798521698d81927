"""Every string a visitor sees goes through the catalogue, and the catalogue is complete."""

import shutil
import subprocess
import sys

import polib
from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
MAKEMESSAGES_IGNORES = [".venv/*", "staticfiles/*", "var/*", "e2e/*", "node_modules/*"]


def test_the_spanish_catalogue_is_fully_translated():
    catalogue = polib.pofile(str(CATALOGUE))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 0


def test_makemessages_finds_no_string_missing_from_the_catalogue(tmp_path):
    """A new {% translate %} or gettext() string must be added to locale/es before it lands."""
    saved = tmp_path / "django.po"
    shutil.copy(CATALOGUE, saved)
    ignores = [argument for pattern in MAKEMESSAGES_IGNORES for argument in ("--ignore", pattern)]
    try:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete", *ignores],
            cwd=settings.BASE_DIR,
            check=True,
            capture_output=True,
            timeout=120,
        )
        extracted = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    finally:
        shutil.copy(saved, CATALOGUE)
    committed = {entry.msgid for entry in polib.pofile(str(saved))}

    assert extracted - committed == set(), "run `make messages` and translate the new strings"


def _english_phrases() -> set[str]:
    """Catalogue sentences whose Spanish differs: finding one on a Spanish page is a leak."""
    phrases = set()
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        text = entry.msgid
        if "%" in text or "{" in text or "<" in text or len(text.split()) < 3:
            continue  # placeholders and short words also occur in Spanish text
        if entry.msgstr.strip() != text.strip():
            phrases.add(text)
    return phrases


def _spanish_blog_post() -> str:
    """A small blog with one post in both languages; the demo set takes long to load."""
    from blog.tests.helpers import make_blog, make_category, make_post, translate_post

    blog = make_blog()
    labor = make_category("Labor Trafficking", "labor-trafficking")
    trata = make_category("Trata laboral", "labor-trafficking", language="es", source=labor)
    post = make_post(blog, "Debt bondage explained", categories=(labor,))
    spanish = translate_post(post, "es", "La servidumbre por deudas", categories=[trata])
    return spanish.url


def _spanish_pages(certificate, organization) -> list[str]:
    from learning.models import ModulePage

    module = ModulePage.objects.filter(locale__language_code="es").order_by("path").first()
    post_url = _spanish_blog_post()
    return [
        "/es/blog/",
        post_url,
        "/es/blog/?q=deudas",
        "/es/blog/category/labor-trafficking/",
        "/es/blog/2024/05/",
        "/es/",
        "/es/get-help/",
        "/es/learn/",
        "/es/learn/human-trafficking-101/",
        module.url,
        f"{module.url}quiz/",
        "/es/my-learning/",
        "/es/my-learning/certificates/",
        "/es/my-learning/organizations/",
        "/es/account/",
        "/es/account/delete/",
        "/es/certificates/",
        f"/es/certificates/{certificate.display_code}/",
        f"/es/organizations/{organization.slug}/",
        f"/es/organizations/{organization.slug}/links/",
        "/es/newsletter/",
        "/es/newsletter/check-your-email/",
        "/es/newsletter/confirmed/",
        "/es/newsletter/confirm/not-a-real-link/",
        "/es/newsletter/unsubscribe/not-a-real-token/",
        "/es/account/2fa/",
        "/es/no-such-page/",
    ]


def test_spanish_pages_show_no_catalogued_english_sentence(client, alice, course):
    """Render every page type under /es/ as a learner who is also an organization admin."""
    from bs4 import BeautifulSoup

    from accounts.tests.helpers import give_second_factor
    from certificates.tests.helpers import complete_course
    from organizations.models import ADMIN, Membership, Organization

    organization = Organization.objects.create(name="Riverside Chapter", slug="riverside")
    Membership.objects.create(organization=organization, user=alice, role=ADMIN)
    give_second_factor(alice)
    certificate = complete_course(alice, course)
    client.force_login(alice)
    phrases = _english_phrases()
    english_home = BeautifulSoup(client.get("/").content, "html.parser").get_text(" ")
    assert any(phrase in " ".join(english_home.split()) for phrase in phrases)  # the probe works

    for url in _spanish_pages(certificate, organization):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
        leaked = sorted(phrase for phrase in phrases if phrase in text)
        assert leaked == [], f"{url}: {leaked}"
