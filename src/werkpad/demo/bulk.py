"""Writing many demo rows at once: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

The demo generator writes millions of rows (100,000 participants have about two million related
records, most of them aftercare check-ins). ``bulk_create`` sends them as batched
``INSERT ... RETURNING``; PostgreSQL's ``COPY ... FROM STDIN`` streams them in one command per
table and is several times faster on both ends. The primary keys the caller needs afterwards (for
foreign keys) are drawn beforehand from the table's own sequence (one ``nextval`` call for the
whole list), so the objects carry their ``pk`` exactly as after ``bulk_create``.

Two entries:

- :func:`write` takes model instances (like ``bulk_create``): it skips ``save()`` and signals;
  fields with ``auto_now``/``auto_now_add`` get their value through ``pre_save`` as in an insert,
  JSON through the field's encoder, everything else as the attribute holds it.
- :func:`write_rows` takes plain tuples for the named fields and fills every other field with its
  default (a fresh random UUID per row for a ``uuid4`` default), without building a model
  instance per row: the cheap path for the largest tables (aftercare check-ins).

On PostgreSQL both write COPY's text format themselves, in large chunks (a formatted line per row,
no per-value adaptation calls); the values are those Django would write: ``t``/``f``, ISO dates
and times, JSON text, ``\\N`` for NULL.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils.functional import Promise

BATCH = 1000
CHUNK = 1 << 20  # characters sent to COPY at a time

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UUID_RNG = random.SystemRandom()


def copy_text(value: Any) -> str:
    """One value in COPY's text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, int | Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Promise):  # a lazy translation
        return str(value).translate(_ESCAPES)
    raise TypeError(f"no COPY text for {type(value).__name__}")


def copy_json(field: models.JSONField) -> Callable[[Any], str]:
    encoder = field.encoder

    def convert(value: Any) -> str:
        if value is None and field.null:
            return "\\N"
        return json.dumps(value, cls=encoder).translate(_ESCAPES)

    return convert


def _is_auto(field: models.Field[Any, Any]) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def sequence_keys(cursor: Any, meta: Any, count: int) -> list[int]:
    pk = meta.pk
    if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        raise ValueError(f"{meta.label}: no key and no sequence to draw one from")
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, pk.column])
    (sequence,) = cursor.fetchone()
    cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
    return [value for (value,) in cursor.fetchall()]


def copy_lines(cursor: Any, table: str, columns: Sequence[str], lines: Iterable[str]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    raw = cursor.cursor  # the psycopg cursor under Django's wrapper
    with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
        buffer: list[str] = []
        size = 0
        for line in lines:
            buffer.append(line)
            size += len(line)
            if size >= CHUNK:
                copy.write("".join(buffer))
                buffer, size = [], 0
        if buffer:
            copy.write("".join(buffer))


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
    connection.ensure_connection()
    with connection.cursor() as cursor:
        missing = [o for o in objs if o.pk is None]
        if missing:
            for obj, value in zip(missing, sequence_keys(cursor, meta, len(missing)), strict=True):
                obj.pk = value
        fields = [f for f in meta.concrete_fields if f.column]
        getters: list[Callable[[Any], str]] = []
        for f in fields:
            if isinstance(f, models.JSONField):
                to_json = copy_json(f)
                getters.append(lambda o, a=f.attname, c=to_json: c(getattr(o, a)))
            elif _is_auto(f):
                getters.append(lambda o, f=f: copy_text(f.pre_save(o, True)))
            elif isinstance(f, models.CharField | models.TextField) and not f.null:
                # The common case first: a plain string (anything else still goes through copy_text).
                getters.append(
                    lambda o, a=f.attname: (
                        v.translate(_ESCAPES) if type(v := getattr(o, a)) is str else copy_text(v)
                    )
                )
            else:
                getters.append(lambda o, a=f.attname: copy_text(getattr(o, a)))
        copy_lines(
            cursor,
            meta.db_table,
            [f.column for f in fields],
            ("\t".join([g(obj) for g in getters]) + "\n" for obj in objs),
        )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def write_rows(
    model: type[models.Model],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    keys: bool = False,
    batch_size: int = BATCH,
) -> list[int]:
    """Insert ``rows`` (tuples of the values of the fields ``names``, foreign keys by ``*_id``).

    Every other concrete field gets its default. Returns the new primary keys (in row order) when
    ``keys`` is true, else an empty list.
    """
    if not rows:
        return []
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    given = [by_attname[n] if n in by_attname else meta.get_field(n) for n in names]
    # The other fields; an automatic key is drawn here (``keys``) or left to the column's default.
    rest = [f for f in meta.concrete_fields if f not in given and f.column and f is not meta.pk]
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip([f.attname for f in given], row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return [o.pk for o in objs] if keys else []
    # Defaults of the other fields: once, as text; a fresh value per row only for uuid4.
    fixed: list[str] = []
    fresh: list[Callable[[], str]] = []
    for f in rest:
        if f.default is uuid.uuid4:
            fresh.append(lambda: str(uuid.UUID(int=_UUID_RNG.getrandbits(128), version=4)))
            continue
        value = f.pre_save(model(), True) if _is_auto(f) else f.get_default()
        fixed.append(copy_json(f)(value) if isinstance(f, models.JSONField) else copy_text(value))
    converters: list[Callable[[Any], str]] = [
        copy_json(f) if isinstance(f, models.JSONField) else copy_text for f in given
    ]
    tail = "\t".join(fixed)
    new_keys: list[int] = []
    connection.ensure_connection()
    with connection.cursor() as cursor:
        columns = [f.column for f in given]
        if keys:
            new_keys = sequence_keys(cursor, meta, len(rows))
            assert meta.pk is not None
            columns = [meta.pk.column, *columns]
        columns += [f.column for f in rest if f.default is uuid.uuid4]
        columns += [f.column for f in rest if f.default is not uuid.uuid4]

        def lines() -> Iterable[str]:
            for n, row in enumerate(rows):
                parts = [c(v) for c, v in zip(converters, row, strict=True)]
                if keys:
                    parts.insert(0, str(new_keys[n]))
                parts += [make() for make in fresh]
                if tail:
                    parts.append(tail)
                yield "\t".join(parts) + "\n"

        copy_lines(cursor, meta.db_table, columns, lines())
    return new_keys
