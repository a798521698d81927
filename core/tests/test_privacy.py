"""Every model says whether it holds personal data, and the account export shows what it says."""

import json
import uuid
from datetime import datetime

from django.apps import apps
from django.test import Client

from accounts.tests.helpers import give_one_row_of_everything
from core.privacy import (
    ACCOUNT,
    DECLARATIONS,
    DELETED,
    ENGINE_SPECIFIC,
    KEPT,
    NotPersonal,
    Personal,
    personal_models,
    rows_of,
)


def test_every_installed_model_declares_whether_it_holds_personal_data():
    installed = {model._meta.label for model in apps.get_models()}

    undeclared = sorted(installed - set(DECLARATIONS))
    stale = sorted(set(DECLARATIONS) - installed - ENGINE_SPECIFIC)

    assert undeclared == [], "declare these in core/privacy.py"
    assert stale == [], "these models are gone: drop them from core/privacy.py"


def test_each_declaration_names_real_fields_and_gives_its_reasons():
    for label, declared in DECLARATIONS.items():
        if label not in {model._meta.label for model in apps.get_models()}:
            continue
        model = apps.get_model(label)
        if isinstance(declared, NotPersonal):
            assert declared.why, label
            continue
        names = {field.name for field in model._meta.get_fields()}
        assert declared.fields, label
        assert set(declared.fields + declared.secret_fields) <= names, label
        if not declared.exported or declared.on_deletion != DELETED:
            assert declared.why, f"{label}: say why it is not exported or kept"


def expected_text(row, field: str) -> str:
    """How a field's value reads in the export's JSON."""
    if field == "code":  # a certificate code is exported as printed, with its dashes
        return row.display_code
    value = getattr(row, field)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def test_the_export_shows_every_declared_field_of_the_account_holder(client: Client, alice, course):
    give_one_row_of_everything(alice, course)
    addresses = {"alice@example.org", "alice"}
    built = [
        (model, declared, list(rows_of(model, declared, user=alice, addresses=addresses)))
        for model, declared in personal_models(subject=ACCOUNT, exported=True)
    ]
    client.force_login(alice)

    response = client.get("/account/data.json")

    assert response.status_code == 200
    text = json.dumps(json.loads(response.content), ensure_ascii=False)
    missing = []
    for model, declared, rows in built:
        assert rows, f"give_one_row_of_everything makes no {model._meta.label}"
        for row in rows:
            row.refresh_from_db()  # signing in moved last_login
            for field in declared.fields:
                if model._meta.get_field(field).is_relation:
                    continue  # the link to the person: their rows are what is exported
                value = getattr(row, field)
                assert value not in (None, ""), f"{model._meta.label}.{field}: give it a value"
                if expected_text(row, field) not in text:
                    missing.append(f"{model._meta.label}.{field}")
            for field in declared.secret_fields:
                secret = str(getattr(row, field))
                assert not secret or secret not in text, f"{model._meta.label}.{field} leaked"
    assert missing == []


def test_the_export_leaves_out_other_peoples_rows(client: Client, alice, charlie, course):
    give_one_row_of_everything(charlie, course)
    client.force_login(alice)

    text = client.get("/account/data.json").content.decode()

    assert "charlie" not in text
    assert "Quintana" not in text
    assert "ProbeBrowser" not in text


def test_kept_rows_say_why():
    kept = personal_models(on_deletion=KEPT)

    assert kept, "the consent records at least"
    assert all(isinstance(declared, Personal) and declared.why for _model, declared in kept)
