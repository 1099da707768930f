"""Quotes across articles: speakers become entity ids, the same words are linked, conflicting attributions flagged.

Entities are built by hand (invented people) so that the test does not depend on the entity resolver.
"""

from __future__ import annotations

from recoupe.model import Article, Entity, EntityMention, Published, Quote, Span
from recoupe.resolve.quotes import assign_speakers, candidate_pairs, link_quotes, normalise

ART_A = "« Nous fermerons la maternité de Valmont à la fin de l'année, faute de médecins », a déclaré Louise Arnaud."
ART_B = (
    "“Nous fermerons la maternité de Valmont à la fin de l’année faute de médecins”, a affirmé Henri Sautel, "
    "directeur de l'agence régionale de santé."
)
ART_C = (
    "« Nous fermerons la maternité de Valmont à la fin de l'année, faute de médecins », a répété Mme Arnaud."
)
ART_D = "« Les travaux de la piscine commenceront en septembre », a annoncé Louise Arnaud."


def _article(aid: str, text: str) -> Article:
    return Article(
        id=aid,
        source=f"{aid}.txt",
        title=None,
        language="fr",
        published=Published(None, "unknown"),
        text=text,
    )


def _quote(article: Article, words: str, speaker: str) -> Quote:
    """A direct quote record as the extractor gives it (speaker_span = the speaker's name in the text)."""
    text = article.text
    norm = text.replace("’", "'")
    a = norm.index(words.replace("’", "'")[:20])
    b = a + len(words)
    s = text.index(speaker)
    return Quote(
        id=f"q_{article.id}",
        article=article.id,
        start=a,
        end=b,
        text=text[a:b],
        kind="direct",
        speaker=None,
        speaker_span=Span(article.id, s, s + len(speaker), speaker),
    )


def _entities(articles: dict[str, Article]) -> list[Entity]:
    def mention(aid: str, name: str) -> EntityMention:
        t = articles[aid].text
        s = t.index(name)
        return EntityMention(aid, s, s + len(name), name, "PER")

    arnaud = Entity(
        id="ent_arnaud",
        name="Louise Arnaud",
        type="PER",
        aliases=["Louise Arnaud", "Mme Arnaud", "Arnaud"],
        mentions=[mention("a", "Louise Arnaud"), mention("c", "Mme Arnaud"), mention("d", "Louise Arnaud")],
    )
    sautel = Entity(
        id="ent_sautel",
        name="Henri Sautel",
        type="PER",
        aliases=["Henri Sautel"],
        mentions=[mention("b", "Henri Sautel")],
    )
    valmont = Entity(
        id="ent_valmont",
        name="Valmont",
        type="LOC",
        aliases=["Valmont"],
        mentions=[mention("a", "Valmont"), mention("b", "Valmont")],
    )
    return [arnaud, sautel, valmont]


def _setup():
    arts = {k: _article(k, t) for k, t in {"a": ART_A, "b": ART_B, "c": ART_C, "d": ART_D}.items()}
    words_a = "Nous fermerons la maternité de Valmont à la fin de l'année, faute de médecins"
    words_b = "Nous fermerons la maternité de Valmont à la fin de l’année faute de médecins"
    qa = _quote(arts["a"], words_a, "Louise Arnaud")
    qb = _quote(arts["b"], words_b, "Henri Sautel")
    qc = _quote(arts["c"], words_a, "Mme Arnaud")
    qd = _quote(arts["d"], "Les travaux de la piscine commenceront en septembre", "Louise Arnaud")
    return arts, [qa, qb, qc, qd]


def test_quote_records_point_into_their_articles():
    arts, quotes = _setup()
    for q in quotes:
        assert arts[q.article].text[q.start : q.end] == q.text


