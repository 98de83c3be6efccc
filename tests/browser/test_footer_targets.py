"""The footer's links are targets of at least 24 by 24 px (WCAG 2.5.8) on a
360 px phone, in Spanish, where they wrap onto two lines."""

SIZES = """() => Array.from(document.querySelectorAll(".site-footer nav a")).map((link) => {
  const box = link.getBoundingClientRect();
  return [link.textContent.trim(), box.width, box.height];
})"""


def test_the_footer_links_are_large_enough_to_tap(site, new_page):
    page = new_page(language="es-MX", width=360, javascript=True)
    page.goto(site + "/")
    sizes = page.evaluate(SIZES)
    assert len(sizes) == 4
    assert [(text, height) for text, width, height in sizes if height < 24 or width < 24] == []
