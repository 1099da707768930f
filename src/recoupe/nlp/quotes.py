"""Quotes: who said what, found in one article through the quote marks and the syntax around them.

`extract_quotes(doc, article)` returns `recoupe.model.Quote` records of three kinds:

- **direct**: quoted words standing as the speaker's own utterance ("« ... », a déclaré X", "X déclare : « ... »",
  a quoted sentence continuing the previous speaker), possibly interrupted ("« ... », a-t-il ajouté, « ... »": one
  quote with `segments`) or spanning paragraphs;
- **partial**: quoted words embedded in the reporter's sentence (after "que", a quoted phrase: une « dérive
  autoritaire »), kept only when the sentence tells whose words they are;
- **indirect**: a reported clause without marks ("X a déclaré que ...", "selon X, ...").

The steps: (1) pair the quote marks of every style, tolerating scraper damage (mismatched or missing marks,
multi-paragraph quotes); (2) drop quoted text that is nobody's speech (titles, nicknames, slogans, coined terms);
(3) decide the kind from what surrounds the quote in its sentence; (4) find the speaker: an incise after the quote
(", a indiqué M. X", ", ajoute-t-il"), a cue before it ("X déclare :", "selon X,", "pour lui,"), the dependency parse
for a quoted phrase, the previous quote or sentence; pronouns go to the nearest fitting person (gender when known),
roles ("le porte-parole de ...") to the person the article names with that role. `speaker` stays None: the
cross-article step (`recoupe.resolve.quotes.assign_speakers`) turns `speaker_span` into an entity id.

Also: anonymous and unnamed sources keep `speaker_description` ("un responsable, qui a requis l'anonymat",
"assure-t-on dans l'entourage du ministre"); interview answers after a question line go to the interviewee; an
inverted verb closing a sentence without marks ("..., a indiqué la préfecture.") gives an indirect quote.

The parse must not run sentences across paragraphs: `paragraph_parse` re-parses the doc with sentence starts at line
breaks when it does (same tokens, same offsets). Adding the component `recoupe_paragraph_sentences` before the parser
(`nlp.add_pipe("recoupe_paragraph_sentences", before="parser")`) makes that a no-op.

Lexicons (reporting verbs, markers, role nouns, first names for pronoun gender) are data under resources/quotes/.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article, Quote, Span, stable_id

# ---------------------------------------------------------------- lexicons


def _load(name: str) -> dict[str, Any]:
    path = Path(__file__).resolve().parent.parent / "resources" / "quotes" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _er_forms(lemma: str) -> set[str]:
    """Third-person and participle forms of a regular first-group verb (with the usual spelling changes)."""
    stem = lemma[:-2]
    forms = {
        lemma,
        stem + "e",
        stem + "ent",
        stem + "ait",
        stem + "aient",
        stem + "a",
        stem + "èrent",
        stem + "era",
        stem + "erait",
        stem + "eraient",
        stem + "eront",
        stem + "é",
        stem + "ée",
        stem + "és",
        stem + "ées",
        stem + "ant",
    }
    if stem.endswith("c"):  # annoncer: annonçait
        s2 = stem[:-1] + "ç"
        forms |= {s2 + "ait", s2 + "aient", s2 + "a", s2 + "ant"}
    if stem.endswith("g"):  # juger: jugeait
        forms |= {stem + "eait", stem + "eaient", stem + "ea", stem + "eant"}
    m = re.match(r"^(.*)([eé])([^aeiouyéè]+)$", stem)
    if m:  # considérer: considère; marteler: martèle; rappeler: rappelle
        pre, _, cons = m.groups()
        forms |= {pre + "è" + cons + "e", pre + "è" + cons + "ent"}
        if cons in ("l", "t"):
            forms |= {stem + cons + "e", stem + cons + "ent"}
    return forms


def _ir_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    return {
        lemma,
        stem + "it",
        stem + "issent",
        stem + "issait",
        stem + "issaient",
        stem + "ira",
        stem + "irait",
        stem + "i",
        stem + "ie",
        stem + "is",
        stem + "ies",
        stem + "issant",
        stem + "irent",
    }


def _bare(lemma: str) -> str:
    """'s'alarmer' -> 'alarmer', 'se féliciter' -> 'féliciter'."""
    return re.sub(r"^(s'|s’|se )", "", lemma)


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, str]  # inflected form (lower) -> lemma
    lemmas: frozenset[str]
    strong: frozenset[str]
    partial_cues: frozenset[str]
    multiword: tuple[tuple[str, str], ...]  # ("met en garde", "mettre en garde")
    according_to: tuple[str, ...]
    according_heads: frozenset[str]  # first two letters of each 'selon' marker: a cheap pre-test per token
    opinion_pour: tuple[str, ...]
    auxiliaries: frozenset[str]
    pronouns: dict[str, str | None]
    skip_words: frozenset[str]
    anonymity: tuple[str, ...]
    not_speech_before: tuple[str, ...]
    honorifics: frozenset[str]
    honorific_gender: dict[str, str]
    person_nouns: frozenset[str]
    feminine: frozenset[str]
    groups: frozenset[str]
    first_names: dict[str, str]
    feminine_name_endings: dict[str, Any]  # endings of unlisted feminine first names, with male exceptions
    functions: frozenset[str]
    naming_markers: frozenset[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the quote lexicons once per process."""
    verbs, markers, roles = _load("reporting_verbs.json"), _load("markers.json"), _load("roles.json")
    forms: dict[str, str] = {}
    multi: list[tuple[str, str]] = []
    fr = verbs["fr"]
    for lemma in fr["er"]:
        for f in _er_forms(_bare(lemma)):
            forms.setdefault(f, _bare(lemma))
    for lemma in fr["ir"]:
        for f in _ir_forms(_bare(lemma)):
            forms.setdefault(f, _bare(lemma))
    for lemma, fs in fr["irregular"].items():
        for f in fs:
            if " " in f:
                multi.append((f, lemma))
            else:
                forms[f] = _bare(lemma)
    for f in verbs["en"]["forms"]:
        forms.setdefault(f, f)
    lemmas = frozenset(forms.values())
    strong = frozenset(_bare(v) for v in fr["strong"]) | frozenset(verbs["en"]["strong"])
    partial = frozenset(_bare(v) for v in fr["partial_cues"]) | strong
    lang_list = lambda d: tuple(x for v in d.values() for x in v)  # noqa: E731
    return Lexicon(
        forms=forms,
        lemmas=lemmas,
        strong=strong,
        partial_cues=partial,
        multiword=tuple(multi),
        according_to=lang_list(markers["according_to"]),
        according_heads=frozenset(m.replace("’", "'")[:2] for m in lang_list(markers["according_to"])),
        opinion_pour=lang_list(markers["opinion_pour"]),
        auxiliaries=frozenset(markers["auxiliaries"]),
        pronouns=markers["subject_pronouns"],
        skip_words=frozenset(markers["skip_adverbs"]),
        anonymity=tuple(markers["anonymity"]),
        not_speech_before=tuple(sorted(markers["not_speech_before"], key=len, reverse=True)),
        honorifics=frozenset(markers["honorifics"]),
        honorific_gender=markers["honorific_gender"],
        person_nouns=frozenset(roles["person_nouns"]),
        feminine=frozenset(roles["feminine"]),
        groups=frozenset(roles["groups"]),
        first_names={n: g for g in ("f", "m") for n in _load("first_names.json")[g]},
        feminine_name_endings=_load("first_names.json").get(
            "feminine_endings", {"endings": [], "masculine_exceptions": []}
        ),
        functions=frozenset(roles["functions"]),
        naming_markers=frozenset(m.replace("’", "'") for m in markers["naming_markers"]),
    )


# ---------------------------------------------------------------- quote marks

OPENERS = "«‹„“"
CLOSERS = "»›”"
AMBIGUOUS = '"'
ALL_MARKS = OPENERS + CLOSERS + AMBIGUOUS
_SPACE_LEFT = set(" \t\n\u00a0\u202f\u2009([{—–-/'’") | set(OPENERS)
_SPACE_RIGHT = set(" \t\n\u00a0\u202f\u2009)]}.,;:!?…—–-") | set(CLOSERS)


@dataclass
class RawQuote:
    """A span of quoted words: `start`/`end` of the inner text (marks excluded), `open`/`close` mark offsets
    (None when the scraper lost one), and one piece per paragraph for multi-paragraph quotes."""

    start: int
    end: int
    open: int | None
    close: int | None
    pieces: list[tuple[int, int]] = field(default_factory=list)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _mark_role(text: str, i: int) -> str:
    """'open', 'close' or 'both' for the quote mark at i, from its glyph and the characters beside it."""
    ch = text[i]
    left_sp = i == 0 or text[i - 1] in _SPACE_LEFT
    right_sp = i + 1 >= len(text) or text[i + 1] in _SPACE_RIGHT
    if ch in "«‹„":
        return "open"
    if ch in "»›":
        return "close"
    if ch == "“":  # German style or scrapers use it to close
        return "close" if (not left_sp and right_sp) else "open"
    if ch == "”":  # scrapers use it to open
        return "open" if (left_sp and not right_sp) else "close"
    if left_sp and not right_sp:
        return "open"
    if right_sp and not left_sp:
        return "close"
    return "both"


def _strip_inner(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim whitespace (and a trailing comma, English style) from the inner span [a, b)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def find_quoted(text: str) -> list[RawQuote]:
    """Pair quote marks of every style into quoted spans; nested quotes stay inside their outer quote.

    Tolerates scraper damage: mismatched glyphs pair up, a quote left open closes at the end of its paragraph
    unless the next paragraph opens with a mark (the multi-paragraph convention), a stray closing mark followed by
    text is ignored.
    """
    paras = _paragraphs(text)
    para_starts = [p[0] for p in paras]

    def para_of(i: int) -> int:
        return bisect.bisect_right(para_starts, i) - 1

    def first_in_para(i: int) -> bool:
        p = paras[para_of(i)]
        return text[p[0] : i].strip() == ""

    out: list[RawQuote] = []
    stack: list[dict[str, Any]] = []  # open quotes: {"open": pos, "pieces": [[start, None]]}

    def close_open(q: dict[str, Any], close: int | None, end: int) -> None:
        q["pieces"][-1][1] = end
        pieces = [_strip_inner(text, a, b) for a, b in q["pieces"]]
        pieces = [p for p in pieces if p[1] > p[0]]
        if not pieces:
            return
        out.append(RawQuote(pieces[0][0], pieces[-1][1], q["open"], close, pieces))

    def end_of_para(pos: int) -> int:
        return paras[para_of(pos)][1]

    for i, ch in enumerate(text):
        if ch not in ALL_MARKS:
            continue
        role = _mark_role(text, i)
        # a quote left open in an earlier paragraph: continue it when this paragraph opens with a mark
        if stack and para_of(i) > para_of(stack[0]["last"]):
            top = stack[0]
            between = text[paras[para_of(top["last"])][1] : paras[para_of(i)][0]]
            # '« ...' then a new paragraph opening with '«' (or '»', an older French convention) and more words
            rest = text[i + 1 : end_of_para(i)]
            cont = role != "close" or (text[i] in "»›" and rest.strip() and _mark_role(text, i) == "close")
            if cont and first_in_para(i) and not between.strip():
                top["pieces"][-1][1] = end_of_para(top["last"])
                top["pieces"].append([i + 1, None])
                top["last"] = i
                del stack[1:]
                continue
            close_open(top, None, end_of_para(top["last"]))
            stack.clear()
        if role == "both":
            role = "close" if stack else "open"
        if role == "open":
            if len(stack) >= 2:  # a third level: the outer one was never closed
                continue
            stack.append({"open": i, "last": i, "pieces": [[i + 1, None]]})
        else:
            if not stack:
                continue  # stray closing mark (lost opening): handled by _orphan_closers
            q = stack.pop()
            if not stack:
                close_open(q, i, i)
            q["last"] = i
    if stack:
        close_open(stack[0], None, end_of_para(stack[0]["last"]))
    out.sort(key=lambda q: q.start)
    return out


def _orphan_closers(text: str, quoted: list[RawQuote]) -> list[int]:
    """Closing marks that pair with nothing (the scraper lost the opening mark)."""
    used = {q.close for q in quoted} | {q.open for q in quoted}
    inside = [(q.start, q.end) for q in quoted]
    out = []
    for i, ch in enumerate(text):
        if ch in CLOSERS + AMBIGUOUS and i not in used and _mark_role(text, i) in ("close", "both"):
            if not any(a <= i < b for a, b in inside) and i > 0 and not text[i - 1].isspace():
                out.append(i)
    return out


# ---------------------------------------------------------------- token helpers


class Ctx:
    """The parsed article with lookups the speaker rules share."""

    def __init__(self, doc: Any, article: Article, persons: Iterable[tuple[int, int]] = ()):
        self.doc = doc
        self.text: str = doc.text
        self.article = article
        self.lex = lexicon()
        self.starts = [t.idx for t in doc]
        self.sent_starts = [s.start_char for s in doc.sents]
        self.sents = list(doc.sents)
        self.paras = _paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.ents = list(doc.ents)  # doc.ents builds new Span objects on every access: read it once
        # the entity covering each token (None outside entities), so overlap tests are lookups, not scans
        self.ent_of_tok: list[Any] = [None] * len(doc)
        for e in self.ents:
            for i in range(e.start, e.end):
                self.ent_of_tok[i] = e
        self.per_ents = [e for e in self.ents if e.label_ == "PER"]
        # person mentions found by the actors stage that the tagger typed otherwise or missed ('Kharatichvili' MISC)
        for a, b in persons:
            if not any(e.start_char < b and a < e.end_char for e in self.per_ents):
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is not None:
                    self.per_ents.append(span)
        # a known first name and a surname that the tagger missed ('Émilie X, installée depuis ..., ne cache pas')
        for t in doc:
            if t.text in self.lex.first_names and t.i + 1 < len(doc) and self.ent_of_tok[t.i] is None:
                e = t.i + 1
                while e < len(doc) and e - t.i <= 2 and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper():
                    e += 1
                if e > t.i + 1 and not any(e_.start < e and t.i < e_.end for e_ in self.per_ents):
                    self.per_ents.append(doc[t.i : e])
        # a capitalised role noun opening a sentence ('Auteure de l'essai ..., elle ...') is no one's name
        self.per_ents = [
            e
            for e in self.per_ents
            if not (len(e) == 1 and _low(e[0]) in self.lex.person_nouns | self.lex.groups)
        ]
        self.per_ents.sort(key=lambda e: e.start_char)
        self.quoted: list[
            tuple[int, int]
        ] = []  # (open mark, close mark + 1) of every quote, set by extract_quotes
        self.role_map = _role_map(self)

    def in_quoted(self, char: int) -> bool:
        """`char` lies within some quote's marks (open <= char < close + 1): a bisect, not a scan."""
        if self.__dict__.get("_qkey") != (id(self.quoted), len(self.quoted)):
            spans = sorted(self.quoted)
            ends, top = [], -1
            for _, b in spans:
                top = max(top, b)
                ends.append(top)
            self.__dict__["_qidx"] = ([a for a, _ in spans], ends)
            self.__dict__["_qkey"] = (id(self.quoted), len(self.quoted))
        starts, ends = self.__dict__["_qidx"]
        i = bisect.bisect_right(starts, char) - 1
        return i >= 0 and ends[i] > char

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after `char` (len(doc) when none)."""
        return bisect.bisect_left(self.starts, char)

    def tok_covering(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def sent_of(self, char: int) -> Any:
        k = max(0, bisect.bisect_right(self.sent_starts, char) - 1)
        return self.sents[k]

    def para_of(self, char: int) -> tuple[int, int]:
        return self.paras[max(0, bisect.bisect_right(self.para_starts, char) - 1)]

    def span(self, a: int, b: int) -> Span:
        return Span(article=self.article.id, start=a, end=b, text=self.text[a:b])


def _low(t: Any) -> str:
    return t.text.lower().replace("’", "'")


_LIGHT = {
    "fait",
    "faire",
    "font",
    "faisait",
    "laissé",
    "laisse",
    "laissent",
    "laissait",
    "mis",
    "met",
    "mettent",
    "mettait",
    "en",
    "rendu",
    "rend",
    "tenu",
    "tient",
}
_LIGHT_TAIL = {
    "savoir": ("fait", "faire", "font", "faisait"),
    "valoir": ("fait", "faire", "font", "faisait"),
    "entendre": ("laissé", "laisse", "laissent", "laissait"),
    "garde": ("en",),
    "compte": ("rendu", "rend"),
    "à": ("tenu", "tient"),
}


def _is_cue(ctx: Ctx, t: Any) -> bool:
    """A reporting verb (by form from the lexicon, or by the parser's lemma for forms we did not list); the last
    word of 'a fait savoir', 'a laissé entendre', 'a mis en garde'."""
    low = _low(t)
    if low in _LIGHT_TAIL and t.i > 0 and _low(t.doc[t.i - 1]) in _LIGHT_TAIL[low]:
        return low != "à"
    if low in ctx.lex.forms:
        # the tagger is not trusted on verbs ('raconte' tagged ADJ), but a form after a determiner is a noun
        # ('le prévenu', 'un dit')
        prev = t.doc[t.i - 1] if t.i > 0 else None
        return not (prev is not None and prev.pos_ == "DET" and t.pos_ in ("NOUN", "ADJ", "PROPN"))
    return t.pos_ == "VERB" and t.lemma_.lower() in ctx.lex.lemmas


def _cue_lemma(ctx: Ctx, t: Any) -> str:
    return ctx.lex.forms.get(_low(t)) or t.lemma_.lower()


def _is_cap(t: Any) -> bool:
    return bool(t.text) and t.text[0].isupper()


_PARTICLES = {
    "de",
    "du",
    "des",
    "d'",
    "d’",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "ben",
    "bin",
    "al",
    "el",
    "da",
    "di",
    "dos",
    "del",
    "ibn",
    "abu",
    "mac",
    "st",
    "saint",
    "sainte",
}
# singular role nouns ending in s or x (plural is read from the role noun, not from its complement)
_INVARIABLE_S = {"fils", "époux", "héros", "gars"}
_STOP = {",", ".", ";", ":", "!", "?", "«", "»", "“", "”", '"', "(", ")", "—", "–", "…", "‹", "›", "„"}
_NP_BREAK = {
    "ne",
    "n'",
    "qui",
    "que",
    "qu'",
    "lors",
    "dans",
    "pendant",
    "devant",
    "avant",
    "après",
    "alors",
    "lorsque",
    "lorsqu'",
    "tandis",
    "mais",
    "car",
    "sur",
    "depuis",
    "en",
    "au",
    "aux",
    "à",
    "avec",
    "sans",
    "selon",
    "par",
    "pour",
    "dont",
    "où",
    "se",
    "s'",
    "citant",
    "évoquant",
    "ajoutant",
    "soulignant",
    "estimant",
    "expliquant",
    "précisant",
    "promettant",
    "rappelant",
}
_DEF = {"le", "la", "l'", "les"}
_INDEF = {
    "un",
    "une",
    "des",
    "plusieurs",
    "certains",
    "certaines",
    "deux",
    "trois",
    "quatre",
    "quelques",
    "d'autres",
    "nombre",
    "beaucoup",
    "a",
    "an",
    "some",
}
_DAYS = {
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "hier",
    "soir",
    "matin",
    "midi",
    "après-midi",
    "aujourd'hui",
    "dernier",
    "dernière",
    "veille",
    "lendemain",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "on",
    "earlier",
    "later",
    "last",
    "week",
}


# ---------------------------------------------------------------- speakers


@dataclass
class Speaker:
    """Who a quote belongs to, as found in the text before resolution to an entity."""

    name: tuple[int, int] | None = None  # char span of the person's (or organisation's) name
    description: str | None = None  # the unnamed or anonymous source, as written
    gender: str | None = None  # "m", "f" or None
    pronoun: bool = False
    anonymous: bool = False
    at: int = 0  # where the speaker is mentioned (for pronoun resolution)


@dataclass
class _Name:
    start: int
    end: int
    gender: str | None
    subject: bool


def _role_gender(ctx: Ctx, t: Any) -> str | None:
    """Gender of a role noun from its form or its determiner ('la ministre', 'le porte-parole')."""
    low = _low(t)
    if low in ctx.lex.feminine:
        return "f"
    k = t.i - 1
    while k >= 0 and ctx.doc[k].pos_ == "ADJ":
        k -= 1
    det = _low(ctx.doc[k]) if k >= 0 else ""
    if det in ("la", "une", "cette", "sa"):
        return "f"
    if det in ("le", "un", "ce", "cet", "du", "au"):
        return "m"
    return None


def _feminine_first_name(ctx: Ctx, word: str) -> bool:
    """An unlisted first name with a French feminine ending ('Jeanine', 'Ginette', 'Maëlle', 'Nadia')."""
    endings = ctx.lex.feminine_name_endings
    return (
        word[:1].isupper()
        and word not in ctx.lex.first_names
        and word not in endings["masculine_exceptions"]
        and word.lower().endswith(tuple(endings["endings"]))
    )


def _name_gender(ctx: Ctx, toks: list[Any]) -> str | None:
    """Gender of a person: a title just before ('Mme'), a known first name, a role the article gives them ('la
    directrice, X', 'X, porte-parole ...', also for later mentions of the same surname). Titles often keep the
    masculine ('le capitaine Nadia X'), so a first name outranks a role."""
    if not toks:
        return None
    doc = ctx.doc
    i = toks[0].i
    for k in range(max(0, i - 2), i):
        low = _low(doc[k])
        if low in ctx.lex.honorific_gender:
            return ctx.lex.honorific_gender[low]
    if len(toks) > 1 and toks[0].text in ctx.lex.first_names:
        return ctx.lex.first_names[toks[0].text]
    if len(toks) > 1 and "-" in toks[0].text and toks[0].text.split("-")[0] in ctx.lex.first_names:
        return ctx.lex.first_names[toks[0].text.split("-")[0]]  # 'Jean-Marc', 'Marie-Claude'
    # a participle in apposition agrees with the person ('X, surnommé ...', 'X, arrivée en 2019'): grammar beats
    # the guess from a first name's ending
    j = toks[-1].i + 1
    if j + 1 < len(doc) and doc[j].text == "," and "Part" in doc[j + 1].morph.get("VerbForm"):
        g = doc[j + 1].morph.get("Gender")
        if g == ["Masc"] and not doc[j + 1].text.endswith("e"):
            return "m"
        if g == ["Fem"] and doc[j + 1].text.endswith(("e", "es")):
            return "f"
    if len(toks) > 1 and _feminine_first_name(ctx, toks[0].text):
        return "f"
    key = _low(toks[-1])
    g = ctx.__dict__.get("_surname_gender", {}).get(key)
    if g:
        return g
    # a role right before: 'la sénatrice Nadia Benali'
    k = i - 1
    while k >= 0 and doc[k].pos_ == "ADJ":
        k -= 1
    if k >= 0 and _low(doc[k]) in ctx.lex.person_nouns:
        g = _role_gender(ctx, doc[k])
        if g:
            return g
    # a role right after: 'X, directrice de ...'
    j = toks[-1].i + 1
    if j + 1 < len(doc) and doc[j].text == ",":
        for k in range(j + 1, min(len(doc), j + 3)):
            if _low(doc[k]) in ctx.lex.person_nouns:
                g = _role_gender(ctx, doc[k])
                if g:
                    return g
                break
    return None


def _namey(ctx: Ctx, t: Any) -> bool:
    """A token that can be part of a proper name: capitalised, not a function word, title, role or group noun.
    The parser's POS is not trusted alone (it tags some surnames PRON or VERB)."""
    if not _is_cap(t) or t.pos_ in ("PUNCT", "NUM", "SPACE") or t.text in _STOP:
        return False
    low = _low(t)
    if t.is_stop or low in ctx.lex.honorifics or low in ctx.lex.person_nouns or low in ctx.lex.groups:
        return False
    if low in ctx.lex.forms or low in _DAYS:
        return False
    if t.pos_ != "PROPN" and _sentence_initial(t) and ctx.ent_of_tok[t.i] is None:
        return False  # 'Côté droite, ...': a capital that only marks the start of the sentence
    return True


def _sentence_initial(t: Any) -> bool:
    if t.i == 0:
        return True
    prev = t.doc[t.i - 1]
    return prev.is_space or "\n" in prev.text or prev.text in (".", "!", "?", "…", "«", "“", '"')


def _name_run(ctx: Ctx, lo: int, hi: int) -> list[Any] | None:
    """The person's name inside tokens [lo, hi): a run of name tokens not governed by a preposition or a
    determiner (those are places or organisations: 'le maire de Lyon', 'la Cour des comptes')."""
    doc = ctx.doc
    k = lo
    while k < hi:
        t = doc[k]
        low = _low(t)
        if low in ctx.lex.honorifics:
            if k + 1 < hi and _namey(ctx, doc[k + 1]):
                return _extend_run(ctx, k + 1, hi)
            k += 1
            continue
        if _namey(ctx, t):
            prev = doc[k - 1] if k > lo else None
            run = _extend_run(ctx, k, hi)
            if prev is not None and (
                prev.pos_ in ("ADP", "DET") or _low(prev) in _PARTICLES | {"l'", "au", "aux"}
            ):
                k = run[-1].i + 1  # a place or organisation complement: skip the whole run
                continue
            if (
                prev is not None
                and prev.pos_ == "NOUN"
                and prev.text.islower()
                and _low(prev) not in ctx.lex.person_nouns
                and not _looks_personal(ctx, run)
            ):
                k = run[-1].i + 1  # the name of a thing: 'rue Nationale', 'lycée Victor-Hugo'
                continue
            if k == lo and not _looks_personal(ctx, run) and _ent_label(ctx, run) in ("ORG", "LOC", "GPE"):
                return None
            return run
        if _is_cap(t) and k > lo and t.pos_ not in ("DET", "ADP", "PUNCT"):
            # a capitalised word that is no name ('Cour' in 'la Cour des comptes'): skip its whole run
            while k + 1 < hi and _is_cap(doc[k + 1]):
                k += 1
        k += 1
    return None


def _first_ent(ctx: Ctx, run: list[Any]) -> Any:
    """The first entity overlapping the tokens of `run` (a contiguous run), or None."""
    for t in run:
        e = ctx.ent_of_tok[t.i]
        if e is not None:
            return e
    return None


def _ent_label(ctx: Ctx, run: list[Any]) -> str | None:
    e = _first_ent(ctx, run)
    return e.label_ if e is not None else None


def _extend_run(ctx: Ctx, k: int, hi: int) -> list[Any]:
    doc = ctx.doc
    run = [doc[k]]
    j = k + 1
    while j < hi:
        t = doc[j]
        if _namey(ctx, t) or (_is_cap(t) and t.pos_ == "PROPN"):
            run.append(t)
        elif (
            _low(t) in _PARTICLES
            and j + 1 < hi
            and _namey(ctx, doc[j + 1])
            and doc[j + 1].pos_ == "PROPN"
            and (_low(t) not in ("de", "du", "des", "d'") or (len(run) == 1 and run[0].morph.get("Gender")))
        ):
            run.append(t)
        elif t.text == "-" and j + 1 < hi and _is_cap(doc[j + 1]):
            run.append(t)
        else:
            break
        j += 1
    return run


def _org_run(ctx: Ctx, lo: int, hi: int) -> list[Any] | None:
    """The head of an organisation or place NP ('la Croix-Rouge', 'le gouvernement', 'Renault')."""
    doc = ctx.doc
    k = lo
    while k < hi and doc[k].pos_ in ("DET",):
        k += 1
    if k < hi and _is_cap(doc[k]):
        run = [doc[k]]
        j = k + 1
        while j < hi and (
            _is_cap(doc[j])
            or (_low(doc[j]) in _PARTICLES and j + 1 < hi and _is_cap(doc[j + 1]))
            or doc[j].text == "-"
        ):
            run.append(doc[j])
            j += 1
        return run
    return None


def _np_end(ctx: Ctx, k: int, limit: int) -> int:
    """End (exclusive token index) of the noun phrase starting at k."""
    doc = ctx.doc
    j = k
    n = 0
    while j < limit and n < 14:
        t = doc[j]
        low = _low(t)
        if (
            t.text in _STOP
            or "\n" in t.text
            or t.pos_ == "SPACE"
            or (j > k and low in _NP_BREAK and low not in ("de", "du", "des", "d'"))
        ):
            break
        if (
            j > k
            and t.pos_ in ("VERB", "AUX")
            and low not in ("chargé", "chargée", "attaché", "attachée")
            and not (t.morph.get("VerbForm") == ["Part"] and doc[j - 1].pos_ in ("NOUN", "ADJ"))
        ):
            break
        j += 1
        n += 1
    return j


def _analyse_np(ctx: Ctx, lo: int, hi: int, sent_end: int) -> Speaker | None:
    """A speaker from the noun phrase tokens [lo, hi): a name, a role resolved to a name, an organisation, or an
    unnamed/anonymous description."""
    doc = ctx.doc
    # a quoted name inside the phrase ('le collectif « ... »') is the group's name, or else no person's name
    for j in range(lo, hi):
        if doc[j].text in ("«", "“", '"', "‹", "„"):
            named = _quoted_group_name(ctx, j)
            if named is not None:
                return Speaker(name=named, at=named[0])
            hi = j
            break
    if lo >= hi:
        return None
    low0 = _low(doc[lo])
    if low0 in ("du", "de", "d'", "au", "aux") or (
        doc[lo].pos_ == "ADP" and low0 not in ctx.lex.pronouns and low0 not in _INDEF
    ):
        return None  # a phrase opening with a preposition is no subject
    first = _low(doc[lo])
    at = doc[lo].idx
    if hi - lo == 1 and first.lstrip("-") in ctx.lex.pronouns:
        return Speaker(gender=ctx.lex.pronouns[first.lstrip("-")], pronoun=True, at=at)
    words = [_low(t) for t in doc[lo:hi]]
    role = next((w for w in words if w in ctx.lex.person_nouns), None)
    # a role noun first ('le maire de X') is a role even when a place follows
    run = _name_run(ctx, lo, hi)
    if run is not None:
        a, b = run[0].idx, run[-1].idx + len(run[-1])
        return Speaker(name=(a, b), gender=_name_gender(ctx, run), at=a)
    # apposition: 'le porte-parole de ..., Jean Dupin,'
    if hi < len(doc) and doc[hi].text == "," and hi + 1 < len(doc):
        k = hi + 1
        # '..., le capitaine Nadia X': a title before the name in the apposition
        if k + 2 < len(doc) and doc[k].pos_ == "DET" and _low(doc[k + 1]) in ctx.lex.person_nouns:
            k += 2
        if k < len(doc) and (doc[k].pos_ == "PROPN" or _is_cap(doc[k]) or _low(doc[k]) in ctx.lex.honorifics):
            run = _name_run(ctx, k, min(len(doc), _np_end(ctx, k, min(len(doc), k + 8))))
            if run is not None and run[0].i <= k + 1:
                a, b = run[0].idx, run[-1].idx + len(run[-1])
                return Speaker(name=(a, b), gender=_name_gender(ctx, run), at=a)
    desc = ctx.text[doc[lo].idx : doc[hi - 1].idx + len(doc[hi - 1])]
    if role is not None:
        # a role word inside an organisation's capitalised name ('Force ouvrière', 'Médecins du monde') is no role
        k0 = lo
        while k0 < hi and doc[k0].pos_ == "DET":
            k0 += 1
        ent = ctx.ent_of_tok[k0] if k0 < hi else None
        if (
            ent is not None
            and ent.label_ in ("ORG", "MISC")
            and ent.start == k0
            and _is_cap(doc[k0])
            and _low(doc[k0]) not in ctx.lex.person_nouns
            and ent.text.lower().strip(" ,;:.") not in ctx.lex.person_nouns  # 'Premier ministre' is a role
            and any(_low(t) == role for t in ent)
        ):
            a, b = ent.start_char, ent.end_char
            while b > a and ctx.text[b - 1] in ",;:.":
                b -= 1
            return Speaker(name=(a, b), at=a)
    anonymous = _anonymous_near(
        ctx, doc[lo].idx, doc[min(sent_end, len(doc)) - 1].idx + 1 if sent_end > lo else hi
    )
    if role is not None:
        gender = (
            "f"
            if (role in ctx.lex.feminine or first in ("la", "une"))
            else ("m" if first in ("le", "un") else None)
        )
        # plural by the role noun itself ('les riverains'), not by a complement ('la joueuse de 22 ans')
        plural = role.endswith(("s", "x")) and role not in _INVARIABLE_S or first in ("les", "des")
        indefinite = first in _INDEF or plural and first not in _DEF
        if not indefinite and not anonymous:
            got = _resolve_role(ctx, lo, hi, role)
            if got is None and first in ("le", "la", "l'") and not plural and role not in ctx.lex.functions:
                head = next((_low(t) for t in doc[lo:hi] if t.pos_ in ("NOUN", "PROPN")), None)
                got = _role_anaphor(ctx, at, gender, role, nearest=head == role)
            if got is not None:
                # French keeps many titles masculine for women ('le médecin légiste'): the name's gender
                # outranks the role's, and a masculine role alone says nothing
                span = ctx.doc.char_span(got[0], got[1], alignment_mode="expand")
                named = _name_gender(ctx, list(span)) if span is not None else None
                return Speaker(
                    name=got, gender=named or (gender if gender == "f" else None), at=at, description=desc
                )
        return Speaker(description=desc, gender=gender, anonymous=True, at=at)
    k0 = lo
    while k0 < hi and doc[k0].pos_ == "DET":
        k0 += 1
    # an organisation or place the tagger found where the phrase starts ('la Cour des comptes')
    e = ctx.ent_of_tok[k0] if k0 < len(doc) else None
    if e is not None and e.label_ in ("ORG", "LOC") and e.start == k0 and e.end <= hi:
        return Speaker(name=(e.start_char, e.end_char), at=at)
    org = _org_run(ctx, lo, hi)
    if org is not None:
        return Speaker(name=(org[0].idx, org[-1].idx + len(org[-1])), at=at)
    head_tok = next((t for t in doc[lo:hi] if t.pos_ in ("NOUN", "PROPN")), None)
    if head_tok is not None and _low(head_tok) in ctx.lex.groups:
        # a named institution ('le ministère de l'Intérieur', 'la Cour des comptes'): the entity the tagger found
        # starting at the group noun; otherwise an unnamed source ('la mairie', 'le syndicat')
        e = ctx.ent_of_tok[head_tok.i]
        if (
            e is not None
            and e.label_ in ("ORG", "LOC")
            and e.start == head_tok.i
            and e.end <= hi
            and len(e) > 1
        ):
            return Speaker(name=(e.start_char, e.end_char), at=at)
        nxt = head_tok.i + 1
        if nxt < hi and _is_cap(doc[nxt]) and doc[nxt].pos_ in ("PROPN", "NOUN", "X", "ADJ"):
            run = _extend_run(ctx, nxt, hi)  # 'la société Norvelia', 'le syndicat CGT-Énergie'
            return Speaker(name=(run[0].idx, run[-1].idx + len(run[-1])), at=at)
        return Speaker(description=desc, anonymous=True, at=at)
    return None


def _quoted_group_name(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """'le collectif « Vélo en ville »': a group noun followed by its name in quote marks names the speaker."""
    doc = ctx.doc
    if j <= 0 or j >= len(doc) or _low(doc[j - 1]) not in ctx.lex.groups | {"collectif", "mouvement"}:
        return None
    inside = next(((a, b) for a, b in ctx.quoted if a == doc[j].idx), None)
    if inside is None:
        return None
    a, b = _strip_inner(ctx.text, inside[0] + 1, inside[1] - 1)
    return (a, b) if b > a else None


def _anonymous_near(ctx: Ctx, a: int, b: int) -> bool:
    """An anonymity marker between the speaker's phrase and the end of its sentence."""
    end = _sentence_end(ctx.text, max(a, b - 1), ctx.para_of(a)[1])
    window = ctx.text[a:end].lower().replace("’", "'")
    return any(m.replace("’", "'") in window for m in ctx.lex.anonymity)


# ---------------------------------------------------------------- roles


def _role_map(ctx: Ctx) -> list[tuple[str, set[str], tuple[int, int], str | None]]:
    """(role noun, words around it, name span) for every 'ROLE ..., NAME' / 'ROLE NAME' / 'NAME, ROLE' in the
    article, so that a later 'le porte-parole' can be resolved to the person it names."""
    doc = ctx.doc
    out = []
    for t in doc:
        low = _low(t)
        if low not in ctx.lex.person_nouns or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            continue
        # forward: modifiers, then ', NAME' or NAME ('l'ancien ministre X': the adjectives before count too)
        j, words = (
            t.i + 1,
            {low} | {_low(u) for u in doc[max(0, t.i - 2) : t.i] if u.pos_ == "ADJ" or _is_cap(u)},
        )
        while j < len(doc) and j < t.i + 16:
            u = doc[j]
            if u.text == ",":
                k = j + 1
                # 'le président du jury, le comédien X': a second title before the name
                if k + 2 < len(doc) and doc[k].pos_ == "DET" and _low(doc[k + 1]) in ctx.lex.person_nouns:
                    k += 2
                while k < len(doc) and _low(doc[k]) in ctx.lex.honorifics:
                    k += 1
                if k < len(doc) and (doc[k].pos_ == "PROPN" or _is_cap(doc[k])):
                    run = _extend_run(ctx, k, min(len(doc), k + 6))
                    if _looks_personal(ctx, run):
                        out.append(
                            (low, words, (run[0].idx, run[-1].idx + len(run[-1])), _role_gender(ctx, t))
                        )
                break
            if u.text in _STOP or u.pos_ in ("VERB", "AUX") and _low(u) not in ("chargé", "chargée"):
                break
            if "\n" in u.text:
                break  # a role ending a headline is not the title of the name in the next paragraph
            if j > t.i + 1 and (u.text in ("-", "–") or doc[j - 1].text in ("-", "–")):
                words.add(_low(u))
                j += 1
                continue  # the rest of a hyphenated place name ('de Nantes-Sud'), not a person's name
            if (
                u.pos_ == "PROPN"
                and doc[j - 1].pos_ not in ("ADP", "DET")
                and _low(doc[j - 1]) not in _PARTICLES
            ):
                run = _extend_run(ctx, j, min(len(doc), j + 6))
                if _looks_personal(ctx, run):
                    out.append((low, words, (run[0].idx, run[-1].idx + len(run[-1])), _role_gender(ctx, t)))
                break
            words.add(_low(u))
            j += 1
        # backward: 'NAME, ROLE ...' ('Lina Roche, porte-parole de la mairie')
        k = t.i - 1
        while k >= 0 and doc[k].pos_ in ("DET", "ADJ") and t.i - k < 3:
            k -= 1
        if k >= 1 and doc[k].text == "," and doc[k - 1].pos_ == "PROPN":
            e = k - 1
            s = e
            while s - 1 >= 0 and doc[s - 1].pos_ == "PROPN":
                s -= 1
            run = list(doc[s : e + 1])
            if _looks_personal(ctx, run):
                words2 = {low} | {_low(u) for u in doc[t.i + 1 : _np_end(ctx, t.i + 1, len(doc))]}
                out.append((low, words2, (run[0].idx, run[-1].idx + len(run[-1])), _role_gender(ctx, t)))
    surname: dict[str, str] = {}
    for _, _, span, g in out:
        if g:
            surname.setdefault(ctx.text[span[0] : span[1]].split()[-1].lower(), g)
    ctx.__dict__["_surname_gender"] = surname
    return out


def _looks_personal(ctx: Ctx, run: list[Any]) -> bool:
    if not run:
        return False
    e = _first_ent(ctx, run)
    if e is not None:
        return e.label_ == "PER"
    return len(run) >= 2 and all(t.pos_ == "PROPN" for t in run)


def _stem(w: str) -> str:
    return w[:5]


def _resolve_role(ctx: Ctx, lo: int, hi: int, role: str) -> tuple[int, int] | None:
    doc = ctx.doc
    words = {_low(t) for t in doc[lo:hi] if t.pos_ in ("NOUN", "PROPN", "ADJ") or _is_cap(t)} - {
        "l'",
        "le",
        "la",
    }
    extra = {
        w for w in words if _stem(w) != _stem(role) and w not in _DEF | {"de", "du", "des", "d'", "un", "une"}
    }
    pos = doc[lo].idx
    feminine = role in ctx.lex.feminine or _low(doc[lo]) in ("la", "une", "cette")
    best, best_key = None, None
    for r, ws, span, g in ctx.role_map:
        if _stem(r) != _stem(role):
            continue
        if feminine and g == "m" and r not in ctx.lex.feminine:
            continue  # 'la ministre' is not the man introduced as 'le Premier ministre X'
        if g == "f" and not feminine and _low(doc[lo]) in ("le", "un", "ce") and role not in ctx.lex.feminine:
            if r in ctx.lex.feminine:
                continue  # 'le directeur' is not 'la directrice X'

        if span[0] <= pos < span[1] or abs(span[0] - pos) < 3:
            continue
        overlap = len(words & ws)
        if extra and not (extra & ws):
            continue  # 'le Premier ministre' is not 'l'ancien ministre X'
        before = span[0] < pos
        key = (overlap, before, -abs(span[0] - pos))
        if best_key is None or key > best_key:
            best, best_key = span, key
    return best


# ---------------------------------------------------------------- pronouns


def _role_subjects(ctx: Ctx) -> list[tuple[int, Speaker]]:
    """Subjects that are a role noun phrase with no name beside it, as speakers (named through the role map, or
    unnamed with their description), by position: candidates for a later pronoun."""
    doc = ctx.doc
    out: list[tuple[int, Speaker]] = []
    per_tok = {i for e in ctx.per_ents for i in range(e.start, e.end)}
    for sent in ctx.sents:
        for t in sent:
            if not t.dep_.startswith("nsubj") or t.pos_ != "NOUN" or _low(t) not in ctx.lex.person_nouns:
                continue
            if ctx.in_quoted(t.idx):
                continue
            lo = t.left_edge.i
            # 'ce trentenaire', 'cet élu' point back to someone already named: not a new person
            if lo < sent.start or doc[lo].pos_ != "DET" or _low(doc[lo]) in ("ce", "cet", "cette"):
                continue
            if "Plur" in t.morph.get("Number") or _low(doc[lo]) in ("les", "des", "ces", "leurs", "nos"):
                continue  # 'il'/'elle' name one person
            hi = _np_end(ctx, lo, sent.end)
            # a name inside or in apposition ('Le maire, Jean Roux,'): the name is the mention already
            nxt = hi + 1 if hi < sent.end and doc[hi].text == "," else hi
            if any(i in per_tok for i in range(lo, min(nxt + 1, sent.end))):
                continue
            sp = _analyse_np(ctx, lo, hi, sent.end)
            if sp is not None and (sp.name is not None or sp.description):
                out.append((doc[lo].idx, sp))
    return out


def _mentions(ctx: Ctx) -> list[_Name]:
    """The article's person mentions, computed once per article (after the quote marks are known)."""
    if "_mentions" not in ctx.__dict__:
        ctx.__dict__["_mentions"] = _person_mentions(ctx)
    return ctx.__dict__["_mentions"]


def _role_subjects_of(ctx: Ctx) -> list[tuple[int, Speaker]]:
    if "_role_subjects" not in ctx.__dict__:
        ctx.__dict__["_role_subjects"] = _role_subjects(ctx)
    return ctx.__dict__["_role_subjects"]


_LEADER_AGENT = re.compile(
    r",\s*(?:emmené|conduit|mené|dirigé|représenté|présidé)e?s?\s+par\s+(?:(?:Me|M\.|Mme|Dr)\s+)?$"
)


def _person_mentions(ctx: Ctx) -> list[_Name]:
    out = []
    for e in ctx.per_ents:
        if ctx.in_quoted(e.start_char):
            continue  # a nickname or title between quote marks is not a mention to refer back to
        toks = list(e)
        # the subject itself, or a name in apposition to the subject ('Le maire, Jean Roux, a reçu'); not a name
        # modifying a subject noun ('l'administration X a déclaré')
        subj = any(
            t.dep_.startswith("nsubj")
            or (t.dep_ in ("appos", "flat:name") and t.head.dep_.startswith("nsubj"))
            for t in toks
        )
        j = toks[0].i - 1
        if not subj:
            # the parse missed it: a name opening its sentence, alone or after a role ('Le maire, X, dit ...')
            start = _clause_start(ctx.text, ctx.para_of(e.start_char)[0], e.start_char)
            before = ctx.text[start : e.start_char]
            subj = not before.strip() or (
                before.rstrip().endswith(",")
                and len(before.split()) <= 6
                and before.split()[0].lower() in _DEF
            )
        if not subj and re.search(_LEADER_AGENT, ctx.text[max(0, e.start_char - 40) : e.start_char]):
            # 'la liste, emmenée par X, ...': the leader of the group that is the subject is who later speaks
            subj = True
        if j >= 0 and _low(ctx.doc[j]) in ctx.lex.groups:
            subj = False
        out.append(_Name(e.start_char, e.end_char, _name_gender(ctx, toks), subj))
    return out


def _role_anaphor(
    ctx: Ctx, at: int, gender: str | None, role: str, nearest: bool = False
) -> tuple[int, int] | None:
    """'la libraire' after 'Mathilde Caron a ouvert sa librairie': a definite role the article never ties to a name
    by apposition refers back, like a pronoun, to the person who is the subject just before (same gender, no
    other role given to them)."""
    best = None
    same_role = {span for r, _, span, _ in ctx.role_map if _stem(r) == _stem(role)}
    for m in _mentions(ctx):
        if not (m.start < at and at - m.start < 1000 and m.subject):
            continue
        if (m.start, m.end) in same_role:
            continue  # their role was compared (and rejected) by _resolve_role
        if gender and m.gender and m.gender != gender:
            continue
        if best is None or m.start > best[0]:
            best = (m.start, m.end)
    if best is None and gender and nearest:
        # no subject before it: the one person of that gender the article has named so far ('le premier film de
        # la réalisatrice X ... a confié la cinéaste'); never a guess between two
        before = [m for m in _mentions(ctx) if m.start < at]
        near = [m for m in before if m.gender == gender and (m.start, m.end) not in same_role]
        names = {ctx.text[m.start : m.end].split()[-1] for m in near}
        unknown = any(m.gender is None for m in before)
        if len(names) == 1 and not unknown and at - near[-1].start < 800:
            best = (near[-1].start, near[-1].end)
    return best


def _resolve_pronoun(
    ctx: Ctx, at: int, gender: str | None, speakers: list[tuple[int, Speaker]]
) -> Speaker | None:
    """The nearest fitting person before `at`: earlier speakers first, then subjects, then any named person."""
    cands: list[tuple[float, tuple[int, int], str | None]] = []
    # only the mentions in reach (a candidate more than 1,500 characters back is never taken): a bisect keeps
    # long pages linear
    everyone = _mentions(ctx)
    starts = ctx.__dict__.get("_mention_starts")
    if starts is None or len(starts) != len(everyone):
        starts = ctx.__dict__["_mention_starts"] = [m.start for m in everyone]
    mentions = everyone[bisect.bisect_left(starts, at - 3000) : bisect.bisect_left(starts, at)]
    person_spans = {(m.start, m.end) for m in mentions}
    unnamed: dict[tuple[int, int], Speaker] = {}
    for pos, sp in speakers:
        if pos >= at or at - pos > 3000:
            continue
        if sp.anonymous and sp.description and sp.at < at:
            # an unnamed source ('une infirmière, qui souhaite garder l'anonymat') can be the 'elle' that follows
            key = (sp.at, sp.at + len(sp.description))
            unnamed[key] = sp
            cands.append((max(pos, sp.at) + 100, key, sp.gender))
            continue
        if sp.name is None:
            continue
        personal = (
            sp.gender is not None
            or sp.name in person_spans
            or any(m.start < sp.name[1] and sp.name[0] < m.end for m in mentions)
        )
        if personal:  # 'il'/'elle' after a quote goes to a person, not to an organisation
            cands.append((max(pos, sp.name[0]) + 100, sp.name, sp.gender))
    for m in mentions:
        if m.start < at:
            cands.append((m.start + (100 if m.subject else 0), (m.start, m.end), m.gender))
    # a person the text designates by role only ('Le conducteur, un octogénaire, a été entendu', 'L'accusé
    # maintient sa version'): the 'il' that follows is that person, named through the role or unnamed
    for pos, sp in _role_subjects_of(ctx):
        if pos >= at or at - pos > 1500:
            continue
        if sp.name is not None:
            cands.append((pos + 100, sp.name, sp.gender))
        elif sp.description:
            key = (pos, pos + len(sp.description))
            unnamed[key] = sp
            cands.append((pos + 100, key, sp.gender))
    best = None
    for score, span, g in cands:
        if at - span[0] > 1500:
            continue
        if gender and g and g != gender:
            continue
        if best is None or score > best[0]:
            best = (score, span, g)
    if best is None:
        return None
    if best[1] in unnamed:
        return unnamed[best[1]]
    return Speaker(name=best[1], gender=best[2], at=best[1][0])


# ---------------------------------------------------------------- cues around a quote


def _skip_adjuncts(ctx: Ctx, k: int, limit: int) -> int:
    """Skip adverbs, days and prepositional adjuncts between an inverted verb and its subject
    ('a déclaré jeudi à l'AFP le maire ...')."""
    doc = ctx.doc
    while k < limit:
        t = doc[k]
        low = _low(t)
        if (
            low in ctx.lex.skip_words
            and low not in ("à", "en", "pour", "de")
            or low in _DAYS
            or t.pos_ == "ADV"
        ):
            k += 1
            continue
        if t.pos_ == "NUM":
            k += 1
            continue
        if t.pos_ == "ADP" or low in (
            "au",
            "aux",
            "à",
            "lors",
            "dans",
            "devant",
            "auprès",
            "sur",
            "pendant",
            "en",
        ):
            # a prepositional group: skip until a determiner that starts a new noun phrase
            j = k + 1
            seen_noun = False
            while j < limit:
                u = doc[j]
                if u.text in _STOP:
                    break
                if seen_noun and (
                    u.pos_ == "DET" and _low(doc[j - 1]) not in ("de", "d'", "à") and doc[j - 1].pos_ != "ADP"
                ):
                    break
                if seen_noun and (
                    _low(u) in ctx.lex.honorifics
                    or (_namey(ctx, u) and doc[j - 1].pos_ != "ADP" and _looks_personal(ctx, [u]))
                ):
                    break
                if u.pos_ in ("NOUN", "PROPN"):
                    seen_noun = True
                j += 1
            if j == k + 1:
                return k
            k = j
            continue
        break
    return k


def _sent_bounds(ctx: Ctx, char: int) -> tuple[int, int]:
    s = ctx.sent_of(char)
    p = ctx.para_of(char)
    return max(s.start_char, p[0]), min(s.end_char, p[1])


def _incise_after(ctx: Ctx, char: int, limit_char: int) -> tuple[Any, Speaker | None, int] | None:
    """A cue right after a quote: ', a déclaré X', ', a-t-il ajouté', ', ajoute-t-elle', ', selon X', ', X a dit'.
    Returns (cue token, speaker or None, char where the incise ends)."""
    doc = ctx.doc
    k = ctx.tok_at(char)
    limit = ctx.tok_at(limit_char)
    n = 0
    while k < limit and doc[k].text in (",", "—", "–", "-", "(") and n < 2:
        k += 1
        n += 1
    if k >= limit:
        return None
    low = _low(doc[k])
    # ', selon X' / ', d'après X'
    for marker in ctx.lex.according_to:
        j = _match_marker(ctx, k, marker)
        if j is not None:
            e = _np_end(ctx, j, limit)
            sp = _analyse_np(ctx, j, e, limit)
            return (_marker_cue(ctx, k, j), sp, doc[e - 1].idx + len(doc[e - 1]) if e > j else doc[k].idx)
    if low in ("et", "puis", "mais"):
        k += 1
    pron = None
    steps = 0
    while k < limit and steps < 5:
        t = doc[k]
        low = _low(t)
        if (_is_cue(ctx, t) or _inverted_after(ctx, k, limit)) and not (
            low in ctx.lex.auxiliaries
            and k + 1 < limit
            and (_is_cue(ctx, doc[k + 1]) or doc[k + 1].text.startswith("-"))
        ):
            break
        if (
            low in ctx.lex.auxiliaries
            or low in ("-t", "t")
            or low in ("-t-il", "-t-elle", "-t-on")
            or low in _LIGHT
        ):
            k += 1
        elif low.lstrip("-") in ctx.lex.pronouns and t.text.startswith("-"):
            pron = t
            k += 1
        elif (
            low in ctx.lex.skip_words
            or t.pos_ == "ADV"
            or low in ("lui", "leur", "nous", "me", "m'", "s'", "se")
        ):
            k += 1
        elif t.pos_ == "VERB" and t.text[:1].islower() and (n > 0 or _ends_with_mark(ctx.text, char)):
            # a verb the lexicon lacks, inverted right after a quote (', a justifié le directeur, X'): the
            # inversion itself marks the incise when a speaker phrase follows
            got = _inverted_subject(ctx, t, limit)
            if got is not None:
                return got
            return _preposed_incise(ctx, k, limit)
        else:
            return _preposed_incise(ctx, k, limit)
        steps += 1
    if k >= limit or not (_is_cue(ctx, doc[k]) or _inverted_after(ctx, k, limit)):
        return None
    verb = doc[k]
    k += 1
    # inverted pronoun: 'ajoute-t-il', 'a-t-elle ajouté'
    while k < limit and _low(doc[k]) in ("-t", "t", "-t-"):
        k += 1
    if k < limit and doc[k].text.startswith("-") and _low(doc[k]).lstrip("-") in ctx.lex.pronouns:
        pron = doc[k]
        k += 1
    if pron is not None:
        word = _low(pron).lstrip("-").replace("t-", "")
        if word == "on":  # 'assure-t-on dans l'entourage du ministre': an unnamed source
            tail_end = _sentence_end(ctx.text, pron.idx + len(pron), ctx.para_of(pron.idx)[1])
            where = ctx.text[pron.idx + len(pron) : tail_end].strip(" ,.;")
            return (
                verb,
                Speaker(description=("on " + where).strip() if where else "on", anonymous=True, at=pron.idx),
                max(pron.idx + len(pron), verb.idx + len(verb)),
            )
        end = max(pron.idx + len(pron), verb.idx + len(verb))
        return (verb, Speaker(gender=ctx.lex.pronouns.get(word), pronoun=True, at=pron.idx), end)
    k = _skip_adjuncts(ctx, k, limit)
    if k >= limit:
        return (verb, None, verb.idx + len(verb))
    e = _np_end(ctx, k, limit)
    sp = _analyse_np(ctx, k, e, limit)
    end = doc[e - 1].idx + len(doc[e - 1]) if e > k else verb.idx + len(verb)
    return (verb, sp, end)


def _inverted_after(ctx: Ctx, k: int, limit: int) -> bool:
    """'sourit-elle', 'glisse-t-il': any verb right after a quote followed by an inverted subject pronoun is an
    incise, whether or not the lexicon lists it."""
    doc = ctx.doc
    j = k + 1
    if j < limit and _low(doc[j]) in ("-t", "-t-"):
        j += 1
    return (
        j < limit
        and doc[j].text.startswith("-")
        and _low(doc[j]).lstrip("-") in ctx.lex.pronouns
        and doc[k].text[:1].islower()
        and doc[k].pos_ not in ("PUNCT", "ADP", "DET")
    )


@dataclass(frozen=True)
class _CueText:
    """A cue of several tokens ("d'après", 'according to'), used like a token: `idx` and len()."""

    idx: int
    text: str

    def __len__(self) -> int:
        return len(self.text)


def _marker_cue(ctx: Ctx, k: int, j: int) -> _CueText:
    last = ctx.doc[j - 1]
    return _CueText(ctx.doc[k].idx, ctx.text[ctx.doc[k].idx : last.idx + len(last)])


def _match_marker(ctx: Ctx, k: int, marker: str) -> int | None:
    """Index of the token after `marker` ('selon', 'd'après', 'according to') when the text at token k starts with
    it on token boundaries (the tokenizer splits "d'après" in two), else None."""
    doc = ctx.doc
    if k >= len(doc):
        return None
    a = doc[k].idx
    seg = ctx.text[a : a + len(marker) + 1].lower().replace("’", "'")
    if not seg.startswith(marker):
        return None
    j = ctx.tok_at(a + len(marker))
    if j < len(doc) and doc[j].idx != a + len(marker) and not ctx.text[a + len(marker)].isspace():
        return None
    while j < len(doc) and doc[j].idx < a + len(marker):
        j += 1
    return j


def _ends_with_mark(text: str, char: int) -> bool:
    """The quote before `char` ends with '?' or '!' (then French puts the incise without a comma)."""
    return re.sub(r"[\s«»“”\"‹›]+$", "", text[max(0, char - 6) : char])[-1:] in ("?", "!")


def _inverted_subject(ctx: Ctx, verb: Any, limit: int) -> tuple[Any, Speaker | None, int] | None:
    """The subject after an inverted verb, when it names someone (a person, a role, an organisation)."""
    doc = ctx.doc
    k = _skip_adjuncts(ctx, verb.i + 1, limit)
    if k >= limit or not (
        doc[k].pos_ in ("DET", "PROPN") or _low(doc[k]) in ctx.lex.honorifics or _namey(ctx, doc[k])
    ):
        return None
    e = _np_end(ctx, k, limit)
    sp = _analyse_np(ctx, k, e, limit)
    if sp is None or (sp.name is None and sp.description is None):
        return None
    return (verb, sp, doc[e - 1].idx + len(doc[e - 1]))


def _preposed_incise(ctx: Ctx, k: int, limit: int) -> tuple[Any, Speaker | None, int] | None:
    """The subject before the verb after a quote: 'he said', 'Dupin said', and the French '« ... », Jeanne X ne
    cache pas sa joie' (a named person opening the next clause, no reporting verb: cue None)."""
    doc = ctx.doc
    for j in range(k + 1, min(limit, k + 7)):
        if doc[j].text in _STOP:
            break
        if _is_cue(ctx, doc[j]) and _low(doc[j]) not in ctx.lex.auxiliaries:
            e = j
            while e > k and (
                _low(doc[e - 1]) in ctx.lex.auxiliaries
                or doc[e - 1].pos_ == "ADV"
                or _low(doc[e - 1]) in ("ne", "n'", "s'", "se")
            ):
                e -= 1
            sp = _analyse_np(ctx, k, e, limit)
            if sp is None:
                return None
            return (doc[j], sp, doc[j].idx + len(doc[j]))
    run = _name_run(ctx, k, min(limit, k + 5))
    if run is not None and run[0].i == k and _looks_personal(ctx, run):
        e = run[-1].i + 1
        if e < limit and (doc[e].pos_ in ("VERB", "AUX", "ADV") or _low(doc[e]) in ("ne", "n'", "se", "s'")):
            sp = Speaker(
                name=(run[0].idx, run[-1].idx + len(run[-1])), gender=_name_gender(ctx, run), at=run[0].idx
            )
            return (None, sp, run[-1].idx + len(run[-1]))
    return None


def _cue_before(ctx: Ctx, lo_char: int, hi_char: int) -> tuple[Any, Speaker | None] | None:
    """A cue in the sentence before a quote: 'X déclare :', 'X a déclaré que', 'selon X,', 'pour lui,'."""
    doc = ctx.doc
    lo, hi = ctx.tok_at(lo_char), ctx.tok_at(hi_char)
    if lo >= hi:
        return None
    # 'Selon X, « ... »' / 'Pour lui, « ... »'
    for k in range(lo, hi):
        for marker in ctx.lex.according_to + ctx.lex.opinion_pour:
            j = _match_marker(ctx, k, marker)
            if j is not None and (
                k == lo
                or _low(doc[k - 1]) in (",", ":", "et", "mais", "or", "car", "donc", "alors", "puis", "ainsi")
            ):
                e = _np_end(ctx, j, hi)
                if e < hi and doc[e].text == "," or e == hi:
                    sp = _analyse_np(ctx, j, e, hi)
                    if (
                        marker in ctx.lex.opinion_pour
                        and e < hi
                        and (sp is None or not (sp.pronoun or sp.name))
                    ):
                        # 'Pour la défense, représentée par Me X, ...': the party speaks through the person
                        sp = _represented_by(ctx, e, hi) or sp
                    if sp is not None and (marker not in ctx.lex.opinion_pour or sp.pronoun or sp.name):
                        return (_marker_cue(ctx, k, j), sp)
    # the last reporting verb before the quote, with its subject
    for k in range(hi - 1, lo - 1, -1):
        t = doc[k]
        if not _is_cue(ctx, t) or _low(t) in ctx.lex.auxiliaries:
            continue
        sp = _subject_of(ctx, t, lo)
        if sp is None and k > lo:
            sp = _clause_subject(ctx, lo, k)
        if sp is not None:
            return (t, sp)
    # 'X, elle, préfère en rire : « ... »': a colon announces the words of the clause's subject
    if ctx.text[lo_char:hi_char].rstrip().endswith((":", "(")):
        for k in range(hi - 1, lo - 1, -1):
            t = doc[k]
            # 'X, lui, restait incrédule :': the parse roots a copula clause on its adjective
            if t.pos_ == "VERB" or (t.pos_ in ("AUX", "ADJ") and t.dep_ == "ROOT"):
                sp = _subject_of(ctx, t, lo)
                if sp is not None and (sp.name or sp.pronoun or sp.anonymous):
                    return (t, sp)
                break
    return None


_REPRESENTED = re.compile(
    r"^,\s*(?:représenté|incarné|défendu|conduit|menée?|emmené)e?s?\s+par\s+$|^,\s*en la personne de\s+$"
)


def _represented_by(ctx: Ctx, comma: int, hi: int) -> Speaker | None:
    """', représentée par Me X,' after a party or a side: the named person who speaks for it."""
    doc = ctx.doc
    for j in range(comma + 2, min(hi, comma + 6)):
        if _REPRESENTED.match(ctx.text[doc[comma].idx : doc[j].idx]):
            e = _np_end(ctx, j, hi)
            sp = _analyse_np(ctx, j, e, hi) if e > j else None
            return sp if sp is not None and sp.name else None
    return None


def _subject_represented(ctx: Ctx, cue: Any) -> Speaker | None:
    """'Le collectif, représenté par l'infirmier X, dénonce « ... »': the group's subject speaks through X."""
    if not hasattr(cue, "children"):
        return None  # a marker cue ('selon X'): no verb, no subject
    for subj in (c for c in cue.children if c.dep_.startswith("nsubj")):
        for t in subj.subtree:
            if t.text == "," and t.i < cue.i:
                sp = _represented_by(ctx, t.i, cue.i)
                if sp is not None:
                    return sp
    return None


def _preposed_name(ctx: Ctx, v: Any) -> Speaker | None:
    """'Léa Vidal témoigne :' when the parser missed the subject: the name right before the verb."""
    doc = ctx.doc
    j = v.i - 1
    while (
        j >= 0
        and (
            doc[j].pos_ in ("AUX", "ADV")
            or _low(doc[j]) in ("se", "s'", "lui", "leur", "n'", "ne", "l'", "le", "la")
        )
        and not _namey(ctx, doc[j])
    ):
        j -= 1
    if j < 0 or not _namey(ctx, doc[j]):
        return None
    e = j
    while j - 1 >= 0 and _namey(ctx, doc[j - 1]):
        j -= 1
    run = list(doc[j : e + 1])
    if not _looks_personal(ctx, run) and _ent_label(ctx, run) is None and len(run) < 2:
        return None
    return Speaker(
        name=(run[0].idx, run[-1].idx + len(run[-1])), gender=_name_gender(ctx, run), at=run[0].idx
    )


def _np_before(ctx: Ctx, j: int) -> Speaker | None:
    """The noun phrase ending at token j ('le collectif' before '« ... »')."""
    doc = ctx.doc
    if j < 0 or doc[j].pos_ not in ("NOUN", "ADJ", "PROPN"):
        return None
    i = j
    while i - 1 >= 0 and doc[i - 1].pos_ in ("NOUN", "ADJ", "DET", "PROPN") and j - i < 5:
        i -= 1
    return _analyse_np(ctx, i, j + 1, j + 1)


def _clause_subject(ctx: Ctx, lo: int, verb_i: int) -> Speaker | None:
    """The noun phrase opening the clause when the parse gave the verb no subject ('Un pompier, qui a souhaité
    rester anonyme, raconte :')."""
    doc = ctx.doc
    # the clause may open with an adverbial phrase ('Côté droite, la conseillère X ... s'amuse :'): try the
    # phrase after each comma too
    starts = [lo] + [j + 1 for j in range(lo, verb_i) if doc[j].text == ","]
    for k in starts:
        if k >= verb_i:
            break
        t = doc[k]
        if not (t.pos_ in ("DET", "PROPN") or _namey(ctx, t) or _low(t) in ctx.lex.honorifics):
            continue
        e = _np_end(ctx, k, verb_i)
        if e <= k:
            continue
        sp = _analyse_np(ctx, k, e, verb_i + 1)
        if sp is not None and (sp.name is not None or sp.anonymous):
            return sp
    return None


def _antecedent(ctx: Ctx, v: Any, qui: Any) -> Any:
    """The noun a relative 'qui' stands for: the parser hangs the clause on the head of the phrase ('les
    accusations des syndicats, qui ...' -> 'accusations'); the nearest noun before 'qui' naming a person or a
    group inside that phrase is the better antecedent."""

    def someone(t: Any) -> bool:
        low = _low(t)
        sing = low[:-1] if low.endswith(("s", "x")) else low  # 'syndicats', 'riverains'
        names = ctx.lex.person_nouns | ctx.lex.groups
        return t.pos_ == "PROPN" or low in names or sing in names

    k = qui.i - 1
    while k > 0 and ctx.doc[k].text == ",":
        k -= 1
    per = next((e for e in ctx.per_ents if e.start <= k < e.end), None)
    if per is not None:
        return per.root  # 'la sous-préfète, Claire Dubosc, qui ...': the name right before
    head = v.head
    top = head
    while top.dep_ == "nmod" and top.head.i < top.i and top.head.pos_ in ("NOUN", "PROPN"):
        top = top.head  # 'un proche de la famille de la victime, qui ...': the phrase's head is the person
    if someone(top):
        return top
    if someone(head):
        return head  # 'le maire de Lyon, qui ...': the head itself
    best = head
    for c in head.subtree:
        if c.i >= qui.i:
            break
        if c is not head and c.dep_ in ("nmod", "appos") and someone(c):
            best = c
    return best


def _subject_of(ctx: Ctx, verb: Any, lo: int, climb: int = 3) -> Speaker | None:
    """The subject of a verb from the parse (climbing through participial and coordinated clauses)."""
    doc = ctx.doc
    v = verb
    for _ in range(climb + 1):
        # a passive subject is what is said, not who says it ('l'état de catastrophe sera demandé « ... »')
        subj = [c for c in v.children if c.dep_ in ("nsubj", "expl:subj") and _low(c) not in ("-t", "t")]
        # 'C'est ainsi que X résume :' has two subjects; the one naming someone wins over 'c''
        subj.sort(key=lambda c: (c.pos_ == "PRON" and _low(c) not in ctx.lex.pronouns, c.pos_ == "PRON"))
        if not subj and v is verb:
            pre = _preposed_name(ctx, v)
            if pre is not None:
                return pre
        agent = (
            [
                c
                for c in v.children
                if c.dep_ == "obl:agent"
                or (
                    c.dep_.startswith("obl")
                    and "Part" in v.morph.get("VerbForm")
                    and any(g.dep_ == "case" and _low(g) == "par" for g in c.children)
                )
            ]
            if not subj
            else []
        )
        if agent:  # 'jugé « alarmant » par le directeur, X': the agent of a passive reporting verb
            a = agent[0].left_edge.i
            while a < agent[0].i and (doc[a].pos_ == "ADP" or _low(doc[a]) == "par"):
                a += 1
            e = _np_end(ctx, a, len(doc))
            sp = _analyse_np(ctx, a, e, e + 20) if e > a else None
            if sp is not None:
                return sp
        if not subj and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i:
            # 'Sa réalisatrice, X, parle de ...' parsed with the subject noun as the root and the verb under it
            h = v.head
            a = h.left_edge.i
            e = _np_end(ctx, a, v.i)
            sp = _analyse_np(ctx, a, e, v.i + 1)
            if sp is not None and (sp.name is not None or sp.anonymous):
                return sp
        if subj:
            s = subj[0]
            low = _low(s)
            inside = next(((a, b) for a, b in ctx.quoted if a <= s.idx < b), None)
            if inside is not None:  # the parser took a quoted name for the subject: the noun before the marks
                named = _quoted_group_name(ctx, ctx.tok_at(inside[0]))
                if named is not None:
                    return Speaker(name=named, at=named[0])
                return _np_before(ctx, ctx.tok_at(inside[0]) - 1)
            relative = False
            if s.pos_ == "PRON" and not _namey(ctx, s):
                if low in ("qui",) and v.dep_ == "acl:relcl":
                    s = _antecedent(ctx, v, s)
                    relative = True
                elif low.lstrip("-") in ctx.lex.pronouns and low not in ("on",):
                    return Speaker(gender=ctx.lex.pronouns[low.lstrip("-")], pronoun=True, at=s.idx)
                else:
                    return None
            a, b = s.left_edge.i, s.right_edge.i + 1
            while relative and a < s.i and doc[a].pos_ == "ADP":
                a += 1  # 'avec la sous-préfète, qui ...': the antecedent without its preposition
            b = max(b, _np_end(ctx, a, len(doc))) if a < len(doc) else b
            # clip the subject phrase at a comma (relative clauses, appositions) but keep the head inside
            for j in range(s.i, b):
                if doc[j].text == "," and j > s.i:
                    b = j
                    break
            for j in range(s.i, a - 1, -1):
                if doc[j].text == "," and j < s.i:
                    a = j + 1
                    break
            sp = _analyse_np(ctx, a, b, b + 20)
            if sp is not None:
                return sp
            if relative:
                # 'les accusations des syndicats, qui dénoncent « ... »': the words are the antecedent's, never
                # the main clause subject's; unnamed when the antecedent names no one
                desc = ctx.text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1])] if b > a else s.text
                return Speaker(description=desc, anonymous=True, at=doc[a].idx)
            if v.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or v.head is v:
                return None  # a subject that is nobody ('la réforme', 'le fait que ...')
            v = v.head
            continue
        if v.head is v or v.dep_ not in (
            "conj",
            "advcl",
            "acl",
            "xcomp",
            "ccomp",
            "parataxis",
            "obl:arg",
            "obl:mod",
            "nmod",
            "obj",
        ):
            return None
        v = v.head
    return None


# ---------------------------------------------------------------- not speech


_CHARGE = re.compile(
    r"\b(examen|condamn\w*|poursuivi\w*|inculp\w*|écroué\w*|interpellé\w*|garde à vue|jugé\w*|arrêté\w*|"
    r"mis\w* en cause|accusé\w*|soupçonné\w*|enquête|plainte|information judiciaire|procès|renvoyé\w*|relaxé\w*|"
    r"acquitté\w*|chefs?)( \w+){0,3} (pour|de|d'|du)( « [^»]{1,80} »,?( et| ou)?)? ?$"
)
_JUDICIAL = re.compile(
    r"\b(condamn|poursuivi|inculp|écroué|mis\w* en examen|mise en examen|jugé|renvoyé|relaxé|acquitté|"
    r"interpellé|placé\w* en garde à vue|garde à vue|accusé|soupçonné|prévenu|tribunal|cour d'assises|procès)"
)
_MAKERS = {
    "auteur",
    "autrice",
    "auteure",
    "coauteur",
    "réalisateur",
    "réalisatrice",
    "interprète",
    "créateur",
    "créatrice",
    "compositeur",
    "compositrice",
    "scénariste",
    "éditeur",
    "éditrice",
    "producteur",
    "productrice",
    "lauréat",
    "lauréate",
    "vainqueur",
    "gagnant",
    "gagnante",
    "signataire",
    "chanteur",
    "chanteuse",
    "héros",
    "héroïne",
    "personnage",
    "star",
    "vedette",
    "animateur",
    "animatrice",
    "présentateur",
    "présentatrice",
}


_SPEECH_NOUNS = {
    "message",
    "messages",
    "déclaration",
    "propos",
    "mots",
    "phrase",
    "cri",
    "appel",
    "réponse",
    "question",
    "formule",
    "avertissement",
    "mise",
    "promesse",
    "aveu",
    "constat",
    "slogan",
    "tweet",
    "post",
    "communiqué",
    "lettre",
    "courrier",
    "texto",
    "sms",
    "réaction",
    "commentaire",
    "confidence",
}


def _not_speech(ctx: Ctx, q: RawQuote) -> bool:
    """Quoted words that are nobody's speech: titles, names, nicknames, slogans, coined terms."""
    text = ctx.text
    if q.open is None:
        return False
    left = text[max(0, q.open - 60) : q.open].lower().replace("’", "'")
    left = re.sub(r"\s+", " ", left).rstrip()
    # adverbs do not change what the quoted words are ('ce que l'on appelle désormais la « ... »')
    left = re.sub(
        r"\b(désormais|souvent|parfois|déjà|aussi|encore|volontiers|communément|généralement|couramment|"
        r"habituellement|officiellement|également|maintenant|aujourd.hui|toujours|plutôt|vulgairement)\b ?",
        "",
        left,
    ).rstrip()
    left_words = left.split(" ")
    tail = " ".join(left_words[-4:])
    tail_noart = re.sub(
        r"(^|\s|')(le|la|les|l'|un|une|des|son|sa|ses|leur|leurs|ce|cet|cette|nouveau|nouvel|nouvelle"
        r"|dernier|dernière|premier|première)$",
        "",
        tail,
    ).rstrip()
    # 'l'auteur de « ... »': a title after a work's maker
    m_de = re.search(r"(\S+) (de|du|d')$", tail_noart) or re.search(r"(\S+) (d')$", tail)
    if m_de and m_de.group(1).split("'")[-1] in _MAKERS:
        return True
    k = ctx.tok_at(q.start)
    clause = k < len(ctx.doc) and (
        ctx.doc[k].pos_ in ("VERB", "AUX")
        or _low(ctx.doc[k])
        in (
            "je",
            "j'",
            "nous",
            "on",
            "il",
            "elle",
            "ils",
            "elles",
            "vous",
            "tu",
            "c'",
            "ce",
            "ça",
            "cela",
            "qu'",
            "que",
        )
    )
    # a title or a name starts with a capital ('le film « La Dernière Marée »'; but 'un projet « d'un autre âge »'
    # is someone's words); naming words ('surnommé', 'le terme', 'aux cris de') apply whatever the case
    capital = ctx.text[q.start : q.start + 1].isupper()
    for m in ctx.lex.not_speech_before:
        if not capital and m not in ctx.lex.naming_markers:
            continue
        m = m.replace("’", "'")
        for cand in (tail, tail_noart):
            if (cand.endswith(" " + m) or cand == m or cand.endswith("'" + m)) and not clause:
                if m in ("dit", "dite", "dits", "dites") and re.search(
                    r"(\best|\bsont|\bse|s'|\ba|\bont) " + m + "$", cand
                ):
                    continue  # 's'est dite « préoccupée »', 'a dit « ... »': speech, not a nickname
                return True
    # a criminal charge: 'mis en examen pour « escroquerie »', 'condamné pour « ... » et « ... »'
    if not clause and _CHARGE.search(left):
        return True
    sentence = text[_clause_start(text, ctx.para_of(q.open)[0], q.open) : q.open].lower()
    if (
        not clause
        and re.search(
            r"(\bpour|\bchefs? d'|\bfaits de|\bdélit de|\bcrime de)( « [^»]{1,80} »,?( et| ou))? ?$", left
        )
        and _JUDICIAL.search(sentence)
    ):
        return True
    # a group naming a term, not speaking: 'les riverains parlent de « ... »', 'on parle de « ... »' (a few words,
    # no verb); a single speaker's 'parle de « ... »' stays a partial quote
    inner_words = text[q.start : q.end].split()
    if (
        not clause
        and len(inner_words) <= 3
        and not text[q.start : q.end].rstrip().endswith((".", "!", "?", "…"))
        and re.search(r"(\bon parle|\bparlent|\bparlaient|\bparleront) (de|d'|du|des)$", tail)
    ):
        return True
    # slogans: 'aux cris de « ... »', 'scandant « ... »' a few words before
    window = " ".join(left_words[-8:])
    if any(
        w in window
        for w in ("aux cris de", "au cri de", "scand", "banderole", "pancarte", "slogan", "hashtag")
    ):
        return True
    # a name of a thing: 'la médiathèque « Les Tilleuls »', 'les « Mardis du conte »' (capitalised, no verb, right
    # after a noun or a determiner); quoted speech after a determiner starts lower-case ('la « dérive »')
    if not clause and ctx.text[q.start : q.start + 1].isupper() and k < len(ctx.doc):
        inner_toks = [t for t in ctx.doc[k : ctx.tok_at(q.end)]]
        has_verb = any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") != ["Part"] for t in inner_toks)
        j = ctx.tok_at(q.open) - 1
        prev = ctx.doc[j] if j >= 0 else None
        if (
            prev is not None
            and not has_verb
            and (
                prev.pos_ == "DET"
                or _low(prev) in ("des", "du", "au", "aux")
                or (prev.pos_ in ("NOUN", "PROPN") and _low(prev) not in _SPEECH_NOUNS)
            )
        ):
            return True
    # a capitalised name or title used as the subject of a verb that is not a reporting one ('« Les Oiseaux de
    # sel » remporte le Grand Prix'): speech is followed by a comma, a cue or the end of the sentence
    if not clause and q.close is not None and ctx.text[q.start : q.start + 1].isupper():
        inner_toks = list(ctx.doc[k : ctx.tok_at(q.end)])
        finite = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in inner_toks)
        n = ctx.tok_at(q.close + 1)
        before_c = text[max(0, q.open - 3) : q.open].rstrip()[-1:]
        after_c = text[q.close + 1 : q.close + 4].lstrip()[:1]
        if not finite and before_c == "," and after_c == "," and len(text[q.start : q.end].split()) <= 8:
            return True  # a title in apposition: 'son premier film, « Les Oiseaux de sel », a reçu ...'
        if (
            not finite
            and n < len(ctx.doc)
            and not text[q.start : q.end].rstrip().endswith((".", "!", "?", "…"))
        ):
            v = ctx.doc[n]
            nxt = ctx.doc[n + 1] if n + 1 < len(ctx.doc) else None
            if (
                v.pos_ in ("VERB", "AUX")
                and v.text[:1].islower()
                and not _is_cue(ctx, v)
                and not _inverted_after(ctx, n, len(ctx.doc))
                and not (nxt is not None and (_is_cue(ctx, nxt) or nxt.text.startswith("-")))
            ):
                return True
    # nickname between first name and surname: Jean « Jojo » Dupont
    inner = text[q.start : q.end]
    if q.close is not None:
        before = text[max(0, q.open - 30) : q.open].rstrip().split(" ")[-1:]
        after = text[q.close + 1 : q.close + 30].lstrip().split(" ")[:1]
        if (
            before
            and after
            and before[0][:1].isupper()
            and after[0][:1].isupper()
            and len(inner.split()) <= 3
            and not inner.endswith((".", "!", "?"))
        ):
            prev_char = text[q.open - 1] if q.open else ""
            if prev_char.isspace() and not re.search(r"[.!?:]\s*$", text[max(0, q.open - 3) : q.open]):
                return True
        # '« X », le film de ...'
        right = text[q.close + 1 : q.close + 40].lower()
        if re.match(
            r"^\s*,?\s*(le|la|l'|son|sa|leur|un|une)\s*(dernier |nouveau |nouvelle |premier |première )?"
            r"(film|livre|roman|album|single|spectacle|série|documentaire|émission|chanson|ouvrage|essai|pièce)\b",
            right,
        ):
            return True
    return False


