from bs4 import BeautifulSoup

from certificates.tests.helpers import complete_course


def test_the_reach_page_is_hidden_until_the_organization_publishes_it(client, org_a):
    assert client.get("/organizations/riverside/reach/").status_code == 404


def test_the_public_reach_page_shows_numbers_and_no_personal_data(
    client, org_a, alice_in_a, course
):
    complete_course(alice_in_a.user, course)
    org_a.public_reach = True
    org_a.save()

    response = client.get("/organizations/riverside/reach/")

    soup = BeautifulSoup(response.content, "html.parser")
    stats = {div.dt.get_text(): div.dd.get_text() for div in soup.select(".stats div")}
    assert stats == {"People trained": "1", "Certificates issued": "1"}
    assert soup.select_one("figure.chart svg[role=img]")
    assert "alice" not in response.content.decode()


def test_the_organization_logo_shows_with_its_name_as_alt_text(client, org_a):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    org_a.logo = Image.objects.create(title="logo", file=get_test_image_file())
    org_a.public_reach = True
    org_a.save()

    soup = BeautifulSoup(client.get("/organizations/riverside/reach/").content, "html.parser")

    assert soup.select_one("img.org-logo")["alt"] == "Riverside Chapter"
