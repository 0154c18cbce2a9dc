"""Which fields of the participant file belong to which section.

One list per section, used both by the section forms (what can be edited) and by the file page
(what is shown), so the two cannot drift apart.
"""

SECTION_FIELDS: dict[str, list[str]] = {
    "person": [
        "first_name",
        "last_name",
        "birth_date",
        "gender",
        "country_of_origin",
        "nationality",
        "mother_tongue",
        "contact_language",
        "email",
        "phone",
    ],
    "procedure": [
        "phase",
        "arrival_date",
        "asylum_application_date",
        "status_decision_date",
        "residence_permit_date",
    ],
    "languages": [
        "dutch_spoken",
        "dutch_written",
        "speaks_english",
        "english_level",
        "education",
        "diploma_valuation",
    ],
    "situation": [
        "household",
        "children_count",
        "childcare_need",
        "residence",
        "coa_location",
        "municipality",
        "postcode",
        "has_bicycle",
        "has_car",
        "uses_public_transport",
        "driving_licence",
    ],
    "inburgering": [
        "inburgering_route",
        "inburgering_status",
        "inburgering_start_date",
        "lesson_hours_per_week",
        "has_benefit",
        "participatiewet_obligations",
    ],
    "documents": ["w_document_expiry", "bsn_status", "bsn_requested_date", "bsn_received_date"],
}
