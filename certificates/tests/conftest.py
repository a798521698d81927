import pytest

from certificates.tests.helpers import complete_course


@pytest.fixture
def certificate(alice, course):
    """Alice's certificate for Human Trafficking 101, before she has chosen a name."""
    return complete_course(alice, course)
