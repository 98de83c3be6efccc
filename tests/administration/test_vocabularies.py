"""Administrators add, change and reorder the security dimensions and the
participant groups. A dimension's colour must carry white text readably
(WCAG AA, 4.5:1): a colour that fails is refused with its contrast named."""

import pytest
from django.urls import reverse

from communities.models import ParticipantGroup, SecurityDimension
from residents.models import SensitiveGroup
from tests.helpers import EN

pytestmark = pytest.mark.django_db


def dimension_data(**changes):
    return {"name_es": "Seguridad digital", "order": 10, "palette": "#283593", **changes}


def test_a_dimension_takes_a_palette_colour_and_records_who_added_it(admin, demo_users):
    response = admin.post(reverse("setup-dimension-create"), dimension_data())
    assert response.status_code == 302
    dimension = SecurityDimension.objects.get(slug="seguridad-digital")
    assert dimension.colour == "#283593"
    assert dimension.history.get().history_user == demo_users["admin"]


def test_a_colour_typed_but_not_chosen_is_not_dropped_in_silence(admin):
    response = admin.post(reverse("setup-dimension-create"), dimension_data(colour="#ffff00"))
    assert response.status_code == 400
    assert "You typed a colour but chose one of the list." in response.content.decode()
    assert not SecurityDimension.objects.filter(slug="seguridad-digital").exists()


def test_the_palette_names_each_colour_beside_its_swatch(admin):
    page = admin.get(reverse("setup-dimension-create"), headers=EN).content.decode()
    assert 'type="radio" name="palette"' in page
    for name in ("Deep blue", "Indigo", "Teal", "Another colour"):
        assert name in page
    assert "data:image/svg+xml" in page


def test_a_typed_colour_that_carries_white_text_is_accepted(admin):
    response = admin.post(
        reverse("setup-dimension-create"), dimension_data(palette="other", colour="#0B3D91")
    )
    assert response.status_code == 302
    assert SecurityDimension.objects.get(slug="seguridad-digital").colour == "#0b3d91"


@pytest.mark.parametrize(("colour", "ratio"), [("#ffff00", "1.07"), ("#777777", "4.48")])
def test_a_typed_colour_failing_contrast_is_refused_naming_the_ratio(admin, colour, ratio):
    before = SecurityDimension.objects.count()
    response = admin.post(
        reverse("setup-dimension-create"),
        dimension_data(palette="other", colour=colour),
        headers=EN,
    )
    assert response.status_code == 400
    assert f"contrast of only {ratio}:1" in response.content.decode()
    assert SecurityDimension.objects.count() == before


def test_a_colour_that_is_not_one_is_refused(admin):
    response = admin.post(
        reverse("setup-dimension-create"),
        dimension_data(palette="other", colour="navy"),
        headers=EN,
    )
    assert response.status_code == 400
    assert "Write the colour as # and six hex digits" in response.content.decode()
    assert not SecurityDimension.objects.filter(slug="seguridad-digital").exists()


def test_a_colour_outside_the_palette_cannot_be_chosen_as_one_of_it(admin):
    response = admin.post(
        reverse("setup-dimension-create"), dimension_data(palette="#ffff00"), headers=EN
    )
    assert response.status_code == 400
    assert not SecurityDimension.objects.filter(slug="seguridad-digital").exists()


def test_editing_a_dimension_keeps_its_colour_choice_shown(admin):
    health = SecurityDimension.objects.get(slug="health")
    page = admin.get(reverse("setup-dimension-edit", args=[health.pk]), headers=EN).content.decode()
    assert f'value="{health.colour}" checked' in page


def test_a_dimension_whose_name_is_taken_is_refused(admin):
    response = admin.post(
        reverse("setup-dimension-create"), dimension_data(name_es="", name_en="Health"), headers=EN
    )
    assert response.status_code == 400
    assert "A security dimension named “Health” already exists." in response.content.decode()
    assert SecurityDimension.objects.count() == 9


def test_moving_a_dimension_up_swaps_it_with_the_one_above(admin, demo_users):
    food = SecurityDimension.objects.get(slug="food")
    response = admin.post(reverse("setup-dimension-move", args=[food.pk]), {"direction": "up"})
    assert response.status_code == 302
    slugs = list(SecurityDimension.objects.order_by("order").values_list("slug", flat=True))
    assert slugs[-2:] == ["food", "environmental"]
    assert food.history.first().history_user == demo_users["admin"]


def test_moving_the_first_dimension_up_changes_nothing(admin):
    before = list(SecurityDimension.objects.values_list("slug", "order"))
    first = SecurityDimension.objects.order_by("order").first()
    admin.post(reverse("setup-dimension-move", args=[first.pk]), {"direction": "up"})
    assert list(SecurityDimension.objects.values_list("slug", "order")) == before


def test_a_sensitive_group_is_added_as_sensitive(admin, demo_users):
    response = admin.post(
        reverse("setup-group-create"),
        {"name_es": "Personas migrantes", "order": 8, "sensitive": "on"},
    )
    assert response.status_code == 302
    group = ParticipantGroup.objects.get(slug="personas-migrantes")
    assert SensitiveGroup.objects.filter(group=group).exists()
    assert group.history.get().history_user == demo_users["admin"]


def test_a_group_stops_being_sensitive_when_unticked(admin):
    indigenous = ParticipantGroup.objects.get(slug="indigenous")
    page = admin.get(reverse("setup-group-edit", args=[indigenous.pk])).content.decode()
    assert 'name="sensitive"' in page and "checked" in page
    admin.post(
        reverse("setup-group-edit", args=[indigenous.pk]),
        {"name_es": "Personas indígenas", "name_en": "Indigenous people", "order": 6},
    )
    assert not SensitiveGroup.objects.filter(group=indigenous).exists()


def test_a_group_whose_name_is_taken_is_refused_and_nothing_is_saved(admin):
    before = ParticipantGroup.objects.count()
    response = admin.post(
        reverse("setup-group-create"), {"name_es": "Mujeres", "order": 9}, headers=EN
    )
    assert response.status_code == 400
    assert "A participant group named “Mujeres” already exists." in response.content.decode()
    assert ParticipantGroup.objects.count() == before


def test_moving_a_group_down(admin):
    women = ParticipantGroup.objects.get(slug="women")
    admin.post(reverse("setup-group-move", args=[women.pk]), {"direction": "down"})
    slugs = list(ParticipantGroup.objects.order_by("order").values_list("slug", flat=True))
    assert slugs[:2] == ["men", "women"]


def test_each_list_links_to_each_rows_history(admin):
    page = admin.get(reverse("setup-dimensions")).content.decode()
    for pk in SecurityDimension.objects.values_list("pk", flat=True):
        assert reverse("setup-dimension-history", args=[pk]) in page
    page = admin.get(reverse("setup-groups")).content.decode()
    for pk in ParticipantGroup.objects.values_list("pk", flat=True):
        assert reverse("setup-group-history", args=[pk]) in page
