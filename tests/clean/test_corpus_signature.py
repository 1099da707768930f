"""CorpusStats.signature: the store reuses a cleaned article only while what cleaning reads from the corpus holds."""

from __future__ import annotations

from recoupe.clean import CorpusStats

PAGE = "Le Journal de Test\nUn long paragraphe d'article qui raconte quelque chose de précis et de daté.\nMentions légales\n"
OTHER = "Un autre site\nUne autre histoire sans rapport, racontée en une phrase assez longue pour compter.\n"


def test_unrelated_documents_do_not_change_the_signature():
    a = CorpusStats.from_texts([PAGE, OTHER])
    b = CorpusStats.from_texts([PAGE, OTHER, OTHER.replace("autre", "troisième")])
    assert a.signature(PAGE) == b.signature(PAGE)


def test_every_change_in_a_repeated_lines_count_changes_the_signature():
    footer_pages = [f"Page {i}\nTexte numéro {i} d'une histoire différente.\nMentions légales\n" for i in range(8)]
    seen = {CorpusStats.from_texts([PAGE, *footer_pages[:n]]).signature(PAGE) for n in range(1, 9)}
    assert len(seen) == 8  # 2, 3, ... 9 pages carry the footer: each count can change the decision or its reason
