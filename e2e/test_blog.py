"""The blog in Chromium, on a desktop and a phone: accessible, nothing loaded from elsewhere."""

import pytest
from playwright.sync_api import expect

from blog.content import default_blog_load
from blog.models import BlogIndexPage
from blog.tests.helpers import make_post
from e2e.conftest import DESKTOP, PHONE, assert_accessible, new_context

PAGES = {
    "index": "/blog/",
    "page-2": "/blog/?page=2",
    "post": "/blog/debt-bondage-explained/",
    "video-post": "/blog/outside-video/",
    "search": "/blog/?q=debt",
    "category-search": "/blog/category/labor-trafficking/?q=debt",
    "archive": "/blog/2024/01/",
    "spanish-index": "/es/blog/",
    "spanish-post": "/es/blog/what-human-trafficking-is/",
}


@pytest.fixture
def blog_site(site) -> str:
    default_blog_load()
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    make_post(
        blog,
        "Outside video",
        summary="A video hosted elsewhere, which loads only when the reader chooses.",
        body=[
            {
                "type": "video",
                "value": {
                    "title": "A talk hosted elsewhere",
                    "file": None,
                    "url": "https://video.example.org/watch/1",
                    "captions": None,
                    "transcript": ["The first line of the talk.", "The last line."],
                },
            },
            {
                "type": "quote",
                "value": {"quote": "Ask what they need.", "attribution": "A survivor"},
            },
        ],
    )
    return site


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_blog_pages_are_accessible_and_load_nothing_from_elsewhere(
    blog_site, browser, axe, viewport_name
):
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    context, offsite = new_context(browser, viewport=viewport)
    page = context.new_page()
    try:
        for name, path in PAGES.items():
            response = page.goto(blog_site + path)
            assert response.status == 200, path
            assert_accessible(axe, page)
            page.screenshot(path=f"/tmp/blog-{name}-{viewport_name}.png", full_page=True)  # noqa: S108
        assert offsite == []
    finally:
        context.close()


def test_search_and_paging_work_without_javascript(blog_site, page_without_js):
    page = page_without_js
    page.goto(blog_site + "/blog/")
    page.fill("#blog-search-q", "debt bondage")
    page.click(".blog-search button[type=submit]")

    expect(page).to_have_url(blog_site + "/blog/?q=debt+bondage")
    expect(page.locator(".post-card__title").first).to_contain_text("Debt")

    page.goto(blog_site + "/blog/")
    page.click("a[rel=next]")
    expect(page).to_have_url(blog_site + "/blog/?page=2")
    expect(page.locator(".blog-pagination a[aria-current=page]")).to_contain_text("2")


def test_the_reader_switches_a_post_to_spanish(blog_site, page):
    page.goto(blog_site + "/blog/what-human-trafficking-is/")
    page.click(".post-translations a[lang=es]")

    expect(page).to_have_url(blog_site + "/es/blog/what-human-trafficking-is/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
