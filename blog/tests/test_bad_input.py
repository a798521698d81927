"""Blog search, paging, categories, archives and feeds never answer 5xx to any query,
and the search words come back as text, never as markup."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blog.tests.helpers import make_post
from core.tests.bad_input import (
    MARKUP_PAYLOADS,
    SafeClient,
    field_value,
    fuzz,
    nasty_text,
    path_segment,
)

queries = st.fixed_dictionaries(
    {"q": nasty_text},
    optional={"page": st.one_of(st.integers().map(str), nasty_text), "extra": field_value},
)


@pytest.fixture
def posts(blog):
    make_post(blog, "Signs of labour trafficking", text="<p>Wages withheld; papers kept.</p>")
    make_post(blog, "Staying safe online")
    return blog


@fuzz(80)
@given(query=queries, prefix=st.sampled_from(["", "/es"]))
def test_any_search_or_page_is_answered_below_500_and_shown_as_text(posts, query, prefix):
    response = SafeClient().get(f"{prefix}/blog/", query)

    assert response.status_code in (200, 404)
    for payload in MARKUP_PAYLOADS:
        assert payload not in response.content.decode()


@fuzz(40)
@given(query=queries, path=st.sampled_from(["feed/", "category/nope/", "2024/05/", "2024/13/"]))
def test_feeds_categories_and_archives_take_any_query(posts, query, path):
    assert SafeClient().get(f"/blog/{path}", query).status_code in (200, 404)


@fuzz(40)
@given(slug=nasty_text, feed=st.sampled_from(["", "feed/"]))
def test_made_up_categories_are_not_found(posts, slug, feed):
    response = SafeClient().get(f"/blog/category/{path_segment(slug)}/{feed}")
    assert response.status_code == 404


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_the_search_words_are_echoed_escaped(posts, payload):
    page = SafeClient().get("/blog/", {"q": f"labour {payload}"}).content.decode()

    assert payload not in page
    assert "labour &lt;" in page or "labour &quot;&gt;" in page
