"""The footer form is on every page, yet a reader who does not use it gets no cookie and
pages stay cacheable for anonymous visitors."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

PAGES = ["/", "/get-help/", "/es/", "/es/privacy/", "/newsletter/", "/es/newsletter/"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_with_the_signup_form_sets_no_cookie_and_stays_cacheable(
    client: Client, default_content, url
):
    response = client.get(url)

    assert response.status_code == 200
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    # As before the form was added: a cache keys anonymous (cookieless) readers together.
    vary = {part.strip() for part in response.get("Vary", "").split(",") if part.strip()}
    assert vary <= {"Accept-Language", "Cookie"}
    cache_control = response.get("Cache-Control", "")
    assert "private" not in cache_control and "no-store" not in cache_control
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


@pytest.mark.parametrize(
    "url,action", [("/stay-safe/", "/newsletter/"), ("/es/", "/es/newsletter/")]
)
def test_every_page_has_the_signup_form_in_its_footer(client: Client, default_content, url, action):
    soup = BeautifulSoup(client.get(url).content, "html.parser")

    form = soup.select_one("footer form.signup-form")
    assert form["action"] == action
    assert form["method"] == "post"
    assert form.select_one("input[type=email][name=email]") is not None
    assert form.select_one("select[name=language]") is not None
    assert form.select_one("input[name=source]")["value"] == "footer"
    assert form.select_one(".signup-form__consent").get_text(strip=True)


def test_the_signup_page_has_one_form_not_two(client: Client, default_content):
    soup = BeautifulSoup(client.get("/newsletter/").content, "html.parser")

    assert len(soup.select("form.signup-form")) == 1
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))


def test_a_signup_from_the_footer_keeps_the_reader_cookieless(client: Client, default_content):
    response = client.post(
        "/newsletter/", {"email": "r@example.org", "language": "en", "source": "footer"}
    )

    assert response.status_code == 303
    assert response.cookies == {}