# ---------------------------------------------------------------- main


@dataclass
class _Found:
    raw: RawQuote
    segments: list[tuple[int, int]]
    kind: str = "direct"
    cue: Any = None
    speaker: Speaker | None = None
    incise_end: int | None = None
    drop: bool = False


def _inner_incises(ctx: Ctx, raws: list[RawQuote]) -> dict[int, tuple[Any, Speaker | None, int]]:
    """'« A, a-t-il reconnu devant ses partisans, mais B. »': French often puts the incise inside the marks.
    The quote keeps two segments (the incise is the reporter's words) and the incise gives cue and speaker.
    Splits `raw.pieces` in place; returns the incise found per quote start."""
    text = ctx.text
    out: dict[int, tuple[Any, Speaker | None, int]] = {}
    for r in raws:
        if len(r.pieces) != 1:
            continue
        for m in re.finditer(r",\s", text[r.start : r.end]):
            c = r.start + m.start()
            if c - r.start < 3:
                continue
            got = _inner_incise_at(ctx, c, r.end)
            if got is None:
                continue
            inc, resume = got
            r.pieces = [(r.start, _rstrip_at(text, r.start, c)), (resume, r.end)]
            out[r.start] = inc
            break
    return out


def _rstrip_at(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


def _inner_incise_at(ctx: Ctx, c: int, end: int) -> tuple[tuple[Any, Speaker | None, int], int] | None:
    """An inverted reporting incise starting at the comma `c` inside quoted words and closed by a comma or a
    full stop before `end`; (incise, where the quoted words resume)."""
    text = ctx.text
    stop = re.search(r"[,.;!?]", text[c + 1 : end])
    if stop is None:
        return None
    c2 = c + 1 + stop.start()
    if text[c2] in ";!?":
        return None
    inc = _incise_after(ctx, c, c2)
    if inc is None or inc[0] is None or not hasattr(inc[0], "lemma_"):
        return None
    cue, sp, iend = inc
    if sp is None or not (sp.pronoun or sp.at > cue.idx):
        return None  # only an inverted subject marks the reporter's incise ('a-t-il dit', 'a déclaré X')
    if _cue_lemma(ctx, cue) not in ctx.lex.lemmas and not _inverted_after(ctx, cue.i, ctx.tok_at(c2)):
        return None
    tail = text[iend:c2]
    tail_toks = ctx.doc[ctx.tok_at(iend) : ctx.tok_at(c2)]
    if len(tail.split()) > 6 or any(t.pos_ in ("VERB", "AUX") for t in tail_toks):
        return None  # an adjunct may follow ('devant ses partisans'), not a clause
    resume = c2 + 1
    while resume < end and text[resume].isspace():
        resume += 1
    if end - resume < 2:
        return None
    return inc, resume


def _merge_interrupted(ctx: Ctx, raws: list[RawQuote]) -> list[_Found]:
    """Join '« A », a-t-il ajouté, « B »' into one quote with two segments; keep the incise as its cue."""
    out: list[_Found] = []
    for r in raws:
        f = _Found(raw=r, segments=list(r.pieces))
        prev = out[-1] if out else None
        if prev is not None and prev.raw.close is not None and r.open is not None and not prev.drop:
            gap = ctx.text[prev.raw.close + 1 : r.open]
            if (
                "\n" not in gap
                and re.match(r"^\s*,", gap)
                and re.search(r"[,:]\s*$", gap)
                and "." not in gap
                and len(gap.split()) <= 12
            ):
                inc = _incise_after(ctx, prev.raw.close + 1, r.open)
                rest = ctx.text[inc[2] : r.open] if inc is not None else ""
                if inc is not None and (
                    not rest.strip(" ,:\u00a0")
                    or (rest.lstrip().startswith(",") and not re.search(r"[.!?;]", rest))
                ):
                    prev.segments.extend(r.pieces)
                    prev.raw = RawQuote(prev.raw.start, r.end, prev.raw.open, r.close, prev.segments)
                    prev.cue, prev.speaker, prev.incise_end = inc
                    continue
        out.append(f)
    return out


def _left_context(ctx: Ctx, f: _Found, prev_close: int | None) -> tuple[int, str]:
    end = f.raw.open if f.raw.open is not None else f.raw.start
    # the sentence by its punctuation, not the parser's (which sometimes cuts after a closing quote mark)
    s0 = _clause_start(ctx.text, ctx.para_of(end)[0], end)
    if prev_close is not None and prev_close >= s0:
        s0 = prev_close + 1
    return s0, ctx.text[s0:end]


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Start of the sentence that the text at `hi` belongs to, searching back to `lo` (the parser's sentences
    sometimes run over a full stop before a quote mark)."""
    start = lo
    for m in re.finditer(r"[.!?…]+[»”\"]?\s+", text[lo:hi]):
        if m.group().startswith(".") and _ABBREV.search(text[max(0, lo + m.start() - 5) : lo + m.start()]):
            continue
        start = lo + m.end()
    return start


def _right_context(ctx: Ctx, f: _Found, next_open: int | None) -> tuple[int, str]:
    a = (f.raw.close + 1) if f.raw.close is not None else f.raw.end
    _, s1 = _sent_bounds(ctx, max(a - 1, 0))
    if s1 <= a:  # the quote ended its sentence: the incise belongs to the next parse sentence
        _, s1 = _sent_bounds(ctx, a)
    p = ctx.para_of(max(a - 1, 0))
    # the sentence may have been cut inside the quote; extend to the next full stop in the paragraph
    s1 = _sentence_end(ctx.text, a, p[1])
    if next_open is not None and next_open < s1:
        s1 = next_open
    return s1, ctx.text[a:s1]


_ABBREV = re.compile(
    r"(?:\b(?:M|MM|Mme|Dr|Pr|St|Me|Mgr|av|env|etc|cf|p|n°|No|Jr|Sr|Gal|Gen|Lt|Col|Cpt|Mr|Mrs|Ms)|\b[A-Z])$"
)


def _sentence_end(text: str, a: int, limit: int) -> int:
    """End of the sentence that goes on at `a`: the next . ! ? followed by a space or the paragraph end, not after
    an abbreviation ('M. Dupont') or an initial."""
    for m in re.finditer(r"[.!?…]+(?=\s|$)", text[a:limit]):
        if m.group().startswith(".") and _ABBREV.search(text[max(0, a + m.start() - 5) : a + m.start()]):
            continue
        return a + m.end()
    return limit


def _is_direct(ctx: Ctx, f: _Found, left: str, right: str, right_incise: bool) -> bool:
    """Direct when the quote stands as the utterance: nothing of the reporter's sentence wraps it, except a cue
    ('X déclare :', 'selon X,', 'pour lui,') before or an incise after."""
    left_s = left.strip()
    low = re.sub(r"^(et|mais|or|car|donc|alors|puis|ainsi),? ", "", left_s.lower().replace("’", "'"))
    left_ok = (
        not left_s
        or left_s.endswith(":")
        or (low.endswith(",") and re.match(r"^(selon|d'après|aux yeux de|according to)\b", low) is not None)
    )
    if low.endswith(",") and re.match(r"^pour\b", low) and len(low.split()) <= 14:
        # 'Pour lui, « c'est une erreur ».' stands as the words; 'Pour lui, « ce partenariat » entre ...' does not
        toks = ctx.doc[ctx.tok_at(f.raw.start) : ctx.tok_at(f.raw.end)]
        left_ok = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in toks)
    right_s = right.strip()
    inner = ctx.text[f.raw.start : f.raw.end]
    ends_sentence = inner.rstrip().endswith((".", "!", "?", "…")) and right_s[:1].isupper()
    right_ok = right_incise or ends_sentence or not right_s.strip(' .!?…»”")') or right_s.startswith(("(",))
    if left_s.endswith("(") and right_s.startswith(")"):
        return True  # 'X ne cachait pas sa déception (« ... »)': the words themselves, in parentheses
    return left_ok and right_ok


def _paragraph_starts(doc: Any) -> list[bool | None]:
    """Sentence starts forced after every line break (None: let the parser decide)."""
    out: list[bool | None] = []
    for i, t in enumerate(doc):
        prev = doc[i - 1] if i else None
        brk = i == 0 or (prev is not None and ("\n" in prev.text or "\n" in prev.whitespace_))
        out.append(True if brk and not t.is_space else None)
    return out


def paragraph_sentences(doc: Any) -> Any:
    """spaCy component (before the parser): a sentence starts after every line break, so that the parse of a
    quote's sentence never runs into the next paragraph. With it in the pipeline `paragraph_parse` is a no-op:
    `nlp.add_pipe("recoupe_paragraph_sentences", before="parser")` after importing this module."""
    for i, start in enumerate(_paragraph_starts(doc)):
        if start and i:
            doc[i].is_sent_start = True
    return doc


def _register_component() -> None:
    try:
        from spacy.language import Language
    except ImportError:  # spaCy is a dependency; this only keeps the module importable without it
        return
    if "recoupe_paragraph_sentences" not in Language.factories:
        Language.component("recoupe_paragraph_sentences")(paragraph_sentences)


_register_component()


def paragraph_parse(doc: Any, language: str = "fr") -> Any:
    """The doc, re-parsed with sentence starts at paragraph breaks when the parser ran sentences across them (the
    parse of a quote's sentence then mixes two paragraphs). Same tokens, so the same character offsets. A no-op when
    the pipeline already splits at line breaks."""
    if not any("\n" in s.text.strip() for s in doc.sents):
        return doc
    from spacy.tokens import Doc

    from .pipeline import load

    nlp = load(language)
    new = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        sent_starts=_paragraph_starts(doc),
    )
    for _, proc in nlp.pipeline:
        new = proc(new)
    return new


def extract_quotes(doc: Any, article: Article, persons: Iterable[tuple[int, int]] = ()) -> list[Quote]:
    """Direct, partial and indirect quotes of one article, with their speaker's name span, cue and segments.
    `persons`: character spans of person mentions from the actors stage (added to the tagger's PER entities)."""
    ctx = Ctx(paragraph_parse(doc, article.language or "fr"), article, persons)
    text = ctx.text
    raws = [r for r in find_quoted(text) if any(ch.isalpha() for ch in text[r.start : r.end])]
    raws = _add_orphans(ctx, raws)
    ctx.quoted = sorted(  # by start: lookups bisect it
        (r.open if r.open is not None else r.start, (r.close + 1) if r.close is not None else r.end)
        for r in raws
    )
    inner = _inner_incises(ctx, raws)
    found = _merge_interrupted(ctx, raws)
    for f in found:
        if f.raw.start in inner and f.cue is None:
            f.cue, f.speaker, f.incise_end = inner[f.raw.start]
    speakers: list[tuple[int, Speaker]] = []  # (position, speaker) of quotes already attributed
    prev: _Found | None = None
    for n, f in enumerate(found):
        if _not_speech(ctx, f.raw):
            f.drop = True
            continue
        next_open = found[n + 1].raw.open if n + 1 < len(found) else None
        prev_close = prev.raw.close if prev is not None and prev.raw.close is not None else None
        s0, left = _left_context(ctx, f, prev_close)
        s1, right = _right_context(ctx, f, next_open)
        rc = (f.raw.close + 1) if f.raw.close is not None else f.raw.end
        inc = None
        if f.cue is None:
            inc = _incise_after(ctx, rc, s1)
            if inc is not None:
                f.cue, f.speaker, f.incise_end = inc
        direct = _is_direct(ctx, f, left, right, inc is not None or f.incise_end is not None)
        f.kind = "direct" if direct else "partial"
        if f.speaker is None or (
            f.speaker.name is None and not f.speaker.pronoun and not f.speaker.anonymous
        ):
            _find_speaker(ctx, f, s0, s1, left, prev, speakers)
        if (
            f.kind == "partial"
            and f.cue is None
            and (f.speaker is None or f.speaker.name is None and not f.speaker.anonymous)
        ):
            f.drop = True  # a scare quote or coined term: nobody's words
            continue
        if f.speaker is not None and f.speaker.name is None and f.speaker.anonymous:
            f.speaker = _contrasted_role(ctx, f.speaker, speakers) or f.speaker
        if f.cue is not None and (f.speaker is None or f.speaker.name is None and not f.speaker.pronoun):
            f.speaker = _subject_represented(ctx, f.cue) or f.speaker
        if f.speaker is not None and f.speaker.pronoun:
            res = _resolve_pronoun(ctx, f.speaker.at, f.speaker.gender, speakers)
            f.speaker = res if res is not None else Speaker(at=f.speaker.at)
        if f.speaker is not None and (f.speaker.name is not None or f.speaker.anonymous):
            speakers.append((f.raw.start, f.speaker))
        prev = f
    _headline_speakers(ctx, [f for f in found if not f.drop])
    quotes = [_to_quote(ctx, f) for f in found if not f.drop]
    quotes += _indirect(ctx, [f for f in found if not f.drop], speakers)
    quotes = list({q.id: q for q in quotes}.values())  # one record per span and kind
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _contrasted_role(ctx: Ctx, sp: Speaker, speakers: list[tuple[int, Speaker]]) -> Speaker | None:
    """'Le buteur, lui, savourait : « ... »': a definite role set against the people quoted so far by 'lui'/'elle'
    is someone the article has already named but not yet quoted: the nearest such person of that gender who has
    no other role in the article."""
    desc = sp.description or ""
    if not re.match(r"(?i)^(le|la|l'|l’)\s*\S", desc):
        return None
    after = ctx.text[sp.at + len(desc) : sp.at + len(desc) + 12]
    if not re.match(r"^\s*,\s*(lui|elle)\s*,", after):
        return None
    quoted = {ctx.text[s.name[0] : s.name[1]].split()[-1] for _, s in speakers if s.name is not None}
    roled = {span for _, _, span, _ in ctx.role_map}
    for m in sorted(_mentions(ctx), key=lambda m: -m.start):
        if not (m.start < sp.at and sp.at - m.start < 1000):
            continue
        if sp.gender and m.gender and m.gender != sp.gender:
            continue
        if ctx.text[m.start : m.end].split()[-1] in quoted or (m.start, m.end) in roled:
            continue
        return Speaker(name=(m.start, m.end), gender=m.gender or sp.gender, at=sp.at)
    return None


def _headline_speakers(ctx: Ctx, found: list[_Found]) -> None:
    """A headline puts an official's words in the mouth of their country ('X dénonce une « ... »' where X is a
    place): the lead names the person who said them. Give a headline quote whose speaker is a place to the body's
    person who said the same words, else to the first person the body quotes."""
    text = ctx.text
    head = ctx.para_of(0)
    if not text[head[0] : head[1]].strip() or text[head[0] : head[1]].rstrip().endswith((".", "!", "?")):
        return  # no headline line: the first paragraph is a sentence of the body
    body = [
        f for f in found if f.raw.start >= head[1] and f.speaker is not None and f.speaker.name is not None
    ]
    people = [f for f in body if _speaker_label(ctx, f.speaker) == "PER"]
    if not people:
        return
    for f in found:
        if f.raw.end > head[1] or f.speaker is None or f.speaker.name is None:
            continue
        name = text[f.speaker.name[0] : f.speaker.name[1]]
        # the tagger often reads a bare country name in a headline as a person: the body's mentions tell
        places = {e.text for e in ctx.doc.ents if e.label_ in ("LOC", "GPE")}
        if _speaker_label(ctx, f.speaker) not in ("LOC", "GPE") and name not in places:
            continue
        words = set(_fold_words(text[f.raw.start : f.raw.end]))
        same = [g for g in people if words & set(_fold_words(text[g.raw.start : g.raw.end]))]
        # else someone the body ties to that place ('le ministre norvalien, X', 'le ministre du X, Y')
        stem = name.lower()[:5]
        tied = [g for g in people if stem in ctx.sent_of(g.speaker.name[0]).text.lower()]  # type: ignore[index]
        if same or tied:
            f.speaker = (same or tied)[0].speaker


def _speaker_label(ctx: Ctx, sp: Speaker) -> str | None:
    a, b = sp.name  # type: ignore[misc]
    toks = [t for t in ctx.doc if a <= t.idx < b]
    return _ent_label(ctx, toks) if toks else None


def _fold_words(s: str) -> list[str]:
    """Content words (4 letters or more), lower-cased: enough to tell that two quotes share words."""
    return [w for w in re.findall(r"\w+", s.lower()) if len(w) >= 4]


def _add_orphans(ctx: Ctx, raws: list[RawQuote]) -> list[RawQuote]:
    """A closing mark with no opening, followed by an incise ('... russe”, a affirmé X'): the quote runs from the
    start of its paragraph."""
    out = list(raws)
    for i in _orphan_closers(ctx.text, raws):
        p = ctx.para_of(i)
        a, b = _strip_inner(ctx.text, p[0], i)
        if b - a < 10 or any(r.start <= a < r.end or a <= r.start < b for r in raws):
            continue
        if _incise_after(ctx, i + 1, p[1]) is None:
            continue
        out.append(RawQuote(a, b, None, i, [(a, b)]))
    out.sort(key=lambda r: r.start)
    return out


def _find_speaker(
    ctx: Ctx, f: _Found, s0: int, s1: int, left: str, prev: _Found | None, speakers: list[tuple[int, Speaker]]
) -> None:
    """Speaker from (in order) a cue before the quote in its sentence, the parse of a quoted phrase, a cue
    elsewhere in the sentence, the previous quote (continuation) or the previous sentence."""
    text = ctx.text
    doc = ctx.doc
    open_at = f.raw.open if f.raw.open is not None else f.raw.start
    got = _cue_before(ctx, s0, open_at)
    if got is None and f.kind == "partial":
        got = _partial_by_parse(ctx, f)
        if got is not None and got[1] is None:
            f.cue, got = got[0], None
    if got is None:
        # a cue later in the sentence ('« ... » jusqu'à la fin du chantier, ajoute-t-il.')
        close = (f.raw.close + 1) if f.raw.close is not None else f.raw.end
        for m in re.finditer(r",", text[close:s1]):
            inc = _incise_after(ctx, close + m.start(), s1)
            if inc is not None:
                got = (inc[0], inc[1])
                break
    if got is None:
        # 'selon X' later in the sentence, without a comma ('était « fixé » mercredi soir selon les pompiers')
        close = (f.raw.close + 1) if f.raw.close is not None else f.raw.end
        for k in range(ctx.tok_at(close), ctx.tok_at(s1)):
            j = next((x for mk in ctx.lex.according_to if (x := _match_marker(ctx, k, mk)) is not None), None)
            if j is not None:
                e = _np_end(ctx, j, ctx.tok_at(s1))
                sp = _analyse_np(ctx, j, e, ctx.tok_at(s1)) if e > j else None
                if sp is not None:
                    got = (_marker_cue(ctx, k, j), sp)
                break
    if got is not None:
        f.cue, f.speaker = got
        return
    # another quote of the same sentence already has its speaker ('Pour lui, « A » entre X et Y « B ».')
    sent_start, _ = _sent_bounds(ctx, open_at)
    if prev is not None and prev.speaker is not None and (prev.raw.close or prev.raw.end) >= sent_start:
        f.speaker, f.cue = prev.speaker, prev.cue
        return
    # 'Et d'ajouter : « ... »': a narrative infinitive continues the previous speaker
    m = _NARRATIVE_INF.match(left.strip().lower().replace("’", "'"))
    if m and m.group(1) in ctx.lex.forms:
        left = ""
        f.cue = next(
            (t for t in ctx.doc[ctx.tok_at(s0) : ctx.tok_at(open_at)] if _low(t) == m.group(1)), None
        )
    # continuation: the quote stands alone right after another quote of the same paragraph or the paragraph before
    if f.kind == "direct" and not left.strip() and prev is not None and prev.speaker is not None:
        gap = text[(prev.raw.close or prev.raw.end) + 1 : open_at]
        lines = [ln for ln in gap.split("\n") if ln.strip()]
        if len(gap) < 400 and len(lines) <= 1 and len(re.findall(r"[.!?]\s", gap)) <= 1:
            f.speaker = prev.speaker
            return
    # an interview: the answer after a question line belongs to the interviewee (the previous answer's speaker,
    # or the person the introduction named last)
    if f.kind == "direct" and not left.strip():
        q = _question_before(ctx, open_at)
        if q is not None:
            pc = (prev.raw.close or prev.raw.end) if prev is not None else None
            if prev is not None and prev.speaker is not None and pc is not None and pc < q and q - pc < 600:
                f.speaker = prev.speaker
                return
            sp = _resolve_pronoun(ctx, q, None, speakers)
            if sp is not None:
                f.speaker = sp
                return
    # the sentence before: its reporting verb's subject, or a person subject
    if f.kind == "direct" and not left.strip():
        before = _sentence_before(ctx, s0)
        if before is not None:
            for t in reversed(list(before)):
                if _is_cue(ctx, t) and _low(t) not in ctx.lex.auxiliaries:
                    sp = _subject_of(ctx, t, before.start)
                    if sp is not None:
                        f.speaker, f.cue = sp, None
                        return
            for t in before:
                # an active subject naming someone (a passive subject is what was done, not who speaks)
                if t.dep_ == "nsubj" and (t.pos_ in ("PROPN", "NOUN") or _low(t) in ("il", "elle")):
                    if _low(t) in ("il", "elle"):
                        sp = Speaker(gender=ctx.lex.pronouns[_low(t)], pronoun=True, at=t.idx)
                    else:
                        a = t.left_edge.i
                        for j in range(t.i, a - 1, -1):
                            if doc[j].text == "," and j < t.i:
                                a = j + 1
                                break
                        e = _np_end(ctx, a, len(doc))
                        sp = _analyse_np(ctx, a, e, e + 20) if e > a else None
                    if sp is not None and (sp.name or sp.anonymous or sp.pronoun):
                        f.speaker = sp
                        return
        # '« On a tout perdu. » Jean Martin, 54 ans, contemple les ruines.': the person the next sentence opens with
        close = (f.raw.close + 1) if f.raw.close is not None else f.raw.end
        p = ctx.para_of(close)
        k = ctx.tok_at(close)
        while k < len(ctx.doc) and ctx.doc[k].text in (".", "!", "?", "…") and ctx.doc[k].idx < p[1]:
            k += 1
        if k < len(ctx.doc) and ctx.doc[k].idx < p[1]:
            run = _name_run(ctx, k, min(len(ctx.doc), k + 5))
            if run is not None and run[0].i == k and _looks_personal(ctx, run):
                f.speaker = Speaker(
                    name=(run[0].idx, run[-1].idx + len(run[-1])),
                    gender=_name_gender(ctx, run),
                    at=run[0].idx,
                )


_NARRATIVE_INF = re.compile(
    r"^(?:et|puis|avant|pour)?\s*(?:d'|de )\s*(\w+)(?: encore| aussitôt| ensuite| aussi)?\s*:$"
)


def _has_agent(ctx: Ctx, v: Any) -> bool:
    """The verb has a subject that is someone (not 'on', 'cela', 'il' impersonal), or is a present participle
    clause ('décriant ...') whose subject is further up."""
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubj:pass"):
            if _low(c) in ("on", "l'on") and _cue_lemma(ctx, v) in ctx.lex.strong:
                return True  # 'chez X, on assure que « ... »': an unnamed source
            return _low(c) not in ("on", "l'on", "l'", "cela", "ça", "ce", "ceci", "il", "qui", "que", "qu'")
    return v.morph.get("VerbForm") == ["Part"] and v.morph.get("Tense") == ["Pres"]


def _question_before(ctx: Ctx, at: int) -> int | None:
    """Start of the question paragraph right before the paragraph that `at` opens (interview layout), else None."""
    text = ctx.text
    pa, _ = ctx.para_of(at)
    if text[pa:at].strip():
        return None
    k = bisect.bisect_right(ctx.para_starts, pa) - 2
    while k >= 0 and not text[ctx.paras[k][0] : ctx.paras[k][1]].strip():
        k -= 1
    if k < 0:
        return None
    p0, p1 = ctx.paras[k]
    line = text[p0:p1].strip()
    if len(line) < 300 and line.endswith(("?", "…", "...")) and not any(m in line for m in ALL_MARKS):
        return p0
    return None


def _sentence_before(ctx: Ctx, at: int) -> Any | None:
    """The sentence (by punctuation) ending before `at`, in the same paragraph or the previous non-empty one, as a
    token span."""
    text = ctx.text
    pa, _ = ctx.para_of(at)
    start = _clause_start(text, pa, at)
    if text[pa:start].strip():  # a sentence of the same paragraph
        prev_start = _clause_start(text, pa, max(pa, start - 1))
        a, b = prev_start, start
    else:  # the last sentence of the previous non-empty paragraph, with nothing between
        k = max(0, bisect.bisect_right(ctx.para_starts, pa) - 2)
        while k >= 0 and not text[ctx.paras[k][0] : ctx.paras[k][1]].strip():
            k -= 1
        if k < 0 or ctx.paras[k][0] >= pa:
            return None
        p0, p1 = ctx.paras[k]
        a, b = _clause_start(text, p0, max(p0, p1 - 1)), p1
    ta, tb = ctx.tok_at(a), ctx.tok_at(b)
    if tb <= ta:
        return None
    return ctx.doc[ta:tb]


def _partial_by_parse(ctx: Ctx, f: _Found) -> tuple[Any, Speaker | None] | None:
    """Whose words a quoted phrase is: climb the parse from the phrase to a reporting verb and take its subject
    ('X a promis une aide « rapide et massive »', 'Y a admis que le chantier connaissait des « retards »')."""
    doc = ctx.doc
    k = ctx.tok_at(f.raw.start)
    if k >= len(doc):
        return None
    # the head of the quoted phrase: the token inside whose head lies outside
    inside = [t for t in doc[k : ctx.tok_at(f.raw.end)]]
    t = next(
        (u for u in inside if not (f.raw.start <= u.head.idx < f.raw.end)), inside[0] if inside else doc[k]
    )
    # the quoted words hold the clause's own verb ('X a « pris acte » de la décision'): the subject's words
    verb = next((u for u in inside if u.pos_ == "VERB" and u.dep_ in ("ROOT", "conj", "ccomp")), None)
    if verb is not None and verb.i == t.i:
        subj = [c for c in verb.children if c.dep_ == "nsubj" and not (f.raw.start <= c.idx < f.raw.end)]
        if subj and subj[0].pos_ != "PRON":
            sp = _subject_of(ctx, verb, 0, climb=0)
            if sp is not None and (
                sp.name is not None or (sp.description and _low(subj[0]) in ctx.lex.person_nouns)
            ):
                return (verb, sp)
    seen = 0
    first_cue = None
    while seen < 10:
        h = t.head
        if h is t:
            break
        t = h
        seen += 1
        if (
            t.pos_ in ("VERB", "AUX", "NOUN")
            and _cue_lemma(ctx, t) in ctx.lex.partial_cues
            and (t.pos_ != "NOUN" and (_low(t) in ctx.lex.forms or t.lemma_.lower() in ctx.lex.partial_cues))
        ):
            sp = _subject_of(ctx, t, 0, climb=4)
            if sp is not None:
                return (t, sp)
            if first_cue is None and seen <= 4 and _has_agent(ctx, t):
                first_cue = t
    # a reporting verb governs the phrase but its speaker is not named in a way we can read: still speech
    return (first_cue, None) if first_cue is not None else None


def _to_quote(ctx: Ctx, f: _Found) -> Quote:
    a, b = f.raw.start, f.raw.end
    art = ctx.article.id
    segs = [ctx.span(x, y) for x, y in f.segments] if len(f.segments) > 1 else []
    sp = f.speaker
    speaker_span = ctx.span(*sp.name) if sp is not None and sp.name is not None and not sp.anonymous else None
    desc = sp.description if sp is not None and (sp.anonymous or speaker_span is None) else None
    cue = ctx.span(f.cue.idx, f.cue.idx + len(f.cue)) if f.cue is not None else None
    return Quote(
        id=stable_id("q", art, a, b, f.kind),
        article=art,
        start=a,
        end=b,
        text=ctx.text[a:b],
        kind=f.kind,
        speaker=None,
        speaker_span=speaker_span,
        cue=cue,
        segments=segs,
        speaker_description=desc,
    )


# ---------------------------------------------------------------- indirect


def _indirect(ctx: Ctx, found: list[_Found], speakers: list[tuple[int, Speaker]]) -> list[Quote]:
    """'X a déclaré que CONTENT' and 'selon X, CONTENT' / 'CONTENT, selon X' without quote marks."""
    doc = ctx.doc
    quoted = sorted(  # sorted by start: the overlap tests bisect it
        (f.raw.open if f.raw.open is not None else f.raw.start, (f.raw.close or f.raw.end) + 1) for f in found
    )
    out: list[Quote] = []
    for sent in ctx.sents:
        sb = sent.end_char
        for t in sent:
            light = _low(t) in _LIGHT_TAIL and _is_cue(ctx, t)  # 'a laissé entendre que', 'a fait savoir que'
            if (
                not _is_cue(ctx, t)
                or (_cue_lemma(ctx, t) not in ctx.lex.strong and not light)
                or _low(t) in ctx.lex.auxiliaries
            ):
                continue
            if (t.morph.get("VerbForm") == ["Inf"] and not light) or _low(t).endswith("ant"):
                continue
            # 'que' within a few tokens after the verb
            j = t.i + 1
            while (
                j < sent.end
                and j < t.i + 6
                and _low(doc[j]) not in ("que", "qu'")
                and doc[j].text not in _STOP
            ):
                j += 1
            if j >= sent.end or _low(doc[j]) not in ("que", "qu'") or j + 1 >= sent.end:
                continue
            a = doc[j + 1].idx
            b = _content_end(ctx, a, sb)
            # a reporting verb inside someone's quoted words is part of their speech, not the reporter's
            inner = next(((x, y) for x, y in _near(ctx.quoted, t.idx, t.idx + 1) if x < t.idx < y), None)
            if inner is not None:
                continue
            close = next((x for x, y in _near(ctx.quoted, a, b) if a <= y - 1 < b and x < a), None)
            if close is not None:
                continue
            if b - a < 12 or _mostly_quoted(a, b, quoted):
                continue
            sp = _subject_of(ctx, t, sent.start)
            if sp is None:
                sp = _unnamed_subject(ctx, t)
                if sp is None:
                    continue
            if sp.pronoun:
                sp = _resolve_pronoun(ctx, sp.at, sp.gender, speakers) or Speaker(at=sp.at)
            out.append(_make_indirect(ctx, a, b, t, sp))
        out += _selon(ctx, sent, quoted, speakers)
    for sa, sb in _text_sentences(ctx):
        got = _inverted_report(ctx, sa, sb, quoted, speakers)
        if got is not None:
            out.append(got)
    return out


def _text_sentences(ctx: Ctx) -> Iterable[tuple[int, int]]:
    """Sentences by punctuation within paragraphs (the parser's sentences sometimes break at an incise comma)."""
    for pa, pb in ctx.paras:
        pos = pa
        while pos < pb:
            end = _sentence_end(ctx.text, pos, pb)
            if end <= pos:
                break
            if ctx.text[pos:end].strip():
                yield pos, end
            pos = end


def _inverted_report(
    ctx: Ctx, sa: int, sb: int, quoted: list[tuple[int, int]], speakers: list[tuple[int, Speaker]]
) -> Quote | None:
    """'CONTENT, a annoncé vendredi l'agence régionale de santé.': a sentence closed by an inverted reporting
    verb and its subject reports what comes before the comma."""
    text = ctx.text
    body = text[sa:sb].rstrip()
    commas = [m.start() + sa for m in re.finditer(",", body)]
    for c in reversed(commas[-3:]):
        inc = _incise_after(ctx, c, sb)
        if inc is None or inc[0] is None or inc[1] is None:
            continue
        cue, sp, end = inc
        inverted = sp.at > cue.idx or ctx.text[sp.at : sp.at + 1] == "-"
        if not inverted or _quote_starts_between(quoted, end, sb):
            continue  # only an inverted verb closes the sentence ('..., a indiqué X'), with no quote after it
        tail = re.sub(r"\([^)]*\)", "", text[end:sb]).strip(" .!?;\n")
        tail_toks = ctx.doc[ctx.tok_at(end) : ctx.tok_at(sb)]
        if tail and (len(tail.split()) > 8 or any(t.pos_ in ("VERB", "AUX") for t in tail_toks)):
            continue  # the incise must close the sentence (an adjunct may follow: 'dans un communiqué')
        if not hasattr(cue, "lemma_") or (
            _cue_lemma(ctx, cue) not in ctx.lex.strong and _low(cue) not in _LIGHT_TAIL
        ):
            continue
        a, b = sa, c
        while a < b and text[a].isspace():
            a += 1
        if b - a < 12 or _overlaps(quoted, a, b):
            return None
        if sp.pronoun:
            sp = _resolve_pronoun(ctx, sp.at, sp.gender, speakers) or Speaker(at=sp.at)
        return _make_indirect(ctx, a, b, cue, sp)
    return None


_LONGEST_QUOTE = 20_000  # characters; a quote longer than this is not looked back for


def _near(quoted: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The quotes (sorted by start) that can overlap [a, b): a bisect window instead of a scan of the article."""
    cached = _NEAR_CACHE.get(id(quoted))
    # the cache holds the list itself, so its id cannot be reused while cached; the length guards appends
    if cached is None or cached[0] is not quoted or len(cached[1]) != len(quoted):
        if len(_NEAR_CACHE) > 8:
            _NEAR_CACHE.clear()
        cached = _NEAR_CACHE[id(quoted)] = (quoted, [x for x, _ in quoted])
    starts = cached[1]
    return quoted[bisect.bisect_left(starts, a - _LONGEST_QUOTE) : bisect.bisect_left(starts, b)]


_NEAR_CACHE: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}


def _overlaps(quoted: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(x < b and a < y for x, y in _near(quoted, a, b))


def _quote_starts_between(quoted: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a <= x < b for x, _ in _near(quoted, a, b))


def _mostly_quoted(a: int, b: int, quoted: list[tuple[int, int]]) -> bool:
    """The reported clause is (nearly) all inside quote marks: the quote stands for it, no indirect record."""
    inside = sum(max(0, min(b, y) - max(a, x)) for x, y in _near(quoted, a, b))
    return inside >= 0.85 * (b - a)


def _unnamed_subject(ctx: Ctx, v: Any) -> Speaker | None:
    """A noun-phrase subject we cannot name ('la communauté d'agglomération a annoncé que ...'): an unnamed source."""
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ in ("NOUN", "PROPN"):
            a, b = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
            desc = ctx.text[a:b]
            if "\n" in desc or len(desc) > 80:
                return None
            return Speaker(description=desc, anonymous=True, at=a)
    return None


def _content_end(ctx: Ctx, a: int, sb: int) -> int:
    seg = ctx.text[a:sb]
    # the tagger sometimes ends a sentence after the next quote's opening mark ('... longue date ». « Il ...')
    seg = re.sub(r"(?<=\S)\s+[«‹]\s*$", "", seg)
    m = re.search(r"[.!?;]\s*$", seg)
    b = a + (m.start() if m else len(seg.rstrip()))
    return b


def _selon(
    ctx: Ctx, sent: Any, quoted: list[tuple[int, int]], speakers: list[tuple[int, Speaker]]
) -> list[Quote]:
    doc = ctx.doc
    out = []
    toks = list(sent)
    if not toks:
        return out
    heads = ctx.lex.according_heads
    for i, t in enumerate(toks):
        if _low(t)[:2] not in heads:
            continue  # cheap test before matching the markers on the text
        j = next((x for m in ctx.lex.according_to if (x := _match_marker(ctx, t.i, m)) is not None), None)
        # the parser may run the sentence on from a closing quote mark ('« ... » Selon la mairie, ...')
        opens = i == 0 or doc[t.i - 1].text in (".", "!", "?", "»", "”", '"') and t.text[:1].isupper()
        if j is None or not (opens or doc[t.i - 1].text in (",", ":")):
            continue
        e = _np_end(ctx, j, sent.end)
        if e <= j:
            continue
        e = _through_entity(ctx, j, e, sent.end)
        words = {_low(u) for u in doc[j:e]}
        sp = _analyse_np(ctx, j, e, sent.end)
        if sp is None:
            continue
        if sp.name is None and not sp.pronoun and not (words & (ctx.lex.person_nouns | ctx.lex.groups)):
            continue
        if sp.name is not None and not _looks_speakerish(ctx, j, e):
            continue
        if opens or doc[t.i - 1].text in (",", ":") and t.i - 1 == sent.start:
            if e < sent.end and doc[e].text == ",":
                if sp.name is not None and sp.name[0] > doc[e].idx:  # 'selon le maire, Paul Fabre, ...'
                    e = ctx.tok_at(sp.name[1])
                    if e >= sent.end or doc[e].text != ",":
                        continue
                e = _skip_relative(ctx, e, sent.end)
                if e is None:
                    continue
                a = doc[e + 1].idx if e + 1 < sent.end else None
                if a is None:
                    continue
                b = _content_end(ctx, a, sent.end_char)
            else:
                continue
        elif doc[t.i - 1].text == "," and (e >= sent.end - 1 or doc[e].text in (".", "!", "?")):
            a = sent.start_char
            b = doc[t.i - 1].idx
        else:
            continue
        # quoted words inside the reported content are a partial quote of it ('selon elle, un rejet est « très
        # probablement » en cause'); content that is (nearly) all quoted is the direct quote itself
        if (
            b - a < 12
            or _mostly_quoted(a, b, quoted)
            or any(x < a < y or x < b <= y for x, y in _near(quoted, a, b))
        ):
            continue
        if sp.pronoun:
            sp = _resolve_pronoun(ctx, sp.at, sp.gender, speakers) or Speaker(at=sp.at)
        out.append(_make_indirect(ctx, a, b, _marker_cue(ctx, t.i, j), sp))
    return out


def _through_entity(ctx: Ctx, j: int, e: int, limit: int) -> int:
    """Extend a noun phrase [j, e) to the end of an organisation's name the tagger found in it ('l'Organisation
    pour la sécurité régionale': the phrase stops at 'pour', the name does not)."""
    for i in range(j, min(e, j + 3)):
        ent = ctx.ent_of_tok[i]
        if ent is not None and ent.label_ in ("ORG", "PER") and e < ent.end <= limit:
            e = ent.end
            while e > j + 1 and ctx.doc[e - 1].text in _STOP:
                e -= 1  # the tagger sometimes takes the comma after the name
            break
    return e


def _skip_relative(ctx: Ctx, comma: int, limit: int) -> int | None:
    """'Selon X, qui s'est rendu vendredi sur les lieux, CONTENT': the comma closing a relative or participle
    clause about the speaker (the reported content starts after it). `comma` is the comma after the speaker;
    returns the comma before the content (None when the clause is not closed in the sentence)."""
    doc = ctx.doc
    k = comma
    while k + 1 < limit:
        nxt = doc[k + 1]
        low = _low(nxt)
        relative = low in ("qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles")
        # a participle or adjective apposition ('interrogée par ...', 'majoritaire chez X')
        participle = nxt.text.islower() and (
            nxt.pos_ == "ADJ" or nxt.pos_ == "VERB" and "Part" in nxt.morph.get("VerbForm")
        )
        if not (relative or participle):
            return k
        j = k + 2
        while j < limit and doc[j].text != ",":
            j += 1
        if j >= limit:
            return None
        k = j
    return None


def _looks_speakerish(ctx: Ctx, j: int, e: int) -> bool:
    """A 'selon' phrase naming a person, a role or an organisation, not a document ('selon un graphique')."""
    doc = ctx.doc
    k = j
    while k < e and doc[k].pos_ == "DET":
        k += 1
    ent = ctx.ent_of_tok[k] if k < e else None
    if ent is not None and ent.start == k and ent.label_ in ("ORG", "PER") and _is_cap(doc[k]):
        return True  # a named organisation ('selon Force ouvrière'), whatever its words
    words = [_low(u) for u in doc[j:e]]
    nouns = [w for w, u in zip(words, doc[j:e], strict=True) if u.pos_ == "NOUN"]
    if nouns and nouns[0] not in ctx.lex.person_nouns and nouns[0] not in ctx.lex.groups:
        return False
    return True


def _make_indirect(ctx: Ctx, a: int, b: int, cue: Any, sp: Speaker | None) -> Quote:
    f = _Found(
        raw=RawQuote(a, b, None, None, [(a, b)]), segments=[(a, b)], kind="indirect", cue=cue, speaker=sp
    )
    return _to_quote(ctx, f)
