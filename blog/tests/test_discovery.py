"""sitemap.xml, robots.txt, canonical and Open Graph tags."""

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from blog.tests.helpers import make_image, make_post, translate_post

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> dict[str, dict[str, str]]:
    """Each location with its alternates, language → location."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_every_live_public_page_with_its_translations(client, blog):
    post = make_post(blog, "Debt bondage explained")
    translate_post(post, "es", "La servidumbre por deudas")
    make_post(blog, "Draft", live=False)
    private = make_post(blog, "Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    entries = sitemap(client)

    post_versions = {
        "en": "http://testserver/blog/debt-bondage-explained/",
        "es": "http://testserver/es/blog/debt-bondage-explained/",
    }
    assert entries["http://testserver/blog/debt-bondage-explained/"] == post_versions
    assert entries["http://testserver/es/blog/debt-bondage-explained/"] == post_versions
    assert entries["http://testserver/"]["es"] == "http://testserver/es/"
    assert "http://testserver/get-help/" in entries
    assert "http://testserver/es/blog/" in entries
    assert not any("draft" in url or "members-only" in url for url in entries)


def test_the_sitemap_takes_a_fixed_number_of_queries(client, blog, django_assert_max_num_queries):
    for n in range(15):
        make_post(blog, f"Post {n}")
    client.get("/sitemap.xml")

    with django_assert_max_num_queries(4):
        client.get("/sitemap.xml")


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for prefix in ["/admin/", "/account/", "/my-learning/", "/es/account/", "/es/my-learning/"]:
        assert f"Disallow: {prefix}" in lines
    assert "Disallow: /blog/" not in lines


def test_a_post_has_canonical_and_open_graph_tags(client, blog):
    image = make_image()
    make_post(
        blog,
        "Debt bondage explained",
        summary="How debt is used to control people.",
        hero_image=image,
        hero_image_alt="Two people talking at a kitchen table",
    )

    soup = BeautifulSoup(client.get("/blog/debt-bondage-explained/").content, "html.parser")

    def meta(name):
        return soup.select_one(f'meta[property="og:{name}"]')["content"]

    url = "http://testserver/blog/debt-bondage-explained/"
    assert soup.select_one("link[rel=canonical]")["href"] == url
    assert meta("url") == url
    assert meta("type") == "article"
    assert meta("title") == "Debt bondage explained"
    assert meta("description") == "How debt is used to control people."
    assert meta("image").startswith("http://testserver/media/images/")
    assert meta("locale") == "en"


def test_the_home_page_has_canonical_and_open_graph_tags(client, default_content):
    soup = BeautifulSoup(client.get("/es/").content, "html.parser")

    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/es/"
    assert soup.select_one('meta[property="og:type"]')["content"] == "website"
    assert soup.select_one('meta[property="og:locale"]')["content"] == "es"
