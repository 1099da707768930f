"""Publication dates the page prints only in part: without a year, as an age ('il y a 3 heures'), in a wire
dateline; inferred dates and their not_before (photo captions count as dated facts)."""

from __future__ import annotations

import datetime as dt

from recoupe.clean import clean_document
from recoupe.ingest.base import RawDocument

TODAY = dt.date(2025, 6, 1)

BODY = (
    "Le conseil départemental a voté jeudi une aide exceptionnelle pour les agriculteurs touchés par la grêle, "
    "qui a ravagé plusieurs centaines d'hectares de vignes et de vergers en quelques minutes.\n"
    "Les exploitants pourront déposer leur dossier en ligne pendant deux mois ; l'aide pourra atteindre "
    "5 000 euros par exploitation, selon le président de l'assemblée, qui promet des versements rapides.\n"
    "Les syndicats agricoles saluent un geste utile mais jugent le montant insuffisant au regard des pertes, "
    "estimées à plusieurs millions d'euros pour l'ensemble du département.\n"
)
TITLE = "Grêle : une aide d'urgence votée pour les agriculteurs sinistrés"


def _page(head: str, body: str = BODY, foot: str = "Mentions légales\n") -> object:
    text = "Le Journal du Val\nAccueil\nRégion\nÉconomie\n" + TITLE + "\n" + head + body + "Partager\n" + foot
    doc = RawDocument(source="t.txt", data=text.encode(), text=text, format="text")
    return clean_document(doc, today=TODAY)


def test_yearless_published_takes_the_year_of_the_update_beside_it():
    art = _page("Publié le 28 juin à 17h45 · Mis à jour le 29/06/2023 à 09h10\n")
    assert art.title == TITLE
    assert art.published.basis == "stated"
    assert art.published.value == "2023-06-28T17:45:00" and art.published.updated is False


def test_yearless_published_before_a_new_year_update_is_in_the_previous_year():
    art = _page("Publié le 31 décembre à 18h00, mis à jour le 02/01/2024 à 08h00\n")
    assert art.published.value == "2023-12-31T18:00:00" and art.published.basis == "stated"


def test_yearless_with_a_copyright_year_is_inferred():
    art = _page("Publié le 11 mai à 14h\n", foot="© 2024 Le Journal du Val. Tous droits réservés.\n")
    assert art.published.basis == "inferred"
    assert art.published.value == "2024-05-11T14:00:00"
    assert "Publié le 11 mai" not in art.text


def test_yearless_without_any_year_evidence_gives_no_precise_date():
    art = _page("Publié le 11 mai à 14h\n")
    assert art.published.basis == "unknown" and art.published.value is None


def test_yearless_never_earlier_than_a_dated_fact():
    body = (
        BODY
        + "Une réunion de suivi s'est tenue le 3 septembre 2024 à la préfecture avec les maires concernés.\n"
    )
    art = _page("Publié le 11 mai à 14h\n", body=body, foot="© 2024 Le Journal du Val\n")
    assert art.published.basis == "inferred"
    assert art.published.value >= art.published.not_before == "2024-09-03"


def test_relative_age_is_not_a_date():
    art = _page("il y a 3 heures\n")
    assert art.title == TITLE
    assert art.published.basis == "unknown" and art.published.value is None
    assert "il y a 3 heures" not in art.text


def test_relative_age_does_not_stop_inference_from_the_text():
    body = (
        BODY
        + "Un premier épisode de grêle avait déjà touché la vallée en juillet 2024, puis le 14 août 2024.\n"
    )
    art = _page("Mis à jour il y a 2 heures\n", body=body)
    assert art.title == TITLE
    # a day beats the month it falls in: the text says the 14th of August at the latest
    assert art.published.basis == "inferred" and art.published.not_before == "2024-08-14"
    assert art.published.value == "2024-08-14"


def test_caption_date_counts_for_not_before():
    caption = "Des grêlons gros comme des balles de golf, le 18 mai 2025 près de la ferme. Photo Jean Martin / AFP\n"
    art = _page("", body=BODY.replace("\n", "\n" + caption, 1))
    assert caption.strip() not in art.text
    assert art.published.basis == "inferred"
    assert art.published.not_before == "2025-05-18" and art.published.value == "2025-05-18"
    assert art.published.evidence is None  # the caption is not in the cleaned text


def test_wire_dateline_dates_the_story():
    body = "LYON, 7 mars 2024 (AFP) - " + BODY
    art = _page("", body=body)
    assert art.published.basis == "stated" and art.published.value == "2024-03-07"
    assert art.wire == "AFP"


def test_standfirst_under_the_title_is_kept():
    chapo = "Les élus ont débloqué deux millions d'euros, une première depuis la création du fonds il y a dix ans.\n"
    art = _page(chapo + "Par Anne Roy\nPublié le 12/06/2024 à 18h00\n")
    assert chapo.strip() in art.text
    assert "Par Anne Roy" not in art.text
    assert art.published.value == "2024-06-12T18:00:00"


def test_author_box_after_the_text_goes():
    bio = "Anne Roy est journaliste au service économie depuis 2015. Elle suit l'agriculture et l'environnement.\n"
    art = _page("Publié le 12/06/2024\n", body=BODY + "À propos de l'auteur\n" + bio)
    assert "Les syndicats agricoles saluent" in art.text
    assert "est journaliste au service" not in art.text


def test_yearless_update_after_a_new_year():
    art = _page("Publié le 28/12/2023 à 18h00, mis à jour le 2 janvier à 9h\n")
    assert art.published.value == "2023-12-28T18:00:00" and art.published.updated is False


def test_yearless_year_from_a_full_date_elsewhere_on_the_page():
    foot = "Dernières infos\nLe 10/03/2023 - Handball : les filles en demi-finale\n"
    art = _page("Publié le mardi 14 mars à 09h30\n", foot=foot)
    assert art.published.basis == "inferred" and art.published.value == "2023-03-14T09:30:00"


def test_date_in_a_head_line_of_fields():
    art = _page("12 juillet 2022 | Par Jean Roy | Blog : Le blog de Jean Roy\n")
    assert art.title == TITLE
    assert art.published.basis == "stated" and art.published.value == "2022-07-12"
