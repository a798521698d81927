"""The chrome every page wears: skip link, quick exit, hotline, navigation, languages."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import path

from core.models import HotlineSettings, QuickExitSettings, StandardPage
from lodestar import urls as site_urls

SEEDED_PATHS = ["/", "/get-help/", "/stay-safe/", "/privacy/"]
SPANISH_PATHS = ["/es/", "/es/get-help/", "/es/stay-safe/", "/es/privacy/"]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("url", SEEDED_PATHS + SPANISH_PATHS)
def test_every_seeded_page_wears_the_chrome(client: Client, default_content, url):
    response = client.get(url)

    assert response.status_code == 200
    soup = soup_of(response)
    focusable = soup.select("a[href], button, input, select, textarea")
    assert focusable[0]["href"] == "#main", "the skip link comes first"
    assert focusable[1]["href"] == "/exit/", "the quick exit comes right after the skip link"
    assert soup.find(id="main") is not None
    hotline = soup.select_one("aside.hotline")
    assert "tel:18883737888" in [a["href"] for a in hotline.select("a")]
    assert "sms:233733?body=BeFree" in [a["href"] for a in hotline.select("a")]
    assert soup.select_one("header nav") is not None
    assert soup.select_one("footer") is not None


def test_home_page_leads_to_the_sections_in_the_menu(client: Client, default_content):
    soup = soup_of(client.get("/"))

    menu = [a["href"] for a in soup.select(".site-nav a")]
    assert menu == ["/get-help/"]
    assert "/get-help/" in [a["href"] for a in soup.select(".hero__actions a")]
    footer = [a["href"] for a in soup.select("footer a")]
    assert footer == ["/get-help/", "/stay-safe/", "/privacy/", "/certificates/"]


def test_an_editor_changes_the_hotline_everywhere(client: Client, default_content):
    hotline = HotlineSettings.load()
    hotline.call_number = "1-800-555-0100"
    hotline.text_keyword = "HELP"
    hotline.text_number = "555000"
    hotline.chat_url = ""
    hotline.save()

    soup = soup_of(client.get("/stay-safe/"))

    links = [a["href"] for a in soup.select("aside.hotline a")]
    assert links == ["tel:18005550100", "sms:555000?body=HELP"]
    assert "1-800-555-0100" in soup.select_one("aside.hotline").get_text()


def test_get_help_page_shows_the_hotline_panel(client: Client, default_content):
    soup = soup_of(client.get("/get-help/"))

    panel = soup.select_one(".hotline-panel")
    assert panel is not None
    assert "911" in panel.get_text()


def test_language_switch_lands_on_the_same_page_in_the_other_language(
    client: Client, default_content
):
    english = soup_of(client.get("/stay-safe/"))
    spanish = soup_of(client.get("/es/stay-safe/"))

    assert english.html["lang"] == "en"
    assert spanish.html["lang"] == "es"
    assert english.select_one(".language-switch a")["href"] == "/es/stay-safe/"
    assert english.select_one(".language-switch a")["hreflang"] == "es"
    assert spanish.select_one(".language-switch a")["href"] == "/stay-safe/"
    alternates = {link["hreflang"]: link["href"] for link in english.select("link[hreflang]")}
    assert alternates == {
        "en": "http://testserver/stay-safe/",
        "es": "http://testserver/es/stay-safe/",
    }


def test_language_switch_falls_back_to_the_section_when_a_page_is_not_translated(
    client: Client, default_content
):
    get_help = StandardPage.objects.get(slug="get-help", locale__language_code="en")
    english_only = get_help.add_child(instance=StandardPage(title="Local partners", slug="local"))
    english_only.save_revision().publish()

    english = soup_of(client.get("/get-help/local/"))

    assert english.select_one(".language-switch a")["href"] == "/es/get-help/"


def test_spanish_pages_use_spanish_titles_and_chrome(client: Client, default_content):
    soup = soup_of(client.get("/es/get-help/"))

    assert soup.h1.get_text() == "Pida ayuda"
    assert "Salida rápida" in soup.select_one(".quick-exit").get_text()
    assert soup.select_one(".skip-link").get_text() == "Saltar al contenido principal"


def test_unprefixed_urls_stay_english_whatever_the_browser_asks(client: Client, default_content):
    response = client.get("/", headers={"accept-language": "es"})

    assert response.status_code == 200
    assert soup_of(response).html["lang"] == "en"


def test_quick_exit_leaves_for_the_neutral_site_and_clears_site_data(client: Client, db):
    settings_row = QuickExitSettings.load()
    settings_row.destination_url = "https://www.example.com/weather"
    settings_row.save()

    response = client.get("/exit/")

    assert response.status_code == 302
    assert response["Location"] == "https://www.example.com/weather"
    assert response["Clear-Site-Data"] == '"cookies", "storage"'
    assert "no-store" in response["Cache-Control"]


def test_not_found_page_is_in_the_site_look(client: Client, default_content):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.h1.get_text() == "We could not find that page"
    assert soup.select_one(".quick-exit") is not None
    assert soup.select_one("aside.hotline") is not None


def _explode(request):
    raise RuntimeError("boom")


urlpatterns = [path("explode/", _explode), *site_urls.urlpatterns]
handler500 = site_urls.handler500


@pytest.mark.urls("core.tests.test_chrome")
def test_server_error_page_is_in_the_site_look_without_the_database(db, django_assert_num_queries):
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get("/explode/")

    assert response.status_code == 500
    soup = soup_of(response)
    assert soup.h1.get_text() == "Something went wrong on our side"
    assert soup.select_one(".quick-exit")["href"] == "/exit/"
    assert "1-888-373-7888" in soup.select_one("aside.hotline").get_text()


def test_spanish_pages_show_the_hotline_name_editors_set_in_spanish(client, default_content):

    spanish = BeautifulSoup(client.get("/es/").content, "html.parser")
    assert (
        "Línea Nacional contra la Trata de Personas"
        in spanish.select_one(".hotline__name").get_text()
    )

    settings = HotlineSettings.load()
    settings.name_es = ""
    settings.save()
    fallback = BeautifulSoup(client.get("/es/").content, "html.parser")
    assert "National Human Trafficking Hotline" in fallback.select_one(".hotline__name").get_text()
