"""Lexical tense and clause cues for anchoring relative expressions, without a parser.

`clause_tense(text, start, end)` says whether the clause around an expression is told in the past or the
future (None when nothing tells). A clause runs from the previous boundary (sentence start, "que", a colon
or an opening quote) to the next; the verb form nearest to the expression decides. All patterns run on the
original text (accents tell a participle "é" from a plain "e", "à" from "a").
"""

from __future__ import annotations

import functools
import re

from . import lexicon

# Auxiliaries of compound past tenses (passé composé, plus-que-parfait, passé antérieur), then up to three
# adverbs, then a past participle. "est/sont + participle" is a past only for verbs conjugated with être
# or reflexive ones ("s'est tenu"); otherwise it is a passive present ("le festival est organisé").
_AUX_AVOIR = r"ai|as|a|avons|avez|ont|avait|avaient|avais|avions|aviez|eut|eurent"
_AUX_ETRE_PAST = r"était|étaient|étais|fut|furent"
_AUX_ETRE = r"suis|es|est|sommes|êtes|sont"
_ETRE_VERBS = (
    r"(?:all|venu|revenu|parvenu|intervenu|survenu|devenu|redevenu|advenu|arriv|parti|reparti|n|mort|décéd|"
    r"tomb|rest|entr|rentr|sorti|ressorti|retourn|mont|remont|descendu|redescendu|pass|apparu|disparu|"
    r"réapparu|accouru|convenu)(?:é|ée|és|ées|e|es|s)?"
)
_ADVERBS = (
    r"pas|plus|jamais|déjà|été|bien|aussi|encore|toujours|ainsi|notamment|finalement|également|enfin|alors|"
    r"d'abord|longtemps|même|tout|très|rapidement|vite|immédiatement|aussitôt|récemment|pourtant|donc|"
    r"officiellement|brutalement|grièvement|légèrement|sévèrement|triomphalement|définitivement|"
    r"largement|mortellement|violemment|sérieusement|discrètement|clairement|formellement"
)
_PARTICIPLE = r"\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes|eint|einte|aint|ainte|ort|orte|os|ous)"
# Words after "a"/"est" that look like participles but are not ("a lieu", "est ici").
_NOT_AFTER_AUX = r"lieu|ici|midi|parmi|merci|souci|défi|abri|pari|aussi|ainsi|lui|celui|tous|plus|nous|vous"
_ADV3 = rf"(?:(?:{_ADVERBS})\s+){{0,3}}"
_PTCP = rf"(?!(?:{_ADVERBS}|{_NOT_AFTER_AUX})\b){_PARTICIPLE}\b"
_PAST = re.compile(
    rf"\b(?:{_AUX_AVOIR})(?:(?:-t)?-(?:il|elle|ils|elles|on))?\s+{_ADV3}{_PTCP}"
    rf"|\b(?:s['\u2019]|se\s|m['\u2019]|me\s|t['\u2019]|te\s|nous\s|vous\s)\s*(?:{_AUX_ETRE}|{_AUX_ETRE_PAST})\s+{_ADV3}{_PTCP}"
    rf"|\b(?:{_AUX_ETRE_PAST})\s+{_ADV3}{_PTCP}"
    rf"|\b(?:{_AUX_ETRE})\s+{_ADV3}{_ETRE_VERBS}\b"
    # imperfect (not a conditional: -erait, -rrait, -drait... are futures in the past)
    r"|\b(?!(?:\w*(?:er|rr|dr|ettr|aur|ser|fer|ir|ur|vr)ai(?:t|ent)\b))\w{2,}(?:ait|aient)\b"
    r"|\b(?:était|étaient|avait|avaient)\b"
    # passe simple, frequent in news
    r"|\b\w{2,}èrent\b|\b(?:fut|furent|fit|firent|eut|eurent|vint|vinrent|prit|prirent|mit|mirent|dut|durent)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    # futur simple and conditional (also futur anterieur: sera/aura + participle)
    r"\b(?!(?:front|affront|marront|girond)\b)\w{2,}(?:erai|eras|era|erons|erez|eront|irai|ira|irons|iront|"
    r"drai|dra|drons|dront|rrai|rra|rrons|rront|vra|vront|tra|tront|ura|uront)\b"
    r"|\b(?:sera|seront|serai|serons|aura|auront|ira|iront|fera|feront)\b"
    r"|\b\w*(?:erai|rrai|drai|ettrai|aurai|serai|ferai|devrai|pourrai|voudrai)(?:t|ent)\b"
    # aller / devoir / compter + infinitive, planned events
    r"|\b(?:va|vont|vais|allons|allez|doit|doivent|devra|devront|compte|comptent|entend|entendent|prévoit|"
    r"prévoient|envisage|envisagent|souhaite|souhaitent|veut|veulent|espère|espèrent)\s+(?:(?:se|s'|y|en|le|la|les|lui|leur|ne|pas|bien|aussi|également|probablement|certainement)\s*)*\w+(?:er|ir|re|oir)\b"
    r"|\b(?:prévue?s?|programmée?s?|attendue?s?|reportée?s?|repoussée?s?|envisagée?s?|planifiée?s?|"
    r"à venir|aura lieu|auront lieu|rendez-vous|se tiendra|se tiendront)\b"
    # announced events in the present ("la fête a lieu samedi"), passive subjunctive ("avant que ... soit rendu")
    r"|\b(?:a lieu|ont lieu|se tient|se tiennent|se déroule|se déroulent|est organisée?|sont organisée?s|est fixée?|sont fixée?s)\b"
    rf"|\b(?:soit|soient)\s+{_ADV3}{_PTCP}",
    re.IGNORECASE,
)
# A participle standing alone just before the expression ("Reelu dimanche", "Interpelles des mardi soir").
_PARTICIPLE_TAIL = r"(\w+(?:é|ée|és|ées|u|ue|us|ues|is|ie|ies))\s+(?:(?:" + _ADVERBS + r"|dès|depuis)\s+)?$"
_BARE_PARTICIPLE = re.compile(
    r"(?:[.;:!?,\n]\s*|\b(?:et|puis|avant d'être|après avoir été)\s+)" + _PARTICIPLE_TAIL, re.IGNORECASE
)
_CLAUSE_PARTICIPLE = re.compile(r"^\s*" + _PARTICIPLE_TAIL, re.IGNORECASE)
_NOT_PARTICIPLE = {
    "journée",
    "année",
    "armée",
    "société",
    "entrée",
    "idée",
    "musée",
    "lycée",
    "été",
    "côté",
    "santé",
    "cité",
    "nous",
    "vous",
    "plus",
    "sous",
    "tous",
    "les",
    "des",
    "mes",
    "ses",
    "ces",
    "lieu",
    "jeu",
    "feu",
    "peu",
    "dieu",
    "neveu",
    "aveu",
    "voeu",
    "vœu",
    "bleu",
    "mardi",
    "lundi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "midi",
    "ami",
    "parti",
    "pays",
    "prix",
}
_BOUNDARY = re.compile(r"\bqu'|\bque\b|\bqui\b|:|[«\u201c\"]|[.!?;](?=\s|$)|\n")
_NE = re.compile(r"\bn(?:e\b|')", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\u00ab\"(\[]|\s*$)|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (start, end)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def clause_bounds(text: str, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int]:
    """The clause of an expression inside its sentence: between the nearest boundaries before and after.

    The "que" of "ne ... que" (only) is no boundary.
    """
    lo, hi = sent
    for m in _BOUNDARY.finditer(text, lo, hi):
        if m.group().lower().startswith("qu") and _NE.search(text, lo if m.end() <= start else lo, m.start()):
            continue
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


@functools.lru_cache(maxsize=1)
def _reporting_re() -> re.Pattern[str]:
    stems = sorted({lexicon.fold(s) for s in lexicon.load()["reporting_stems"]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE)


def has_reporting_verb(text: str) -> bool:
    """Does this stretch of text hold a verb of saying or thinking?"""
    return _reporting_re().search(lexicon.fold_text(text)) is not None


def _nearest(text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    best: tuple[int, str] | None = None
    for regex, label in ((_PAST, "past"), (_FUTURE, "future")):
        for m in regex.finditer(text, lo, hi):
            if m.start() < end and m.end() > start:
                continue  # the expression itself
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0] or (distance == best[0] and label == "future"):
                best = (distance, label)
    return best[1] if best else None


def clause_tense(text: str, start: int, end: int, bounds: tuple[int, int]) -> str | None:
    """'past', 'future' or None for the expression text[start:end] in the clause `bounds`: a participle
    just before the expression, else the verb form nearest to it in the clause."""
    lo, hi = bounds
    m = _BARE_PARTICIPLE.search(text[max(lo, start - 60) : start]) or _CLAUSE_PARTICIPLE.match(text[lo:start])
    if m and m.group(1).lower() not in _NOT_PARTICIPLE and not _FUTURE.fullmatch(m.group(1)):
        return "past"  # "Réélu dimanche", "Les négociations, entamées fin octobre, ..."
    return _nearest(text, start, end, lo, hi)


def sentence_tense(text: str, start: int, end: int, sent: tuple[int, int]) -> str | None:
    """Weaker cue: the verb form nearest to the expression anywhere in its sentence."""
    return _nearest(text, start, end, sent[0], sent[1])
