"""Ukrainian dates with the month as a word and no leading zero: 6 грудня 2026 р. (Django's own
formats with the day as "j" instead of "d")."""

DATE_FORMAT = "j E Y р."
DATETIME_FORMAT = "j E Y р. H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j E Y р."
SHORT_DATETIME_FORMAT = "j E Y р. H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