def test_assign_speakers_by_mention_overlap_and_alias():
    arts, quotes = _setup()
    assign_speakers(quotes, _entities(arts))
    assert [q.speaker for q in quotes] == ["ent_arnaud", "ent_sautel", "ent_arnaud", "ent_arnaud"]
    # no mention at the span: the alias decides
    q = Quote(
        id="q_x",
        article="zz",
        start=0,
        end=5,
        text="xxxxx",
        kind="direct",
        speaker=None,
        speaker_span=Span("zz", 10, 16, "Arnaud"),
    )
    assign_speakers([q], _entities(arts))
    assert q.speaker == "ent_arnaud"
    q2 = Quote(id="q_y", article="zz", start=0, end=5, text="xxxxx", kind="direct", speaker="stale")
    assign_speakers([q2], _entities(arts))
    assert q2.speaker is None


def test_same_words_different_speakers_are_flagged():
    arts, quotes = _setup()
    assign_speakers(quotes, _entities(arts))
    conflicts = link_quotes(quotes)
    qa, qb, qc, qd = quotes
    # a and b: lightly different punctuation and apostrophes, different people -> conflict
    assert qb.id in qa.same_as and qa.id in qb.same_as
    assert qa.conflict and qb.conflict and qc.conflict
    pairs = {tuple(c.items) for c in conflicts}
    assert tuple(sorted([qa.id, qb.id])) in pairs
    assert tuple(sorted([qc.id, qb.id])) in pairs
    assert all(c.kind == "attribution" and c.id.startswith("conf_") for c in conflicts)
    # a and c: same words, same speaker -> linked, no conflict between them
    assert qc.id in qa.same_as
    assert tuple(sorted([qa.id, qc.id])) not in pairs
    # d says other words: no link
    assert not qd.same_as and not qd.conflict


def test_same_speaker_only_links():
    arts, quotes = _setup()
    qa, _, qc, _ = quotes
    assign_speakers([qa, qc], _entities(arts))
    assert link_quotes([qa, qc]) == []
    assert qa.same_as == [qc.id] and qc.same_as == [qa.id]
    assert not qa.conflict and not qc.conflict


def _inner(aid: str, text: str, qid: str, speaker: str, kind: str = "direct") -> Quote:
    """The words between the quote marks of `text`."""
    a, b = text.index("« ") + 2, text.index(" »")
    return Quote(id=qid, article=aid, start=a, end=b, text=text[a:b], kind=kind, speaker=speaker)


def test_reworded_and_contained_quotes_match():
    qa = _inner(
        "x",
        "« Nous exigeons que la ligne de bus soit rétablie avant l'hiver pour tous les villages », a dit "
        "Paul Ober.",
        "qa",
        "p1",
    )
    qb = _inner(
        "y",
        "Selon Marc Vial, il faut « que la ligne de bus soit rétablie avant l'hiver pour tous les "
        "villages ».",
        "qb",
        "p2",
        "partial",
    )
    qc = _inner(
        "z",
        "« Nous exigeons que la ligne de bus soit remise en service avant l'hiver pour tous les "
        "villages », dit-il.",
        "qc",
        "p1",
    )
    assert all(q.text.endswith("villages") for q in (qa, qb, qc))
    conflicts = link_quotes([qa, qb, qc])
    assert "qb" in qa.same_as  # the shorter quote inside the longer one
    assert "qc" in qa.same_as  # light rewording
    assert {tuple(c.items) for c in conflicts} >= {("qa", "qb")}


def test_short_common_phrases_never_conflict():
    a = Quote(id="q1", article="x", start=0, end=17, text="tout son possible", kind="partial", speaker="p1")
    b = Quote(id="q2", article="y", start=0, end=17, text="tout son possible", kind="partial", speaker="p2")
    assert link_quotes([a, b]) == []
    assert a.same_as == ["q2"] and not a.conflict


def test_blocking_skips_unrelated_quotes():
    qs = [
        Quote(
            id=f"q{i}",
            article=f"a{i}",
            start=0,
            end=10,
            text=f"mot{i} autre{i} encore{i} texte{i}",
            kind="direct",
            speaker=None,
        )
        for i in range(50)
    ]
    assert candidate_pairs(qs) == set()
    assert normalise("« L’Été, déjà ! »") == "l ete deja"
