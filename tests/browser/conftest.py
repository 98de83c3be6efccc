"""Real Chromium (Debian's) driven by Playwright against a live server.

These tests use the live server, so they run on a transactional database
(pytest-django runs them after the others); each loads the demo first.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from demo.loader import load_demo

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an event loop on this thread; the database
    # work in the test itself is plain synchronous code, so Django's guard
    # against ORM calls from async code does not apply to it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    load_demo()
    return live_server.url


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(*, language="es-MX", width=1280, javascript=True):
        context = browser.new_context(
            locale=language,
            viewport={"width": width, "height": 800},
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        # No request may leave the site.
        page.on(
            "request",
            lambda request: (
                outside.append(request.url)
                if not (request.url.startswith(("http://localhost", "http://127.0.0.1", "data:")))
                else None
            ),
        )
        page.outside_requests = outside = []
        return page

    yield make
    for context in contexts:
        context.close()
