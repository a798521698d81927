"""What the bad-input tests share: hostile values, one Hypothesis profile, a client that
never raises.

Every form and JSON endpoint gets posted text it does not expect (unicode, NUL bytes,
very long strings, markup, SQL-ish text), extra and missing fields, wrong types and
arbitrary bodies. The property is always the same: a clear answer below 500, and what
was saved before is still there.
"""

import json
import os
import sys
import traceback
from urllib.parse import quote

from django.core.cache import cache
from django.core.signals import got_request_exception
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
MARKUP_PAYLOADS = (SCRIPT, ATTRIBUTE_BREAKOUT)

PAYLOADS = (
    *MARKUP_PAYLOADS,
    "",
    " ",
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "'; DROP TABLE auth_user; --",
    '") OR ("1"="1',
    "%00",
    "%s%s%n",
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    '=HYPERLINK("http://x")',
    "\u202e\u200b\ufeff",
    "\U0001d543\U0001d560 \U0001f6a8",
    "NULL",
    "true",
    "-1",
    "1e309",
    "9" * 40,
)

# Unicode text without surrogates (which UTF-8 cannot carry).
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
long_text = st.builds(lambda piece, times: piece * times, unicode_text, st.integers(100, 5000))
nasty_text = st.one_of(st.sampled_from(PAYLOADS), unicode_text, long_text)

# A posted value: text, or several values under one name, or not text at all.
field_value = st.one_of(
    nasty_text,
    st.lists(nasty_text, max_size=4),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
field_name = st.one_of(
    st.sampled_from(("csrfmiddlewaretoken", "next", "id", "pk", "user", "__proto__", "")),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=12,
)


def form_data(fields: dict) -> st.SearchStrategy[dict]:
    """The form's own fields, each either its usual value strategy or a hostile one, maybe
    missing, plus arbitrary extra fields."""
    known = st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(strategy, field_value) if strategy is not None else field_value
            for name, strategy in fields.items()
        },
    )
    extra = st.dictionaries(field_name, field_value, max_size=3)
    return st.builds(lambda extra, known: {**extra, **known}, extra, known)


# A body of any shape: JSON, broken form encoding, broken multipart, raw bytes.
raw_body = st.one_of(
    st.builds(lambda value: ("application/json", json.dumps(value)), json_value),
    st.tuples(st.just("application/json"), st.binary(max_size=200)),
    st.tuples(st.just("application/x-www-form-urlencoded"), st.binary(max_size=200)),
    st.tuples(st.just("multipart/form-data; boundary=xyz"), st.binary(max_size=200)),
    st.tuples(st.just("multipart/form-data"), st.binary(max_size=50)),
    st.tuples(st.just("text/plain"), st.binary(max_size=200)),
)


def path_segment(text: str) -> str:
    """Text as one segment of a URL path, the way a browser would send it."""
    return quote(text, safe="") or "x"


def fuzz(examples: int) -> settings:
    """The shared profile: bounded examples, no deadline (a request takes what it takes).

    BAD_INPUT_SCALE=10 runs ten times as many examples, for a longer run than the suite's.
    """
    scale = float(os.environ.get("BAD_INPUT_SCALE", "1"))
    return settings(
        max_examples=max(1, round(examples * scale)),
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


class _Errors:
    """Tracebacks of exceptions the client turned into 500 pages, for the failure message."""

    def __init__(self):
        self.last = ""
        got_request_exception.connect(self.record)

    def record(self, **kwargs):
        self.last = "".join(traceback.format_exception(*sys.exc_info()))


class SafeClient(Client):
    """A test client that answers 500 as a browser would see it, instead of raising."""

    def __init__(self, **kwargs):
        super().__init__(raise_request_exception=False, **kwargs)
        self.errors = _Errors()

    def request(self, **request):
        cache.clear()  # rate limits would otherwise answer 429 for most examples
        self.errors.last = ""
        response = super().request(**request)
        if response.status_code >= 500:
            raise AssertionError(
                f"{response.status_code} for {request.get('REQUEST_METHOD')} "
                f"{request.get('PATH_INFO')}\n{self.errors.last}"
            )
        return response


def signed_in(user) -> SafeClient:
    client = SafeClient()
    client.force_login(user)
    return client


def post_raw(client: Client, path: str, body: tuple[str, bytes | str]):
    content_type, data = body
    return client.generic("POST", path, data, content_type=content_type)
