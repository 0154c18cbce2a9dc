#!/usr/bin/env bash
# Fails when a user-facing string is missing from the Dutch catalogue (run `make messages`, then
# translate). Works on a copy: the tracked catalogues are restored afterwards.
set -uo pipefail
cd "$(dirname "$0")/../src/werkpad"
if ! command -v xgettext >/dev/null 2>&1; then
  if [ "${CI:-false}" = "true" ]; then echo "CI: xgettext (gettext) is required for the catalogue check"; exit 1; fi
  echo "NOTE: catalogue check skipped (xgettext not installed: apt-get install gettext)"; exit 0
fi
backup=$(mktemp -d)
cp -a locale "$backup/"
trap 'rm -rf locale && cp -a "$backup/locale" . && rm -rf "$backup"' EXIT
WERKPAD_TESTING=1 ../../.venv/bin/werkpad makemessages -l nl --no-obsolete >/dev/null 2>&1 || { echo "makemessages failed"; exit 1; }
missing=$(msgattrib --untranslated locale/nl/LC_MESSAGES/django.po | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy locale/nl/LC_MESSAGES/django.po | grep -c '^msgid ' || true)
if [ "${fuzzy:-0}" -gt 0 ]; then
  echo "Dutch catalogue has $fuzzy fuzzy (guessed, unused) entr(y/ies): check and clear the fuzzy flag."
  exit 1
fi
# msgattrib prints the header as one untranslated entry
if [ "${missing:-0}" -gt 1 ]; then
  echo "Dutch catalogue is missing $((missing - 1)) string(s):"
  msgattrib --untranslated --no-wrap locale/nl/LC_MESSAGES/django.po | grep '^msgid ' | tail -n +2 | head -20
  echo "Run 'make messages' and translate them in src/werkpad/locale/nl/LC_MESSAGES/django.po."
  exit 1
fi
echo "Dutch catalogue complete."
