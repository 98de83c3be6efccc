"""The interactive API page (Swagger UI) works in Chromium under the site's
Content-Security-Policy: the schema loads, the operations are listed, and
the browser reports no refused script or style and no request elsewhere."""

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def page():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(locale="en")
        yield context.new_page()
        context.close()
        browser.close()


def test_swagger_ui_loads_under_the_csp(live_server, transactional_db, page):
    problems, outside = [], []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else outside.append(r.url),
    )
    response = page.goto(f"{live_server.url}/api/v1/docs/interactive/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .opblock-summary", timeout=15000)
    text = page.inner_text("body")
    assert "/api/v1/issues/" in text
    assert "Human Security Agendas API" in text
    assert problems == []
    assert outside == []
