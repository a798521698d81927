"""A post page: its parts, its blocks, its reading time and its other-language version."""

from bs4 import BeautifulSoup

from blog.models import reading_minutes
from blog.tests.helpers import make_category, make_image, make_post, translate_post


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_post_shows_its_title_date_author_summary_and_categories(client, blog):
    labor = make_category("Labor Trafficking", "labor-trafficking")
    make_post(
        blog,
        "Debt bondage explained",
        summary="Summary here.",
        author="Policy team",
        categories=(labor,),
    )

    soup = soup_of(client, "/blog/debt-bondage-explained/")

    assert soup.h1.get_text() == "Debt bondage explained"
    meta = soup.select_one(".post-meta").get_text(" ", strip=True)
    assert "May 1, 2024" in meta and "Policy team" in meta and "Reading time: 1 minute" in meta
    assert soup.select_one(".lead").get_text() == "Summary here."
    assert soup.select_one(".post-footer a")["href"] == "/blog/category/labor-trafficking/"


def test_reading_time_counts_the_words_of_the_whole_body(client, blog):
    words = " ".join(["word"] * 999)
    make_post(
        blog,
        "Long read",
        body=[
            {"type": "text", "value": f"<p>{words}</p>"},
            {"type": "quote", "value": {"quote": words, "attribution": ""}},
        ],
    )

    meta = soup_of(client, "/blog/long-read/").select_one(".post-meta").get_text()

    assert (
        "Reading time: 11 minutes" in meta
    )  # 1,998 words of body and 3 of summary at 200 a minute


def test_reading_minutes_never_says_zero():
    assert reading_minutes("") == 1
    assert reading_minutes("word " * 200) == 1
    assert reading_minutes("word " * 201) == 2


def test_the_hero_image_comes_in_several_sizes_with_its_alt_text(client, blog):
    make_post(
        blog,
        "With a picture",
        hero_image=make_image(),
        hero_image_alt="A volunteer at a training session",
    )

    image = soup_of(client, "/blog/with-a-picture/").select_one(".post-hero img")

    assert image["alt"] == "A volunteer at a training session"
    widths = sorted(int(part.split()[1][:-1]) for part in image["srcset"].split(","))
    assert widths == [480, 800, 1200, 1600]
    assert "sizes" in image.attrs


def test_body_blocks_render_image_quote_and_video(client, blog):
    image = make_image()
    make_post(
        blog,
        "Blocks",
        body=[
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "A chart", "caption": "Cap"},
            },
            {
                "type": "quote",
                "value": {"quote": "Ask, don't assume.", "attribution": "A survivor"},
            },
            {
                "type": "video",
                "value": {
                    "title": "Outside video",
                    "file": None,
                    "url": "https://video.example.org/watch/1",
                    "captions": None,
                    "transcript": ["First line.", "Second line."],
                },
            },
        ],
    )

    soup = soup_of(client, "/blog/blocks/")

    assert soup.select_one(".post-figure img")["alt"] == "A chart"
    assert soup.select_one(".post-figure img")["srcset"]
    assert soup.select_one(".post-quote blockquote").get_text(strip=True) == "Ask, don't assume."
    link = soup.select_one(".video__outside a")
    assert link["href"] == "https://video.example.org/watch/1"
    assert soup.find("iframe") is None  # nothing loads from the other host before a click
    assert "Second line." in soup.select_one(".transcript").get_text()


def test_an_image_block_without_alt_text_is_refused(blog):
    import pytest
    from wagtail.blocks import StructBlockValidationError

    from blog.blocks import ImageBlock

    block = ImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": make_image().pk, "alt_text": "", "caption": ""}))


def test_a_hero_image_without_alt_text_is_refused(blog):
    import pytest
    from django.core.exceptions import ValidationError

    post = make_post(blog, "Needs alt")
    post.hero_image = make_image()
    with pytest.raises(ValidationError):
        post.full_clean()


def test_a_post_links_to_its_spanish_version_and_back(client, blog):
    post = make_post(blog, "Debt bondage explained")
    translate_post(post, "es", "La servidumbre por deudas")

    english = soup_of(client, "/blog/debt-bondage-explained/")
    spanish = soup_of(client, "/es/blog/debt-bondage-explained/")

    to_spanish = english.select_one(".post-translations a")
    assert to_spanish["href"] == "/es/blog/debt-bondage-explained/"
    assert to_spanish["lang"] == "es" and to_spanish.get_text() == "Español"
    assert spanish.select_one(".post-translations a")["href"] == "/blog/debt-bondage-explained/"
    alternates = {
        link["hreflang"]: link["href"] for link in english.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {
        "en": "http://testserver/blog/debt-bondage-explained/",
        "es": "http://testserver/es/blog/debt-bondage-explained/",
    }


def test_a_post_without_a_translation_shows_no_link_to_one(client, blog):
    make_post(blog, "Only in English")

    assert soup_of(client, "/blog/only-in-english/").select_one(".post-translations") is None


def test_the_spanish_listing_shows_spanish_posts_and_links_to_english(client, blog):
    post = make_post(blog, "Debt bondage explained")
    translate_post(post, "es", "La servidumbre por deudas")
    make_post(blog, "Only in English")

    soup = soup_of(client, "/es/blog/")

    assert [a.get_text() for a in soup.select(".post-card__title a")] == [
        "La servidumbre por deudas"
    ]
    assert soup.html["lang"] == "es"
    assert soup.select_one("#blog-search-q")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {"en": "http://testserver/blog/", "es": "http://testserver/es/blog/"}


def test_a_spanish_category_page_has_spanish_names_and_alternates(client, blog):
    labor = make_category("Labor Trafficking", "labor-trafficking")
    trata = make_category("Trata laboral", "labor-trafficking", language="es", source=labor)
    post = make_post(blog, "About work", categories=(labor,))
    translate_post(post, "es", "Sobre el trabajo", categories=[trata])

    soup = soup_of(client, "/es/blog/category/labor-trafficking/")

    assert soup.h1.get_text() == "Trata laboral"
    assert [a.get_text() for a in soup.select(".post-card__title a")] == ["Sobre el trabajo"]
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates["en"] == "http://testserver/blog/category/labor-trafficking/"
