"""Every public page type stays light on a phone: at most 60 KB over the wire, images aside.

Run with `-s` to see each page's figure.
"""

import gzip
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils.text import compress_string

from core.tests.test_security import _every_public_page_type

BUDGET = 60 * 1024
# Stylesheets and scripts the page makes the browser fetch; icons, images and video excluded.
LINKED = re.compile(
    r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', flags=re.IGNORECASE
)


def linked_assets(html: str) -> list[str]:
    paths = {stylesheet or script for stylesheet, script in LINKED.findall(html)}
    return sorted(paths)


def compressed_asset_size(url: str) -> int:
    """As WhiteNoise stores it: the gzip file it made at level 9 beside the original."""
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of our static files"
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert found, url
    with open(found, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9))


def test_every_public_page_type_weighs_at_most_60_kb_compressed(client: Client, course, alice):
    from blog.content import default_blog_load
    from certificates.services import certificate_name_set
    from certificates.tests.helpers import complete_course

    default_blog_load()
    certificate = complete_course(alice, course)
    certificate_name_set(certificate=certificate, name="Alice Walker", show_publicly=True)
    urls = [*_every_public_page_type(certificate), "/es/learn/human-trafficking-101/"]

    rows = []
    for url in urls:
        response = client.get(url)
        html_bytes = len(compress_string(response.content))  # as GZipMiddleware sends it
        assets = linked_assets(response.content.decode())
        asset_bytes = sum(compressed_asset_size(asset) for asset in assets)
        rows.append((url, response.status_code, html_bytes, asset_bytes, ", ".join(assets)))

    print(f"\n{'page':<58} {'status':>6} {'html':>7} {'css+js':>7} {'total':>7}")
    for url, status, html_bytes, asset_bytes, _assets in rows:
        total = html_bytes + asset_bytes
        print(f"{url:<58} {status:>6} {html_bytes:>7} {asset_bytes:>7} {total:>7}")
    heavy = [(url, html + assets) for url, _s, html, assets, _a in rows if html + assets > BUDGET]
    assert heavy == []
