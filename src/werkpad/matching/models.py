"""The ESCO taxonomy in the database, and the coach's decisions on match suggestions.

The taxonomy tables mirror :class:`werkpad.core.taxonomy.Taxonomy` one to one, keyed by ESCO URI,
so that :func:`werkpad.matching.taxonomy.taxonomy_from_db` can rebuild the core value exactly.
They are written only by ``werkpad import-esco`` (:mod:`werkpad.matching.taxonomy`), which bumps
:class:`TaxonomyVersion` whenever it changes anything: that row is the version stamp every process
checks before using its cached taxonomy and search index.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyVersion(models.Model):
    """One row per import that changed the stored taxonomy (the newest one is current)."""

    language = models.CharField(_("base language"), max_length=8)
    labels = models.JSONField(_("label languages"), default=list)
    counts = models.JSONField(_("counts"), default=dict)
    changes = models.JSONField(_("changes"), default=dict)
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("taxonomy version")
        verbose_name_plural = _("taxonomy versions")


class IscoGroup(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(_("code"), max_length=8, db_index=True)
    preferred_label = models.CharField(_("label"), max_length=300)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")

    def __str__(self) -> str:
        return f"{self.code} {self.preferred_label}"


class SkillGroup(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    preferred_label = models.CharField(_("label"), max_length=300)

    class Meta:
        ordering = ["code", "uri"]
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")

    def __str__(self) -> str:
        return self.preferred_label


class Occupation(models.Model):
    """An ESCO occupation; its labels in the base language are on the row, every language's
    labels (the base language included) in :class:`OccupationLabel`."""

    uri = models.CharField(max_length=200, unique=True)
    code = models.CharField(_("ESCO code"), max_length=40, blank=True)
    isco_group = models.CharField(_("ISCO-08 unit group"), max_length=8, blank=True)
    preferred_label = models.CharField(_("label"), max_length=300)
    alt_labels = models.JSONField(_("alternative labels"), default=list, blank=True)
    hidden_labels = models.JSONField(_("hidden labels"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.preferred_label


class OccupationLabel(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="label_set")
    language = models.CharField(_("language"), max_length=8)
    preferred_label = models.CharField(_("label"), max_length=300)
    alt_labels = models.JSONField(_("alternative labels"), default=list, blank=True)
    hidden_labels = models.JSONField(_("hidden labels"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("occupation label")
        verbose_name_plural = _("occupation labels")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "language"], name="unique_occupation_label"
            )
        ]


class Skill(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    preferred_label = models.CharField(_("label"), max_length=300)
    alt_labels = models.JSONField(_("alternative labels"), default=list, blank=True)
    hidden_labels = models.JSONField(_("hidden labels"), default=list, blank=True)
    skill_type = models.CharField(_("type"), max_length=40, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.preferred_label


class RelationType(models.TextChoices):
    ESSENTIAL = "essential", _("Essential")
    OPTIONAL = "optional", _("Optional")


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    relation_type = models.CharField(_("relation"), max_length=9, choices=RelationType.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="unique_occupation_skill")
        ]


class SkillBroader(models.Model):
    """The skill pillar hierarchy: a skill or skill group and a broader skill or skill group."""

    concept_uri = models.CharField(max_length=200)
    broader_uri = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("broader skill")
        verbose_name_plural = _("broader skills")
        constraints = [
            models.UniqueConstraint(
                fields=["concept_uri", "broader_uri"], name="unique_skill_broader"
            )
        ]


class OccupationBroader(models.Model):
    """The occupation pillar: an occupation under an ISCO group or a parent occupation."""

    concept_uri = models.CharField(max_length=200)
    broader_uri = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("broader occupation")
        verbose_name_plural = _("broader occupations")
        constraints = [
            models.UniqueConstraint(
                fields=["concept_uri", "broader_uri"], name="unique_occupation_broader"
            )
        ]


# --- decisions on suggestions ---------------------------------------------------------------------


class Decision(models.TextChoices):
    SHORTLIST = "shortlist", _("Shortlisted")
    DISMISS = "dismiss", _("Dismissed")
    # The newcomer's own answer to a suggestion in the portal (``matching.newcomer``).
    INTERESTED = "interested", _("Interested (the newcomer)")
    NOT_INTERESTED = "not_interested", _("Not interested (the newcomer)")


COACH_DECISIONS = [(d.value, d.label) for d in (Decision.SHORTLIST, Decision.DISMISS)]


class DecisionActor(models.TextChoices):
    COACH = "coach", _("Coach")
    NEWCOMER = "newcomer", _("Newcomer")


class DecisionReason(models.TextChoices):
    GOOD_FIT = "good_fit", _("Good fit for the job")
    PARTICIPANT_WANTS = "participant_wants", _("The participant wants this job")
    NOT_INTERESTED = "not_interested", _("The participant does not want this job")
    SCHEDULE = "schedule", _("Hours or roster do not work out")
    TRAVEL = "travel", _("Travel is not feasible")
    REQUIREMENTS = "requirements", _("Does not meet the requirements")
    NOT_NOW = "not_now", _("Not the right moment")
    OTHER = "other", _("Other")


class MatchDecision(models.Model):
    """A coach's decision on one suggestion, with the score and explanation as shown then.

    Nothing is decided automatically: a suggestion becomes a shortlist entry only through a
    decision (see :func:`werkpad.matching.actions.decide`).
    """

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="match_decisions"
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy", on_delete=models.CASCADE, related_name="match_decisions"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    actor = models.CharField(
        _("decided by"), max_length=10, choices=DecisionActor.choices, default=DecisionActor.COACH
    )
    reason_code = models.CharField(_("reason"), max_length=20, choices=DecisionReason.choices)
    reason = models.TextField(_("explanation"), blank=True)
    score = models.FloatField(_("score shown"))
    shown = models.JSONField(
        _("suggestion as shown"),
        default=dict,
        help_text=_("Score, components, exclusions and plan steps as the coach saw them."),
    )
    weights_version = models.CharField(_("weights version"), max_length=40)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        indexes = [models.Index(fields=["participant", "vacancy", "created_at"])]


# --- label vectors of the multilingual search -------------------------------------------------------


class EmbeddingKind(models.TextChoices):
    OCCUPATION = "occupation", _("Occupation labels")
    SKILL = "skill", _("Skill labels")


class TaxonomyEmbedding(models.Model):
    """The sentence-encoder vectors of the taxonomy's labels, one row per kind.

    Written by ``werkpad import-esco`` in the same transaction as the taxonomy (see
    :func:`werkpad.matching.taxonomy.store_embeddings`); ``vectors`` is a numpy ``.npy`` array of
    float16 unit vectors, row ``i`` for ``texts[i]``. Processes load it, they never recompute it.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=EmbeddingKind.choices, unique=True)
    encoder = models.CharField(_("encoder"), max_length=100)
    texts = models.JSONField(_("texts"), default=list)
    vectors = models.BinaryField(_("vectors"))
    created_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("taxonomy embedding")
        verbose_name_plural = _("taxonomy embeddings")

    def __str__(self) -> str:
        return f"{self.kind} ({len(self.texts)}, {self.encoder})"


