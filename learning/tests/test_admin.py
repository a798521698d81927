"""Editors build the course in the Wagtail admin."""

import pytest
from django.test import Client
from wagtail.blocks import StructBlockValidationError

from learning.blocks import QuestionBlock


def test_an_editor_opens_a_module_in_the_page_editor(client: Client, editor, first_module):
    client.force_login(editor)

    response = client.get(f"/admin/pages/{first_module.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Quiz" in html and "Survivor story" in html


def test_a_module_renders_in_preview(first_module):
    first_module.title = "A draft title"

    response = first_module.make_preview_request()

    assert response.status_code == 200
    assert "A draft title" in response.content.decode()


def test_a_quiz_question_needs_the_right_number_of_correct_answers():
    block = QuestionBlock()
    single_with_two = block.to_python(
        {
            "kind": "single",
            "prompt": "?",
            "choices": [
                {"text": "a", "correct": True, "explanation": "x"},
                {"text": "b", "correct": True, "explanation": "y"},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(single_with_two)
