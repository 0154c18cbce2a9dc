"""The tamper-evident access log: entries chained by hashes, sealed in blocks, anchored outside.

Design (see docs/security.md, "Audit trail"):

* Requests only *append* (one bulk insert per request, :mod:`werkpad.audit.log`); nothing in the
  request path reads or locks the chain head, so requests never wait for each other.
* ``werkpad seal-audit`` (run by a scheduler, e.g. every five minutes) chains the entries that
  arrived since the last seal, in id order, and stores one :class:`ChainLink` per entry::

      pseudonym = HMAC-SHA256(person key, participant number)     ("" without a participant)
      digest    = SHA256(id | time | user id | action | what | pseudonym)
      chain     = SHA256(previous chain | digest)

  The block's last chain value becomes a :class:`Seal`, and the seal is appended to the anchor
  file (``WERKPAD_AUDIT_ANCHOR_FILE``), a line of JSON with an HMAC under the secret key, so the
  anchor lives outside the database and cannot be forged without the key. Entries younger than
  a grace period (default 60 s) wait for the next seal: a request's insert may commit after a
  later id has committed (PostgreSQL sequences), and an entry must not be skipped.
* The person's key (:class:`PersonKey`) lives in its own table. Erasure deletes it: the stored
  pseudonym then links to nobody, and the chain, which covers the pseudonym, still verifies.
* ``werkpad verify-audit`` recomputes every link and compares the chain with the seals and the
  anchors; it names the first broken entry (altered, deleted, or inserted after sealing).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AccessLogEntry, ChainLink, PersonKey, Seal

GENESIS = "0" * 64
BATCH = 2000


def _key_for(number: str, keys: dict[str, bytes], create: bool) -> bytes | None:
    key = keys.get(number)
    if key is None and create:
        obj, _created = PersonKey.objects.get_or_create(
            participant_number=number, defaults={"key": secrets.token_bytes(32)}
        )
        key = keys[number] = bytes(obj.key)
    return key


def pseudonym(key: bytes, number: str) -> str:
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()


def digest(entry: AccessLogEntry, user_id: int | None, pseudo: str) -> str:
    at = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    parts = [str(entry.pk), at, "" if user_id is None else str(user_id), entry.action]
    parts += [entry.what, pseudo]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def link(previous: str, entry_digest: str) -> str:
    return hashlib.sha256(f"{previous}{entry_digest}".encode()).hexdigest()


def _anchor_path() -> Path | None:
    path = getattr(settings, "AUDIT_ANCHOR_FILE", "")
    return Path(path) if path else None


def _anchor_mac(payload: dict[str, object]) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(settings.SECRET_KEY.encode(), body, hashlib.sha256).hexdigest()


def seal(now: datetime | None = None, grace_seconds: int = 60) -> Seal | None:
    """Chain the entries since the last seal (older than the grace period) and seal the block.

    Returns the new seal, or ``None`` when there was nothing to seal. Two seals at once cannot
    both succeed: the second fails on the unique chain links and changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        last = Seal.objects.select_for_update().order_by("-last_entry_id").first()
        previous = last.chain if last else GENESIS
        start = last.last_entry_id if last else 0
        entries = (
            AccessLogEntry.objects.filter(
                pk__gt=start, at__lt=now - timedelta(seconds=grace_seconds)
            )
            .order_by("pk")
            .only("pk", "at", "user_id", "action", "what", "participant_number")
        )
        keys = {k.participant_number: bytes(k.key) for k in PersonKey.objects.all()}
        links: list[ChainLink] = []
        count, last_id = 0, start
        for entry in entries.iterator(chunk_size=BATCH):
            number = entry.participant_number
            key = _key_for(number, keys, create=True) if number else None
            pseudo = pseudonym(key, number) if key else ""
            previous = link(previous, digest(entry, entry.user_id, pseudo))
            links.append(
                ChainLink(
                    entry_id=entry.pk, user_id=entry.user_id, pseudonym=pseudo, chain=previous
                )
            )
            count, last_id = count + 1, entry.pk
            if len(links) >= BATCH:
                ChainLink.objects.bulk_create(links)
                links = []
        if links:
            ChainLink.objects.bulk_create(links)
        if count == 0:
            return None
        new = Seal.objects.create(
            last_entry_id=last_id, entries=count, chain=previous, sealed_at=now
        )
        path = _anchor_path()
        if path is not None:
            payload: dict[str, object] = {
                "last_entry_id": last_id,
                "entries": count,
                "chain": previous,
                "sealed_at": now.astimezone(UTC).isoformat(),
            }
            line = json.dumps({**payload, "mac": _anchor_mac(payload)}, sort_keys=True)
            with path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        return new


