"""Consent wording and pseudonyms after a withdrawal (issue 9, section 2 "Consent")."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from tests.factories_employers import ShortlistFactory
from tests.integration.test_employers_access import desk  # noqa: F401 (fixture)


def _candidates(client, vacancy) -> list[dict]:
    response = client.get(f"/api/employers/vacancies/{vacancy.pk}/candidates")
    assert response.status_code == 200
    return response.json()


def _decide(login, world, decision: str) -> None:
    response = login(world.nadia).post(
        reverse("portal:consent"), {"employer": world.devries.pk, "decision": decision}
    )
    assert response.status_code == 302


def test_after_a_withdrawal_the_employer_sees_a_new_pseudonym(desk, login):  # noqa: F811
    ShortlistFactory(vacancy=desk.theirs, participant=desk.participant)  # also at the rival
    eva = login(desk.eva)
    before = _candidates(eva, desk.own)[0]
    assert before["name"] is None
    zoe_before = _candidates(login(desk.zoe), desk.theirs)
    zoe_before = next(c for c in zoe_before if c["vacancy_title"] == "Glazenwasser Zeist")

    _decide(login, desk, "share")
    eva = login(desk.eva)
    named = _candidates(eva, desk.own)[0]
    assert named["name"] == "Nadia Haddad"
    assert named["pseudonym"] == before["pseudonym"]  # the code does not change with consent

    _decide(login, desk, "withdraw")
    eva = login(desk.eva)
    after = _candidates(eva, desk.own)[0]
    assert after["name"] is None
    # A new pseudonym and a new handle: the name Eva saw cannot be tied to this profile.
    assert after["pseudonym"] != before["pseudonym"]
    assert after["ref"] != before["ref"]
    assert (
        before["ref"] not in eva.get(reverse("employers:portal_vacancy", args=[desk.own.pk])).text
    )
    page = eva.get(reverse("employers:portal_vacancy", args=[desk.own.pk])).text
    assert after["pseudonym"] in page and before["pseudonym"] not in page
    # The TWV list shows the same new code.
    twv = eva.get(reverse("employers:portal_twv")).text
    assert before["pseudonym"] not in twv

    # Another employer never saw the name under this consent: its code stays as it was.
    zoe_after = _candidates(login(desk.zoe), desk.theirs)
    zoe_after = next(c for c in zoe_after if c["ref"] == zoe_before["ref"])
    assert zoe_after["pseudonym"] == zoe_before["pseudonym"]

    # Sharing again and withdrawing again gives yet another code.
    _decide(login, desk, "share")
    _decide(login, desk, "withdraw")
    again = _candidates(login(desk.eva), desk.own)[0]
    assert again["pseudonym"] not in (before["pseudonym"], after["pseudonym"])


def test_the_coach_sees_the_code_the_employer_sees(desk, login):  # noqa: F811
    _decide(login, desk, "share")
    _decide(login, desk, "withdraw")
    code = _candidates(login(desk.eva), desk.own)[0]["pseudonym"].split()[-1]
    page = login(desk.anna).get(reverse("employers:vacancy_detail", args=[desk.own.pk])).text
    assert code in page


def test_the_portal_says_what_the_employer_still_sees(world, login):
    client = login(world.nadia)
    for language, expected in (
        ("en", "still see your profile without your name"),
        ("nl", "je profiel zonder je naam"),
        ("ar", "ملفك"),
    ):
        world.nadia.language = language
        world.nadia.save()
        with translation.override(language):
            page = client.get(reverse("portal:consent")).text
        assert "sees nothing about you any more" not in page
        assert expected in page, language


def test_the_withdrawal_message_says_what_remains(desk, login):  # noqa: F811
    _decide(login, desk, "share")
    world = desk
    world.nadia.language = "en"
    world.nadia.save()
    client = login(world.nadia)
    response = client.post(
        reverse("portal:consent"),
        {"employer": world.devries.pk, "decision": "withdraw"},
        follow=True,
    )
    assert "no longer sees your name" in response.text
    assert "new code" in response.text
