"""`manage.py check --deploy` refuses a production site whose codes or
ballots are keyed with SECRET_KEY: each needs a secret of its own."""

import pytest
from django.core import checks
from django.test import override_settings

from core.checks import check_hash_secrets

KEY = "the-secret-key-" + "k" * 40
OWN = {"CODE_SECRET": "codes-" + "c" * 40, "BALLOT_SECRET": "ballots-" + "b" * 40}


def ids(**settings):
    with override_settings(DEBUG=False, SECRET_KEY=KEY, SECRET_KEY_FALLBACKS=[], **settings):
        return sorted(message.id for message in check_hash_secrets())


def test_secrets_of_their_own_pass():
    assert ids(**OWN) == []


def test_unset_secrets_are_errors():
    assert ids(CODE_SECRET="", BALLOT_SECRET="") == ["core.E001", "core.E003"]


@pytest.mark.parametrize(
    "name,error", [("CODE_SECRET", "core.E002"), ("BALLOT_SECRET", "core.E004")]
)
def test_a_secret_equal_to_the_secret_key_is_an_error(name, error):
    assert ids(**{**OWN, name: KEY}) == [error]


def test_a_secret_equal_to_an_old_secret_key_is_an_error():
    own = {**OWN, "CODE_SECRET": "older"}
    with override_settings(DEBUG=False, SECRET_KEY=KEY, SECRET_KEY_FALLBACKS=["older"], **own):
        assert [m.id for m in check_hash_secrets()] == ["core.E002"]


def test_the_errors_are_errors_not_warnings():
    with override_settings(DEBUG=False, SECRET_KEY=KEY, CODE_SECRET="", BALLOT_SECRET=""):
        assert {message.level for message in check_hash_secrets()} == {checks.ERROR}


def test_a_development_run_derives_them_and_is_not_asked():
    with override_settings(DEBUG=True, CODE_SECRET="", BALLOT_SECRET=""):
        assert check_hash_secrets() == []


def test_it_runs_with_check_deploy_only():
    assert check_hash_secrets in checks.registry.registry.get_checks(include_deployment_checks=True)
    assert check_hash_secrets not in checks.registry.registry.get_checks()