# --- learned component weights ------------------------------------------------------------------


class WeightStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("In use")
    RETIRED = "retired", _("Reverted")


class WeightSet(models.Model):
    """A set of component weights of the matcher: proposed by ``werkpad fit-weights`` and only
    used after an administrator adopts it (:mod:`werkpad.matching.weights`). The newest adopted
    set is in use; reverting retires it, so the one adopted before (or the built-in defaults)
    is in use again. Adoption and reversal are written to the access log."""

    weights = models.JSONField(_("weights"), default=dict)
    version = models.CharField(_("weights version"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=WeightStatus.choices, default=WeightStatus.PROPOSED
    )
    fit = models.JSONField(_("fit"), default=dict, help_text=_("Held-out AUC before and after."))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    retired_at = models.DateTimeField(_("reverted"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")

    def __str__(self) -> str:
        return f"#{self.pk} {self.version} ({self.get_status_display()})"


# --- skills from the newcomer's story ------------------------------------------------------------


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested, not checked")
    CONFIRMED = "confirmed", _("Confirmed by the coach")
    REJECTED = "rejected", _("Rejected by the coach")


class SkillSuggestion(models.Model):
    """An ESCO skill suggested from the participant's own story, with the sentence that supports
    it. Only a coach's confirmation lets it enter matching (:mod:`werkpad.matching.adapters`)."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="skill_suggestions"
    )
    skill_uri = models.CharField(_("skill (ESCO)"), max_length=200)
    skill_label = models.CharField(_("skill"), max_length=300)
    sentence = models.TextField(_("supporting sentence"))
    score = models.FloatField(_("similarity"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUGGESTED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("skill suggestion")
        verbose_name_plural = _("skill suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "skill_uri"], name="unique_skill_suggestion"
            )
        ]


class VacancyPoolVersion(models.Model):
    """One row whose ``version`` the database itself changes (triggers, see migration 0006) on
    every insert, update or delete of a vacancy, employer, employer location, organisation or
    municipality: everything a pooled core vacancy is made of (:mod:`werkpad.matching.pool`).

    A new random value each time (never a counter), so that a rolled-back change or an emptied
    table can never bring back a value a process already holds for other data."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.CharField(max_length=40)
