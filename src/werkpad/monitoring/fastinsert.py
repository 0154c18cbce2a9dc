"""Bulk inserts for large imports: a row is a dict of the values that differ from the defaults.

Django's ``bulk_create`` prepares every field of every row through the ORM (``get_db_prep_save``
for each of a participant's sixty fields), which dominates an import of 100,000 participants.
Here each model's column list and defaults are worked out once.

- PostgreSQL: ``COPY ... FROM STDIN`` in COPY's text format, with the primary keys drawn from the
  table's own sequence first (:mod:`werkpad.demo.bulk`, the demo generator's writer); each default
  is turned into text once, each given value through the same text conversion as the demo's rows
  (JSON through the field's encoder).
- SQLite (and anything else): multi-row ``INSERT ... RETURNING id``; only fields whose Python value
  needs converting for the database (UUIDs, JSON, dates, decimals) go through the field's own
  conversion.

The primary keys come back in the order of the rows on both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from werkpad.demo import bulk

_CONVERT = (
    models.UUIDField,
    models.JSONField,
    models.DateField,  # DateTimeField is a DateField
    models.DecimalField,
)


class Inserter:
    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [
            f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)
        ]
        self.table = model._meta.db_table
        self.pk = model._meta.pk.column  # type: ignore[union-attr]
        now = timezone.now()
        self.defaults: list[Any] = []
        for f in self.fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                self.defaults.append(now)
            elif f.has_default():
                self.defaults.append(f.default if callable(f.default) else f.get_default())
            elif f.null:
                self.defaults.append(None)
            else:
                self.defaults.append("" if f.empty_strings_allowed else None)
        self.names = [f.attname for f in self.fields]
        self.convert = [isinstance(f, _CONVERT) for f in self.fields]
        # COPY text: a converter per field, and each fixed default as text once.
        self.text = [
            bulk.copy_json(f) if isinstance(f, models.JSONField) else bulk.copy_text
            for f in self.fields
        ]
        self.default_text = [
            None if callable(d) else t(d) for d, t in zip(self.defaults, self.text, strict=True)
        ]

    def _row(self, values: Mapping[str, Any]) -> list[Any]:
        out = []
        for f, name, default, conv in zip(
            self.fields, self.names, self.defaults, self.convert, strict=True
        ):
            v = values.get(name, default)
            if callable(v):
                v = v()
            if conv and v is not None:
                v = f.get_db_prep_save(v, connection)
            out.append(v)
        return out

    def _line(self, key: int, values: Mapping[str, Any]) -> str:
        out = [str(key)]
        for name, default, text, fixed in zip(
            self.names, self.defaults, self.text, self.default_text, strict=True
        ):
            if name in values:
                out.append(text(values[name]))
            elif fixed is not None:
                out.append(fixed)
            else:
                out.append(text(default()))
        return "\t".join(out) + "\n"

    def insert(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert ``rows`` (attname -> value); returns their primary keys in order."""
        if not rows:
            return []
        if connection.vendor == "postgresql":
            return self._copy(rows)
        qn = connection.ops.quote_name
        cols = ", ".join(qn(f.column) for f in self.fields)
        one = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        per = max(1, min(1000, 30000 // len(self.fields)))
        ids: list[int] = []
        with connection.cursor() as cur:
            for i in range(0, len(rows), per):
                batch = rows[i : i + per]
                params: list[Any] = []
                for r in batch:
                    params.extend(self._row(r))
                # Table and column names come from the model's meta; every value is a parameter.
                values = ", ".join([one] * len(batch))
                sql = (
                    f"INSERT INTO {qn(self.table)} ({cols}) VALUES {values} RETURNING {qn(self.pk)}"  # noqa: S608
                )
                cur.execute(sql, params)
                got = [r[0] for r in cur.fetchall()]
                if connection.vendor == "sqlite":
                    got.sort()  # SQLite returns the new rowids, ascending as inserted
                ids.extend(got)
        return ids

    def _copy(self, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        connection.ensure_connection()
        with connection.cursor() as cur:
            keys = bulk.sequence_keys(cur, self.model._meta, len(rows))
            bulk.copy_lines(
                cur,
                self.table,
                [self.pk, *(f.column for f in self.fields)],
                (self._line(k, r) for k, r in zip(keys, rows, strict=True)),
            )
        return keys