@dataclass
class Report:
    checked: int = 0
    seals: int = 0
    anchors: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_broken(self) -> str | None:
        return self.problems[0] if self.problems else None


def read_anchors(path: Path, report: Report) -> dict[int, str]:
    anchors: dict[int, str] = {}
    if not path.exists():
        report.problems.append(f"anchor file {path} is missing")
        return anchors
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            payload = {k: data[k] for k in ("last_entry_id", "entries", "chain", "sealed_at")}
            mac = data["mac"]
        except (ValueError, KeyError, TypeError):
            report.problems.append(f"anchor line {number} is unreadable")
            continue
        if not hmac.compare_digest(str(mac), _anchor_mac(payload)):
            report.problems.append(f"anchor line {number} has a wrong signature")
            continue
        anchors[int(payload["last_entry_id"])] = str(payload["chain"])
    return anchors


def _entries(upto: int) -> Iterator[AccessLogEntry]:
    qs = AccessLogEntry.objects.filter(pk__lte=upto).order_by("pk")
    return qs.only("pk", "at", "user_id", "action", "what", "participant_number").iterator(
        chunk_size=BATCH
    )


def verify(anchor_file: Path | None = None) -> Report:
    """Check the whole sealed chain; the first problem names the first broken entry."""
    report = Report()
    path = anchor_file or _anchor_path()
    seals = {s.last_entry_id: s.chain for s in Seal.objects.all()}
    report.seals = len(seals)
    anchors = read_anchors(path, report) if path is not None else {}
    report.anchors = len(anchors)
    for last_id in anchors:
        if last_id not in seals:
            report.problems.append(f"anchor after entry {last_id} has no seal in the database")
    if not seals:
        return report
    upto = max(seals)
    keys = {k.participant_number: bytes(k.key) for k in PersonKey.objects.all()}
    entries = _entries(upto)
    pending = next(entries, None)
    previous = GENESIS
    for chain_link in ChainLink.objects.filter(entry_id__lte=upto).iterator(chunk_size=BATCH):
        while pending is not None and pending.pk < chain_link.entry_id:
            report.problems.append(f"entry {pending.pk} was inserted after sealing")
            pending = next(entries, None)
        if pending is None or pending.pk != chain_link.entry_id:
            report.problems.append(f"entry {chain_link.entry_id} was deleted")
            previous = chain_link.chain
            continue
        entry, pending = pending, next(entries, None)
        report.checked += 1
        problem = _entry_problem(entry, chain_link, keys)
        expected = link(previous, digest(entry, chain_link.user_id, chain_link.pseudonym))
        if problem is None and expected != chain_link.chain:
            problem = f"entry {entry.pk} was altered (its hash does not match the chain)"
        if problem:
            report.problems.append(problem)
        previous = chain_link.chain
        if entry.pk in seals and seals[entry.pk] != previous:
            report.problems.append(f"the seal after entry {entry.pk} does not match the chain")
        if entry.pk in anchors and anchors[entry.pk] != previous:
            report.problems.append(f"the anchor after entry {entry.pk} does not match the chain")
    while pending is not None:
        report.problems.append(f"entry {pending.pk} was inserted after sealing")
        pending = next(entries, None)
    if path is not None:
        for last_id in seals:
            if last_id not in anchors:
                report.problems.append(f"the seal after entry {last_id} is not in the anchor file")
    return report


def _entry_problem(
    entry: AccessLogEntry, chain_link: ChainLink, keys: dict[str, bytes]
) -> str | None:
    if entry.user_id is not None and entry.user_id != chain_link.user_id:
        return f"entry {entry.pk} was altered (user)"
    number = entry.participant_number
    if not number:
        return None
    key = keys.get(number)
    if key is None:
        return f"entry {entry.pk} names a person whose audit key was erased"
    if not hmac.compare_digest(pseudonym(key, number), chain_link.pseudonym):
        return f"entry {entry.pk} was altered (participant)"
    return None


def erase_person_key(number: str) -> int:
    """Destroy a person's audit key (part of erasure): the log's pseudonym links to nobody."""
    deleted, _ = PersonKey.objects.filter(participant_number=number).delete()
    return deleted
