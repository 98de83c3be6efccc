"""An invitation in a real browser, on a 360 px phone without JavaScript:
an administrator invites a facilitator from the people page, the invited
person opens the link, chooses a username and password and lands in the
workspace, facilitating the neighbourhood they were invited to."""

from playwright.sync_api import expect

from tests.browser.helpers import fits, sign_in

GOOD_PASSWORD = "lantern-quiet-river-93"


def test_an_administrator_invites_a_facilitator_who_lands_in_the_workspace(site, new_page):
    admin = new_page(language="en-GB", width=360, javascript=False)
    sign_in(admin, site, "admin")
    expect(admin).to_have_url(site + "/workspace/")
    admin.get_by_role("link", name="People: facilitators, invitations and roles").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("People")
    fits(admin)
    admin.get_by_role("link", name="Invite someone").click()
    fits(admin)
    admin.get_by_label("Facilitator").check()
    admin.get_by_label("Lázaro Cárdenas (Apatzingán)").check()
    admin.get_by_label("Note").fill("Rosa")
    admin.get_by_role("button", name="Make the invitation").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Invitation made")
    fits(admin)
    link = admin.locator("#invitation-link").inner_text()

    invited = new_page(language="en-GB", width=360, javascript=False)
    invited.goto(link)
    expect(invited).to_have_url(site + "/invitation/accept/")
    expect(invited.get_by_text("You are invited to facilitate:")).to_be_visible()
    fits(invited)
    invited.locator("#id_username").fill("rosa")
    invited.locator("#id_password1").fill(GOOD_PASSWORD)
    invited.locator("#id_password2").fill(GOOD_PASSWORD)
    invited.get_by_role("button", name="Make my account").click()
    expect(invited).to_have_url(site + "/workspace/")
    expect(invited.get_by_text("Welcome, rosa. Your account is ready.")).to_be_visible()
    expect(
        invited.get_by_role("region", name="Your neighbourhoods").get_by_role(
            "link", name="Lázaro Cárdenas"
        )
    ).to_be_visible()
    fits(invited)

    # The link worked once.
    again = new_page(language="en-GB", width=360, javascript=False)
    again.goto(link)
    expect(again.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    assert admin.outside_requests == invited.outside_requests == again.outside_requests == []
