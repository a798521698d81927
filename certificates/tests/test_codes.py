import math

from hypothesis import given
from hypothesis import strategies as st

from certificates.codes import ALPHABET, LENGTH, code_display, code_new, code_parse


def test_a_code_carries_at_least_128_bits():
    assert LENGTH * math.log2(len(ALPHABET)) >= 128


def test_codes_leave_out_characters_people_confuse_in_print():
    assert not set("01OILU") & set(ALPHABET)


def test_new_codes_are_different_every_time():
    codes = {code_new() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)


def test_a_code_is_shown_in_groups_of_four():
    assert code_display("23456789ABCDEFGHJKMNPQRSTVWX") == "2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX"


@given(st.builds(code_new))
def test_what_is_shown_parses_back_to_the_code(code):
    assert code_parse(code_display(code)) == code
    assert code_parse(code_display(code).lower()) == code
    assert code_parse(" ".join(code_display(code).split("-"))) == code


@given(st.text(max_size=80))
def test_parsing_anything_typed_never_fails(text):
    parsed = code_parse(text)
    assert parsed is None or (len(parsed) == LENGTH and set(parsed) <= set(ALPHABET))


def test_codes_with_confusable_characters_are_refused():
    assert code_parse("O" * LENGTH) is None
    assert code_parse("2" * (LENGTH - 1)) is None
