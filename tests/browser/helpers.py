"""What the browser tests share: signing in as a demo person, and whether
the page fits the phone's width."""

from tests.helpers import PASSWORD

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def sign_in(page, site, username):
    """Sign in on the sign-in page, in whatever language the page speaks."""
    page.goto(site + "/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def no_horizontal_scroll(page):
    return page.evaluate(NO_SIDEWAYS_SCROLL)


def fits(page):
    """The page just reached fits the phone's width (checked after it loaded)."""
    page.wait_for_load_state()
    assert no_horizontal_scroll(page), page.url
