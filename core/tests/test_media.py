"""Uploaded images are served without another web server; documents and other files are not."""

import pytest
from django.test import Client


@pytest.fixture
def media_root(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "hero.width-800.png").write_bytes(b"\\x89PNG image bytes")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "private.pdf").write_bytes(b"%PDF private")
    (tmp_path / "secret.key").write_text("do not serve")
    return tmp_path


def test_an_uploaded_image_is_served(client: Client, media_root):
    response = client.get("/media/images/hero.width-800.png")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\\x89PNG image bytes"
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/private.pdf",
        "/media/secret.key",
        "/media/images/../secret.key",
        "/media/images/%2e%2e/secret.key",
        "/media/images/missing.png",
    ],
)
def test_nothing_else_in_the_media_folder_is(client: Client, media_root, path):
    assert client.get(path).status_code == 404
