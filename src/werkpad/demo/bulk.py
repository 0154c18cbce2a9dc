"""Writing many demo rows at once: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

The demo generator writes hundreds of thousands of rows (100,000 participants have about a million
related records). ``bulk_create`` sends them as batched ``INSERT ... RETURNING``; PostgreSQL's
``COPY ... FROM STDIN`` streams them in one command per table and is several times faster on both
ends. The primary keys the caller needs afterwards (for foreign keys) are drawn beforehand from the
table's own sequence (one ``nextval`` call for the whole list), so the objects carry their ``pk``
exactly as after ``bulk_create``.

Like ``bulk_create``, this skips ``save()`` and signals; fields with ``auto_now``/``auto_now_add``
get their value through ``pre_save`` as in an insert, and every value goes through the field's
``get_db_prep_save`` (so custom fields and JSON are written as Django would write them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

BATCH = 1000


def write(model: type[models.Model], objs: Sequence[Any], *, batch_size: int = BATCH) -> None:
    """Insert ``objs`` (new instances of ``model``) and set their primary keys."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    for obj in objs:
        # As bulk_create does: a related object saved after it was assigned gives its key now.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    table = meta.db_table
    connection.ensure_connection()
    with connection.cursor() as cursor:
        missing = [o for o in objs if o.pk is None]
        if missing:
            if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
                raise ValueError(f"{meta.label}: no key and no sequence to draw one from")
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
            (sequence,) = cursor.fetchone()
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, len(missing)]
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = value
        fields = [f for f in meta.concrete_fields if f.column]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
