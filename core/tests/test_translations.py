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
