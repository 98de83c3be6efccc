"""What the setting-up tests share."""

import pytest


@pytest.fixture
def admin(client_for):
    """An administrator reading in English, whom the tests' messages quote."""
    client = client_for("admin")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
