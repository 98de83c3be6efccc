"""What a flip chart can possibly show (PaperTally.check_counts and clean),
asked of the model itself: the workspace form, the admin and the tests share
these rules, so each is pinned here once, with the message a facilitator reads."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tallies.models import PaperTally
from tests.factories import AgendaFactory, IssueFactory, PaperTallyFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def refusal(check):
    """{field or issue: [messages]} of the ValidationError `check()` raises
    ("__all__" for what belongs to no one field), in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            check()
        errors = raised.value.update_error_dict({})
        return {key: list(ValidationError(messages)) for key, messages in errors.items()}


def tally(voters=10, each=3, most=2):
    return PaperTally(voters=voters, dots_per_voter=each, max_dots_per_issue=most)


def test_what_ten_people_with_three_dots_could_place_passes():
    tally().check_counts({"a": 20, "b": 10, "c": 0})
    tally(most=None).check_counts({"a": 30})
    tally(each=None, most=None).check_counts({"a": 500, "b": 500})
    tally(voters=0).check_counts({"a": 0})
    tally().check_counts({"a": 6}, attended=10)


@pytest.mark.parametrize(
    ("rules", "counts", "attended", "expected"),
    [
        ({}, {"a": -1}, None, {"a": ["The number of dots cannot be negative."]}),
        ({}, {"a": 21}, None, {"a": ["At most 20 dots: 10 people × 2 dots on one issue."]}),
        ({"most": None}, {"a": 31}, None, {
            "a": ["At most 30 dots: 10 people × 3 dots each."],
            "__all__": ["31 dots in all, but 10 people with 3 dots each could place at most 30."],
        }),
        ({"voters": 0, "each": None, "most": None}, {"a": 1}, None, {
            "a": ["There are dots but no one voted."],
        }),
        ({}, {"a": 20, "b": 11}, None, {
            "__all__": ["31 dots in all, but 10 people with 3 dots each could place at most 30."],
        }),
        ({}, {"a": 1}, 9, {"voters": ["More people voted than the 9 recorded at the workshop."]}),
    ],
    ids=["negative", "over_one_issue", "over_one_person", "no_one_voted", "over_all", "attended"],
)  # fmt: skip
def test_what_no_flip_chart_could_show_is_refused_where_it_is_wrong(
    rules, counts, attended, expected
):
    chart = tally(**rules)
    assert refusal(lambda: chart.check_counts(counts, attended=attended)) == expected


def test_every_impossible_issue_is_named_at_once():
    errors = refusal(lambda: tally().check_counts({"a": -2, "b": 25, "c": 4}))
    assert sorted(errors) == ["a", "b"]


def test_no_one_puts_more_dots_on_one_issue_than_they_had():
    assert refusal(tally(each=2, most=3).clean) == {
        "max_dots_per_issue": ["No one can put more dots on one issue than they had in all."]
    }
    tally(each=3, most=3).clean()


def test_a_workshop_votes_only_on_its_own_neighbourhoods_agenda():
    workshop = WorkshopFactory()
    elsewhere = AgendaFactory()
    chart = PaperTally(workshop=workshop, agenda=elsewhere, voters=5)
    assert refusal(chart.clean) == {
        "__all__": ["A workshop can only vote on the agenda of its own neighbourhood."]
    }
    home = AgendaFactory(neighbourhood=workshop.neighbourhood)
    PaperTally(workshop=workshop, agenda=home, voters=5).clean()


def test_saving_a_tally_keeps_one_row_per_issue_that_received_dots():
    from tallies.services import save_tally
    from workspace.workshop_forms import TallyForm

    made = PaperTallyFactory()
    workshop, agenda = made.workshop, made.agenda
    made.delete()
    first, second, third = (IssueFactory(agenda=agenda) for _ in range(3))

    def save(dots):
        data = {"voters": 10, "dots_per_voter": 3, "max_dots_per_issue": ""}
        data |= {f"issue_{issue.pk}": number for issue, number in dots.items()}
        form = TallyForm(
            {key: str(value) for key, value in data.items()},
            instance=PaperTally.objects.filter(workshop=workshop, agenda=agenda).first(),
            workshop=workshop,
            agenda=agenda,
            issues=[first, second, third],
        )
        assert form.is_valid(), form.errors
        return save_tally(form)

    def rows(chart):
        return dict(chart.counts.values_list("issue_id", "dots"))

    chart = save({first: 12, second: 3})
    assert rows(chart) == {first.pk: 12, second.pk: 3}
    again = save({first: 12, third: 7})
    assert again.pk == chart.pk
    assert rows(again) == {first.pk: 12, third.pk: 7}
    assert PaperTally.objects.filter(workshop=workshop, agenda=agenda).count() == 1
