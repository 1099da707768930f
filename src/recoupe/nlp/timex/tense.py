"""Lexical tense and clause cues for anchoring relative expressions, without a parser.

`TextIndex(text, folded, lang)` answers, per expression and by bisection: `clause_tense` says whether the
clause around an expression is told in the past or the future (None when nothing tells); `announced` whether
a present-tense verb of a scheduled event ("le sommet s'ouvre jeudi") stands next to it. A clause runs from
the previous boundary (sentence start, "que", a colon or an opening quote) to the next; the verb form nearest
to the expression decides. All patterns run on the original text (accents tell a participle "é" from a
plain "e", "à" from "a").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

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
# English cues (lang="en"): simple past and perfect forms, "will"/"going to"/"due to" futures; clause and
# reported-speech boundaries at "that", "which", "who".
_PAST_EN = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|met|made|took|gave|got|saw|left|held|began|ran|won|lost|fell|"
    r"rose|became|found|thought|knew|wrote|spoke|sent|led|paid|brought|bought|kept|felt|stood|struck|fled|"
    r"sought|caught|fought|taught|built|spent|meant|heard|sold|shot|hid|drove|flew|threw|grew|drew|broke|chose|"
    r"froze|woke|wore|swore|tore|beat|bit|ate|sat|lay|rang|sang|sank|swam)\b"
    r"|\b(?!(?:need|speed|seed|feed|indeed|hundred|breed|greed|bleed|proceed|exceed|succeed|embed)\b)\w{2,}ed\b",
    re.IGNORECASE,
)
_FUTURE_EN = re.compile(
    r"\b(?:will|shall|won't)\b|\w'll\b|\b(?:is|are|am)\s+(?:going|due|expected|scheduled|set|slated)\s+to\b"
    r"|\b(?:plans?|intends?|hopes?)\s+to\b|\bupcoming\b",
    re.IGNORECASE,
)
_BOUNDARY_EN = re.compile(r"\bthat\b|\bwhich\b|\bwho\b|:|[\"\u201c]|[.!?;](?=\s|$)|\n", re.IGNORECASE)
_REPORT_BOUNDARY_EN = re.compile(r"\bthat\b|:\s*[\"\u201c]", re.IGNORECASE)
# Used by the anchoring of reported speech (see nlp/timex/__init__.py).
_REPORT_BOUNDARY = re.compile(r"\bqu'|\bque\b|:\s*[«\"\u201c]", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (start, end), contiguous from 0 to len(text)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@functools.lru_cache(maxsize=2)
def _reporting_re(lang: str = "fr") -> re.Pattern[str]:
    table = "reporting_stems_en" if lang == "en" else "reporting_stems"
    stems = sorted({lexicon.fold(s) for s in lexicon.load()[table]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE)


@functools.lru_cache(maxsize=2)
def _present_re(lang: str = "fr") -> re.Pattern[str]:
    """Present-tense forms of scheduled-event verbs (lexicon `present_event_verbs[_en]`), over folded text."""
    table = "present_event_verbs_en" if lang == "en" else "present_event_verbs"
    return re.compile(rf"\b{lexicon.alternation(lexicon.load()[table])}\b", re.IGNORECASE)


def has_reporting_verb(text: str) -> bool:
    """Does this stretch of text hold a verb of saying or thinking?"""
    return _reporting_re().search(lexicon.fold_text(text)) is not None


# A clause-initial participle ("Réélu dimanche") is at most a few words: past this many characters between
# the clause start and the expression, _CLAUSE_PARTICIPLE cannot match, so it is not tried.
_CLAUSE_PARTICIPLE_SPAN = 200


# The present verb must stand this close to the weekday (a few words) to announce it: further away, in a
# long verbless clause ("..., très faible samedi à Montpellier"), it says nothing about the weekday.
_ANNOUNCE_SPAN = 40


class _Spans:
    """Matches of one regex over the whole text, sorted, non-overlapping: nearest-match queries by bisection."""

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in matches:
            self.starts.append(m.start())
            self.ends.append(m.end())

    def last_ending_by(self, pos: int) -> int:
        """Index of the last match ending at or before pos (-1 when none)."""
        return bisect.bisect_right(self.ends, pos) - 1

    def first_starting_at(self, pos: int) -> int:
        """Index of the first match starting at or after pos (len when none)."""
        return bisect.bisect_left(self.starts, pos)

    def any_within(self, lo: int, hi: int) -> bool:
        """Is there a match inside [lo, hi)?"""
        i = self.first_starting_at(lo)
        return i < len(self.starts) and self.ends[i] <= hi


class TextIndex:
    """Everything the tense and anchoring cues need from one text, computed once per text.

    Each regex (past and future verb forms, clause boundaries, negations, reporting verbs, sentence ends)
    runs once over the whole text; every later question ("the verb form nearest to this expression in its
    clause", "a reporting verb between here and there") is a bisection. Per-expression rescans of the
    sentence made a sentence with thousands of expressions quadratic (a hostile or broken page).
    `steps` counts the elementary operations of the queries, for tests that check linear growth.
    """

    def __init__(self, text: str, folded: str, lang: str = "fr") -> None:
        self.text = text
        self.folded = folded
        self.steps = 0
        self._chars: dict[str, list[int]] = {}
        self.sentences = sentences(text)
        self._sentence_starts = [s for s, _ in self.sentences]
        en = lang == "en"
        self._past = _Spans((_PAST_EN if en else _PAST).finditer(text))
        self._future = _Spans((_FUTURE_EN if en else _FUTURE).finditer(text))
        self._present = _Spans(_present_re(lang if en else "fr").finditer(folded))
        self._ne = _Spans(() if en else _NE.finditer(text))
        self._reporting = _Spans(_reporting_re(lang).finditer(folded))
        self._report_boundary = _Spans((_REPORT_BOUNDARY_EN if en else _REPORT_BOUNDARY).finditer(text))
        self._clause_end = _Spans(_CLAUSE_END.finditer(text))
        self._boundaries(text, _BOUNDARY_EN if en else _BOUNDARY)
        self._participles = not en

    def _boundaries(self, text: str, regex: re.Pattern[str]) -> None:
        """Clause boundaries, each with whether it is a "que" and whether it counts, decided once per
        sentence from left to right: a "que" after a negation since the previous counted boundary is the
        "ne ... que" of restriction, no boundary."""
        bounds = _Spans(regex.finditer(text))
        self._bounds = bounds
        n = len(bounds.starts)
        self._is_que = [text[s : s + 2].lower() == "qu" for s in bounds.starts]
        self._counted = [True] * n
        # index of the next boundary that is no "que", for skipping runs of restrictive "que"s at once
        self._next_not_que = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            self._next_not_que[k] = k if not self._is_que[k] else self._next_not_que[k + 1]
        for lo, hi in self.sentences:
            prev = lo
            k = bounds.first_starting_at(lo)
            while k < n and bounds.ends[k] <= hi:
                if self._is_que[k] and self._ne.any_within(prev, bounds.starts[k]):
                    self._counted[k] = False
                else:
                    prev = bounds.ends[k]
                k += 1
        counted = [k for k in range(n) if self._counted[k]]
        self._counted_ends = [bounds.ends[k] for k in counted]
        self._counted_index = counted

    def sentence_of(self, pos: int) -> tuple[int, int]:
        self.steps += 1
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 else (0, len(self.text))

    def clause_bounds(self, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int]:
        """The clause of an expression inside its sentence: between the nearest boundaries before and after.

        The "que" of "ne ... que" (only) is no boundary.
        """
        self.steps += 1
        lo, hi = sent
        bounds = self._bounds
        i = bisect.bisect_right(self._counted_ends, start) - 1
        if i >= 0 and bounds.starts[self._counted_index[i]] >= lo:
            lo = self._counted_ends[i]
        k = bounds.first_starting_at(end)
        if k < len(bounds.starts) and self._is_que[k]:
            # a "que" after a negation standing between the clause start and it is restrictive; so are
            # all the "que"s after it up to the next boundary of another sort
            ne = self._ne.first_starting_at(lo)
            if ne < len(self._ne.starts) and self._ne.ends[ne] <= bounds.starts[k]:
                k = self._next_not_que[k]
        if k < len(bounds.starts) and bounds.ends[k] <= hi:
            hi = bounds.starts[k]
        return lo, hi

    def nearest_tense(self, start: int, end: int, lo: int, hi: int) -> str | None:
        """'past' or 'future': the verb form of [lo, hi) nearest to text[start:end] (future on ties)."""
        best = self._nearest(start, end, lo, hi, ((1, self._past), (0, self._future)))
        return None if best is None else ("future" if best[1] == 0 else "past")

    def _nearest(
        self, start: int, end: int, lo: int, hi: int, kinds: tuple[tuple[int, _Spans], ...]
    ) -> tuple[int, int] | None:
        """(distance, rank) of the match of `kinds` in [lo, hi) nearest to text[start:end]; lower rank wins ties."""
        self.steps += 1
        best: tuple[int, int] | None = None
        for rank, spans in kinds:
            i = spans.last_ending_by(start)
            if i >= 0 and spans.starts[i] >= lo:
                best = min(best or (start - spans.ends[i], rank), (start - spans.ends[i], rank))
            j = spans.first_starting_at(end)
            if j < len(spans.starts) and spans.ends[j] <= hi:
                best = min(best or (spans.starts[j] - end, rank), (spans.starts[j] - end, rank))
        return best

    def announced(self, start: int, end: int, bounds: tuple[int, int]) -> bool:
        """Is the verb nearest to the expression in its clause a present tense of a scheduled event ("le
        sommet s'ouvre jeudi", "les syndicats appellent à la grève mardi")? News announces in the present."""
        kinds = ((0, self._past), (0, self._future), (1, self._present))
        best = self._nearest(start, end, bounds[0], bounds[1], kinds)
        return best is not None and best[1] == 1 and best[0] <= _ANNOUNCE_SPAN

    def participle_before(self, start: int, bounds: tuple[int, int]) -> bool:
        """A past participle standing just before the expression ("Réélu dimanche", "battue samedi")."""
        if not self._participles:  # French participles only
            return False
        lo, text = bounds[0], self.text
        m = _BARE_PARTICIPLE.search(text[max(lo, start - 60) : start])
        if not m and start - lo <= _CLAUSE_PARTICIPLE_SPAN:
            m = _CLAUSE_PARTICIPLE.match(text[lo:start])
        return bool(m and m.group(1).lower() not in _NOT_PARTICIPLE and not _FUTURE.fullmatch(m.group(1)))

    def clause_tense(self, start: int, end: int, bounds: tuple[int, int]) -> str | None:
        """'past', 'future' or None for the expression text[start:end] in the clause `bounds`: a participle
        just before the expression, else the verb form nearest to it in the clause."""
        if self.participle_before(start, bounds):
            return "past"  # "Réélu dimanche", "Les négociations, entamées fin octobre, ..."
        return self.nearest_tense(start, end, bounds[0], bounds[1])

    def sentence_tense(self, start: int, end: int, sent: tuple[int, int]) -> str | None:
        """Weaker cue: the verb form nearest to the expression anywhere in its sentence."""
        return self.nearest_tense(start, end, sent[0], sent[1])

    def has_reporting_verb(self, lo: int, hi: int) -> bool:
        """Does text[lo:hi] hold a verb of saying or thinking?"""
        self.steps += 1
        return self._reporting.any_within(lo, hi)

    def report_boundary_before(self, lo: int, pos: int) -> int | None:
        """Start of the last "que"/"qu'"/colon-and-quote inside [lo, pos), None when none."""
        self.steps += 1
        i = self._report_boundary.last_ending_by(pos)
        if i >= 0 and self._report_boundary.starts[i] >= lo:
            return self._report_boundary.starts[i]
        return None

    def _char_positions(self, ch: str) -> list[int]:
        if ch not in self._chars:
            self._chars[ch] = [m.start() for m in re.finditer(re.escape(ch), self.text)]
        return self._chars[ch]

    def last_char_before(self, ch: str, pos: int) -> int:
        """Position of the last `ch` before pos (text.rfind(ch, 0, pos)), -1 when none."""
        self.steps += 1
        positions = self._char_positions(ch)
        i = bisect.bisect_left(positions, pos) - 1
        return positions[i] if i >= 0 else -1

    def first_char_after(self, ch: str, pos: int) -> int:
        """Position of the first `ch` at or after pos (text.find(ch, pos)), -1 when none."""
        self.steps += 1
        positions = self._char_positions(ch)
        i = bisect.bisect_left(positions, pos)
        return positions[i] if i < len(positions) else -1

    def clause_end_after(self, pos: int) -> int:
        """Start of the first clause end (., !, ? before a space, a line break) at or after pos."""
        self.steps += 1
        i = self._clause_end.first_starting_at(pos)
        return self._clause_end.starts[i] if i < len(self._clause_end.starts) else len(self.text)
