"""Bodies too large, too many fields, files too big and hosts the site does not serve get a
clear 4xx page, never a 500, and nothing saved before is lost."""

import os
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import path
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from certificates.models import Certificate
from certificates.tests.helpers import complete_course, named
from core.tests.bad_input import signed_in
from core.views import server_error
from lodestar import urls as site_urls

LIMIT = 2_621_440


@pytest.fixture
def certificate(alice, course) -> Certificate:
    return named(complete_course(alice, course), "Alice Walker", public=True)


def _heading(response) -> str:
    return BeautifulSoup(response.content, "html.parser").h1.get_text()


def _name_form(certificate: Certificate) -> str:
    return f"/my-learning/certificates/{certificate.display_code}/"


def _kept(certificate: Certificate) -> bool:
    fresh = Certificate.objects.get(pk=certificate.pk)
    return (fresh.recipient_name, fresh.show_name_publicly) == ("Alice Walker", True)


def test_a_form_body_over_the_limit_gets_the_413_page(certificate):
    client = signed_in(certificate.user)

    response = client.post(_name_form(certificate), {"recipient_name": "B" * (LIMIT + 1)})

    assert response.status_code == 413
    assert _heading(response) == "That was too large to send"
    assert "at most 2.5\xa0MB" in response.content.decode()
    assert "Content-Security-Policy" in response
    assert _kept(certificate)


def test_the_413_page_speaks_the_language_of_the_address(default_content):
    response = Client().post("/es/newsletter/", {"website": "x" * (LIMIT + 1)})

    assert response.status_code == 413
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "es"


def test_a_file_posted_to_a_public_form_over_the_limit_gets_413(default_content):
    upload = SimpleUploadedFile("big.bin", os.urandom(LIMIT + 1))

    response = Client().post("/newsletter/", {"email": "r@example.org", "file": upload})

    assert response.status_code == 413


def test_a_small_body_still_goes_through(certificate):
    response = signed_in(certificate.user).post(
        _name_form(certificate), {"recipient_name": "Alice B. Walker"}
    )
    assert response.status_code == 303


def test_too_many_fields_get_the_400_page(certificate):
    client = signed_in(certificate.user)
    fields = {f"f{n}": "1" for n in range(10_001)}

    response = client.post(_name_form(certificate), {"recipient_name": "Bob", **fields})

    assert response.status_code == 400
    assert _heading(response) == "We could not read what was sent"
    assert _kept(certificate)


def test_a_broken_multipart_body_gets_the_400_page(certificate):
    client = Client(raise_request_exception=False)
    client.force_login(certificate.user)

    response = client.generic(
        "POST", _name_form(certificate), b"--x\r\nnonsense", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert _heading(response) == "We could not read what was sent"
    assert _kept(certificate)


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [path("forbidden/", _forbidden), *site_urls.urlpatterns]
handler400 = site_urls.handler400
handler403 = site_urls.handler403


@pytest.mark.urls("core.tests.test_oversize")
def test_a_permission_denied_gets_the_403_page(client, default_content):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    assert _heading(response) == "You cannot open this page"


def _png(size: int) -> bytes:
    """A PNG of at least size bytes (noise does not compress)."""
    side = int((size / 3) ** 0.5) + 1
    image = PillowImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def admin(client: Client, editor) -> Client:
    client.force_login(editor)
    return client


def test_an_image_over_the_image_limit_is_refused_with_wagtails_message(admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    get_image_model().objects.create(
        title="Kept", file=SimpleUploadedFile("kept.png", _png(1000), "image/png")
    )
    upload = SimpleUploadedFile("big.png", _png(60_000), content_type="image/png")

    response = admin.post("/admin/images/add/", {"title": "Big", "file": upload})

    assert response.status_code == 200  # Wagtail shows its form again, with the error
    assert "This file is too big" in response.content.decode()
    assert list(get_image_model().objects.values_list("title", flat=True)) == ["Kept"]


def test_an_image_over_the_image_limit_in_the_multiple_uploader_is_refused(admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    upload = SimpleUploadedFile("big.png", _png(60_000), content_type="image/png")

    response = admin.post("/admin/images/multiple/add/", {"files[]": upload})

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "This file is too big" in response.json()["error_message"]
    assert not get_image_model().objects.exists()


def test_an_upload_over_the_admin_limit_gets_the_413_page(admin, settings):
    settings.ADMIN_UPLOAD_MAX_SIZE = 100_000
    upload = SimpleUploadedFile("talk.pdf", b"%PDF-1.4\n" + os.urandom(120_000))

    response = admin.post("/admin/documents/add/", {"title": "Talk", "file": upload})

    assert response.status_code == 413
    assert _heading(response) == "That was too large to send"
    assert not get_document_model().objects.exists()


def test_an_upload_under_the_admin_limit_is_saved(admin, settings):
    settings.ADMIN_UPLOAD_MAX_SIZE = 100_000
    upload = SimpleUploadedFile("talk.pdf", b"%PDF-1.4\n" + os.urandom(50_000))

    response = admin.post("/admin/documents/add/", {"title": "Talk", "file": upload})

    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Talk").exists()


@pytest.mark.parametrize("path", ["/", "/blog/", "/no-such-page/"])
def test_a_request_for_a_host_the_site_does_not_serve_gets_the_400_page(
    default_content, settings, path
):
    settings.ALLOWED_HOSTS = ["lodestar.example"]

    response = Client(raise_request_exception=False).get(path, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert _heading(response) == "We could not read what was sent"
    assert "attacker.example" not in response.content.decode()


def test_the_500_page_is_still_built_for_a_host_the_site_does_not_serve(db, settings):
    settings.ALLOWED_HOSTS = ["lodestar.example"]
    request = RequestFactory().get("/", HTTP_HOST="attacker.example")

    response = server_error(request)

    assert response.status_code == 500
    assert "attacker.example" not in response.content.decode()
