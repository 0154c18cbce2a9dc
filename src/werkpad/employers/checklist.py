"""The printable TWV checklist for employers, in Dutch and English side by side.

This is a bilingual document (the employer hands it on, or files it), so both language versions are
content here rather than interface strings: the page shows both whatever the interface language.
The terms come from the dated rule parameters (``terms.expected_twv_decision``). Sources: [004] §2.2
(the five conditions, the UWV terms, the BSN loop and COA's urgent registration), RULES.md §1.
"""

from __future__ import annotations

from dataclasses import dataclass

from .terms import TwvTerms


@dataclass(frozen=True)
class Item:
    nl: str
    en: str


def items(terms: TwvTerms) -> list[Item]:
    legal = terms.legal_weeks if terms.legal_weeks is not None else "?"
    practical = terms.practical_weeks if terms.practical_weeks is not None else "?"
    return [
        Item(
            "U vraagt de tewerkstellingsvergunning (TWV) zelf aan bij het UWV (werkgeversportaal), "
            "per baan. Niet bij de IND of het COA.",
            "You, the employer, apply for the work permit (TWV) at the UWV (employer portal), per "
            "job. Not at the IND or the COA.",
        ),
        Item(
            "Een kopie (voor- en achterkant) van het geldige W-document van de kandidaat; let op de "
            "vervaldatum.",
            "A copy (front and back) of the candidate's valid W-document; check its expiry date.",
        ),
        Item(
            "De asielaanvraag loopt ten minste zes maanden; de kandidaat is 18 jaar of ouder en "
            "woont in een opvanglocatie van het COA.",
            "The asylum application has been pending for at least six months; the candidate is 18 "
            "or older and lives in a COA reception facility.",
        ),
        Item(
            "De arbeidsovereenkomst of het aanbod: functie, werkplek, uren per week, duur en "
            "brutoloon. Het loon is marktconform en ten minste het wettelijk minimumloon.",
            "The employment contract or offer: job, workplace, hours per week, duration and gross "
            "wage. The wage is market-rate and at least the statutory minimum wage.",
        ),
        Item(
            "Uw bedrijfsgegevens: KvK-nummer, loonheffingennummer en het adres waar gewerkt wordt.",
            "Your company details: Chamber of Commerce (KvK) number, payroll tax number and the "
            "address of the workplace.",
        ),
        Item(
            f"Beslistermijn: wettelijk {legal} weken; in de praktijk tot {practical} weken. Plan de "
            "startdatum daarop.",
            f"Decision term: {legal} weeks by law; in practice up to {practical} weeks. Plan the "
            "start date accordingly.",
        ),
        Item(
            "Voor de loonbetaling is een BSN nodig. Zodra de TWV is aangevraagd kan het COA een "
            "spoedinschrijving in de BRP vragen: meld de aanvraag direct aan uw contactpersoon.",
            "Payroll needs a BSN. As soon as the TWV has been applied for, the COA can ask for an "
            "urgent BRP registration: tell your contact person about the application at once.",
        ),
        Item(
            "Krijgt de kandidaat een verblijfsvergunning, dan vervalt de TWV en mag hij of zij "
            "gewoon blijven werken: er is dan geen vergunning meer nodig.",
            "If the candidate is granted a residence permit, the TWV lapses and they may simply "
            "keep working: no permit is needed any more.",
        ),
        Item(
            "Ontheemden uit Oekraïne hebben geen TWV nodig (een melding volstaat).",
            "Displaced people from Ukraine need no TWV (a notification is enough).",
        ),
    ]
