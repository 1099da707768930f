"""Across articles: merge the local entities that name the same actor, without a closed knowledge base.

How two names come to be one entity, strongest first (each merge keeps a human-readable reason):

1. the same gazetteer reference (a country by its name, official name, acronym, demonym or capital-as-government;
   an organisation by its name or acronym; a city by any of its geonames alternate names);
2. the same transliteration key (`translit_key`): accents stripped and the French / English / German spellings of
   Cyrillic, Arabic and Korean sounds folded together (ch/sh/sch/tch, ou/u, ï/y/i, kh/h, j/zh, gue/ge, -ii/-y/-yj,
   mute final e, double letters), and for people the same family-name key and given-name key (Korean and Chinese
   given names joined across hyphens and spaces, Korean romanisation vowels folded);
3. a looser match inside a block of the same consonant skeleton: vowel-folded keys equal, or rapidfuzz similarity
   of the keys high enough, with the given names agreeing;
4. a bare family name ("Navalny") joins the one person with that family name, and only when there is exactly one
   ("Salmane" alone may be "Salmane ben Abdelaziz", never "Mohammed ben Salmane": "ben X" says whose son);
5. a name the tagger alone typed as a place, an organisation or MISC joins the one person (or organisation,
   "groupe X" / "X") that carries it, and takes that type.

Local entities from another producer (only key, name, type, mentions) are completed first: name forms from their
mentions, gazetteer references for places and organisations (a country typed LOC still merges with its acronym).

Constraints forbid a merge whatever the keys say: different types (a person is never a place or an organisation),
two different gazetteer references, different given names, different generational suffixes (Jr, II...), different
Korean/Chinese given names (Kim Jong Il / Kim Jong Nam / Kim Yo Jong), a Slavic feminine family name against the
masculine one (Lavrova / Lavrov), a name with a syllable more (loose matches allow one letter of difference).
Naming conventions: family name first for common Korean/Chinese/Vietnamese family names (data file), particles
(de, van, von, al-, el-, ben, bin...), patronymics left out of given names, monarchs' numbers (Abdallah II /
Abdullah II de Jordanie), Hispanic double family names (Fidel Castro / Fidel Castro Ruz).

Looser spellings, each with its own rule and reason: German transliteration of Russian/Ukrainian names (a name
with sch, -ow, -ij, consonant + j is read w = v, j = y, ch = kh, z = ts: Jurij Uschakow); Arabic dh / z / d
(Kadhimi / Kazimi), final -ah / -eh / -a, "Abd al-X" / "Abdel X" / "Abdul X", ج as j or g (Najib / Nagib);
Ukrainian h / Russian g and i / e / o in Slavic family and given names (Hrytsenko / Gritsenko, Serhiy / Sergueï);
Japanese names in either order (two words of Japanese syllable shape); a place key folding Ukrainian i / ï
against Russian e / ie / o, h / g, the Arabic article and final -ah (Avdiivka / Avdeïevka, Deir ez-Zor / Deir
el-Zor); an organisation's acronym against the initials of its name (FSR / Forces de soutien rapide).

Work is grouped by blocking keys (reference, name key, skeleton): near-linear in the number of local entities.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from recoupe.model import Entity, EntityMention, stable_id

if TYPE_CHECKING:  # entities.py imports this module: no runtime import the other way
    from recoupe.nlp.entities import LocalEntity

# ----------------------------------------------------------------------------------------------- keys

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "‐": "-", "‑": "-", "–": "-"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})


def fold(s: str) -> str:
    """Lower case, accents stripped, apostrophes and hyphens normalised: "Kyïv" -> "kyiv"."""
    s = unicodedata.normalize("NFKD", s.translate(_APOS).lower().translate(_LIGATURES))
    s = "".join(c for c in s if not unicodedata.combining(c))
    if not s.isascii():
        from unidecode import unidecode

        s = unidecode(s)
    return re.sub(r"\s+", " ", s).strip()


# Ordered rewrites of one folded word: the spellings of one sound in French, English and German romanisations
# of Russian, Ukrainian, Arabic, Persian, Korean names fold to one spelling.
_WORD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"x", "ks"),  # Alexandre / Aleksandr
        (r"dzh|dj", "X"),  # Dzhokhar / Djokhar: English dzh = French dj = Ж after д
        # Ш Ч Щ Ж: French ch = English sh, French tch = English ch, German sch / tsch
        (r"schtsch|chtch|shch|sch|tsch|tch|sh|ch|zh", "X"),
        (r"kh", "h"),  # Х: Mikhaïl / Mihail
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"gh", "g"),
        (r"bh", "b"),
        (r"dz", "j"),
        (r"j", "X"),  # French j = English zh (Prigojine / Prigozhin)
        (r"gu(?=[eiy])", "g"),  # French gu keeps g hard: Sergueï / Sergei, Evgueni / Evgeny
        (r"ck", "k"),
        (r"q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"^(?:ye|ie|je)", "e"),  # Yevgeny / Ievgueni / Evgueni, Yeltsin / Eltsine
        (r"w(?=[^aeiouy])", "v"),  # German w before a consonant (Wladimir, Wrocław)
        (r"w", "u"),  # French ou = English w (Marouane / Marwan, Oualid / Walid)
        (r"ou|oo", "u"),  # Navalny / Navalnyi, Moon / Mun
        (r"y", "i"),  # Zelenskyy / Zelenski, Yanukovych / Ianoukovitch
        (r"([a-zX])\1+", r"\1"),  # double letters: Hassan / Hasan, Kaddafi / Kadafi, Zelenskyy / Zelenski
        (r"iX$", "i"),  # German -ij / -yj (Selenskyj): j there is й
        (r"(?<=[^aeiou])e$", ""),  # mute final e: Prigojine / Prigozhin, Salmane / Salman
        (r"([a-zX])\1+", r"\1"),
    ]
]


def _word_key(w: str) -> str:
    for pat, rep in _WORD_RULES:
        w = pat.sub(rep, w)
    return w.replace("X", "x")


@functools.lru_cache(maxsize=200_000)
def translit_key(s: str) -> str:
    """Transliteration-aware key of a name: the same for "Nikita Khrouchtchev", "Nikita Khrushchev", "Nikita Chruschtschow"."""
    words = re.split(r"[\s\-'.]+", fold(s))
    return " ".join(k for k in (_word_key(w) for w in words if w) if k)


_VOWEL_FOLD = str.maketrans({"o": "u", "e": "a", "y": "i"})


def vowel_key(key: str) -> str:
    """A translit key with the vowels Arabic and Persian names are spelt with in many ways folded (Mohammed /
    Muhammad / Mouhammad, Hussein / Hossein), while Hassan and Hussein, Mohammed and Mahmoud stay apart."""
    folded = re.sub(r"([a-z])\1+", r"\1", key.translate(_VOWEL_FOLD))
    return re.sub(r"(?<=[aiu])h$", "", folded)  # Arabic final ة: Haniyeh / Haniya, Fatah / Fata


_SKELETON_FOLD = str.maketrans(
    {"g": "k", "q": "k", "d": "t", "b": "p", "v": "f", "z": "s", "j": "x", "w": "f"}
)


def skeleton(key: str) -> str:
    """Consonant skeleton of a translit key (first letter kept): a blocking key for the loose comparisons."""
    if not key:
        return ""
    k = key.replace(" ", "").translate(_SKELETON_FOLD)
    body = re.sub(r"[aeiouh]", "", k[1:])
    k = k[0].translate(str.maketrans("aeiou", "aaaaa")) + body
    return re.sub(r"(.)\1+", r"\1", k)


def similar(a: str, b: str) -> float:
    """rapidfuzz Indel similarity (0..1) of two keys."""
    return Indel.normalized_similarity(a, b)


# ----------------------------------------------------------------------------------------------- naming data


def _resource(name: str) -> str:
    return resources.files("recoupe.resources.entities").joinpath(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _naming() -> dict:
    return json.loads(_resource("naming.json"))


@functools.lru_cache(maxsize=1)
def _family_classes() -> dict[str, str]:
    """Korean/Chinese/Vietnamese family name (folded) -> its class (romanisations of one family name)."""
    classes = json.loads(_resource("east_asian_surnames.json"))["classes"]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for cls in classes:
        keys = [fold(c) for c in cls]
        find(keys[0])  # a family name with one spelling is a class too
        for k in keys[1:]:
            a, b = find(keys[0]), find(k)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in list(parent)}


@functools.lru_cache(maxsize=1)
def east_asian_family_names() -> set[str]:
    return set(_family_classes())


# ----------------------------------------------------------------------------------------------- person names


@dataclass(frozen=True)
class PersonParts:
    """A person's name cut into given names and family name, with their keys."""

    given: tuple[str, ...]
    family: str
    family_key: str
    given_key: str  # joined key of the given names (patronymics left out)
    first_key: str  # key of the first given name
    middles: tuple[str, ...]  # keys of other given names / initials
    suffix: str  # generational suffix (jr, ii, iii...) or ""
    east_asian: bool
    initial: bool  # the first given name is only an initial ("V. Klitschko")
    tokens: tuple[str, ...] = ()  # key of every name word, in order (compound family names)
    # a two-word name that may be Japanese: its words' keys in sorted order (either name order)
    jp_key: str = ""


_SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}


def _is_patronymic(word: str) -> bool:
    f = fold(word)
    return len(f) > 6 and any(f.endswith(s) for s in _naming()["patronymic_suffixes"])


# German transliteration of Russian and Ukrainian names: "sch"/"tsch" for Ш/Ч, "-ow"/"-ew" for -ов/-ев, "-ij"/"-ej"
# for -ий/-ей, "j" after a consonant for the soft sign (Sjuganow, Podoljak). Such a name is read the German way:
# w = v, j = y, ch = kh (Michail = Mikhaïl); French "dj" is left alone.
_GERMAN_MARK = re.compile(r"sch|(?:ow|ew|[iye]j|aj|oj)\b|(?<=[bcfgklmnprstvwz])j(?=[aeiou])")


_GERMAN_STRONG = re.compile(r"sch|(?:ow|ew|[iye]j)\b|[aeiou]j(?=[bcdfgklmnpqrstvz])")


def _german_reading(surface: str) -> str:
    """The name with its German spellings rewritten as the common ones, or the name itself when it shows none."""
    folded = fold(surface)
    if not _GERMAN_MARK.search(folded):
        return surface
    # ch = kh and z = ts only with a spelling no other language gives a Slavic name (sch, -ow, -ij): "Alejandro
    # Sánchez" reads j = y at most, and keeps its ch
    strong = bool(_GERMAN_STRONG.search(folded))

    def one(w: str) -> str:
        f = fold(w)
        if strong:
            f = re.sub(r"(?<![st])ch", "kh", f).replace("z", "ts")  # German ch is х, z is ц
        f = f.replace("j", "y").replace("w", "v")
        return f[:1].upper() + f[1:] if w[:1].isupper() else f

    return " ".join(one(w) for w in surface.split())


# Japanese phonotactics (open syllables, n, geminates): two such words may come in either order ("Kishida Fumio"
# in Japanese order, "Fumio Kishida" in Western order).
_JAPANESE_WORD = re.compile(
    r"^(?:(?:[kstp](?=[kstc]))?(?:[kgsztdnhbpmr]y?|sh|ch|ts|f|j|w|y)?[aeiou]|n(?![aeiouy]))+$"
)


def _japanese_key(words: list[str]) -> str:
    if len(words) != 2 or any(not w[:1].isupper() for w in words):
        return ""
    fs = [fold(w) for w in words]
    if not all(len(f) >= 3 and _JAPANESE_WORD.match(f) for f in fs):
        return ""
    return "jp:" + "+".join(sorted(translit_key(f).replace(" ", "") for f in fs))


@functools.lru_cache(maxsize=100_000)
def _person_parts(surface: str) -> PersonParts:
    surface = _german_reading(surface)
    nm = _naming()
    honorifics = {fold(h) for h in nm["honorifics"]}
    titles = {fold(r) for r in nm["role_nouns"] if " " not in r}
    particles = set(nm["name_particles"])
    words = [w for w in re.split(r"\s+", surface.strip()) if w]
    determiners = {
        "le",
        "la",
        "les",
        "l'",
        "du",
        "de",
        "des",
        "un",
        "une",
        "son",
        "sa",
        "ses",
        "leur",
        "notre",
    }
    while (
        len(words) > 1
        and (
            fold(words[0]).rstrip(".") in {h.rstrip(".") for h in honorifics}
            or fold(words[0]) in titles
            or fold(words[0]) in determiners
            # "le président", "l'ancien ministre": words of a role, not of the name ("ben Laden", "al-Sissi" are)
            or words[0][:1].islower()
            and fold(words[0]) not in particles
            and not re.match(r"^(?:al|el|ad|ash|as|an|ar|at|az|ul)-", fold(words[0]))
        )
    ):
        words = words[1:]
    if words and re.match(r"^[lLdD]['’]", words[0]):
        words[0] = words[0][2:]
    suffix = ""
    regnal = re.match(r"^(.+?) ([IVX]{1,5}|Ier|Ire|1er)(?: (?:de|d['’]|du|des) .+)?$", " ".join(words))
    if regnal and len(regnal.group(1).split()) <= 2:
        # "Abdallah II de Jordanie", "Mohammed VI": a monarch's name and number (a given name and its order)
        name, number = regnal.group(1), regnal.group(2)
        number = "I" if number in ("Ier", "Ire", "1er") else number
        gk = translit_key(name).replace(" ", "")
        return PersonParts((name,), number, "regnal:" + number.lower(), gk, gk, (), "", False, False, (gk,))
    if len(words) > 2 and fold(words[-1]).rstrip(".") in _SUFFIXES:
        suffix = _SUFFIXES[fold(words[-1]).rstrip(".")]
        words = words[:-1]
    if len(words) > 1 and words[-1].rstrip(".") in ("fils", "père") and words[-2][:1].isupper():
        suffix = words[-1]
        words = words[:-1]
    classes = _family_classes()
    first = fold(words[0]) if words else ""
    if len(words) >= 2 and first in classes and all(len(fold(w).replace("-", "")) <= 10 for w in words[1:]):
        given_key = _korean_given("".join(fold(w) for w in words[1:]))
        return PersonParts(
            tuple(words[1:]),
            words[0],
            "ea:" + classes[first],
            given_key,
            given_key,
            (),
            suffix,
            True,
            False,
            _tokens(words),
        )
    if len(words) == 1:
        fam = words[0]
        fk = _family_key(fam, particles)
        if first in classes:
            fk = "ea:" + classes[first]
        return PersonParts((), fam, fk, "", "", (), suffix, first in classes, False, _tokens(words))
    # Western order: the family name starts at its first particle (de Gaulle, ben Salmane, al-Sissi, von der Leyen)
    cut = len(words) - 1
    for i in range(1, len(words) - 1):
        w = fold(words[i])
        if fold(words[i - 1]) in _THEOPHORIC:
            continue  # "Abd al-Fattah", "Abou al-Fadl": the article belongs to a given name
        if w in particles or re.match(r"^(?:al|el|ad|ash|as|an|ar|at|az|ul)-", w):
            cut = i
            break
    given = [w for w in words[:cut]]
    if all(fold(w) in particles for w in given):  # "Ben Laden": a particle is not a given name
        return PersonParts(
            (),
            " ".join(words),
            _family_key(" ".join(words), particles),
            "",
            "",
            (),
            suffix,
            False,
            False,
            _tokens(words),
        )
    fam = " ".join(words[cut:])
    keep = [g for g in given if not _is_patronymic(g)] or given
    gkeys = [translit_key(g).replace(" ", "") for g in keep]
    gkeys = _join_theophoric(gkeys)
    first_key = gkeys[0] if gkeys else ""
    initial = bool(re.fullmatch(r"[A-ZÀ-Ý]\.?(?:-[A-ZÀ-Ý]\.?)?", keep[0])) if keep else False
    return PersonParts(
        tuple(given),
        fam,
        _family_key(fam, particles),
        "".join(gkeys),
        first_key,
        tuple(gkeys[1:]),
        suffix,
        False,
        initial,
        _tokens(words),
        _japanese_key(words) if not suffix else "",
    )


_THEOPHORIC = {"abd", "abdel", "abdul", "abdoul", "abdal", "abu", "abou"}


def _join_theophoric(gkeys: list[str]) -> list[str]:
    """ "Abdel Aziz" / "Abdelaziz" / "Abdul Aziz" / "Abd al-Aziz": one given name "servant of X", with one key
    ("abdalaziz"); Abdallah / Abdullah likewise."""
    out: list[str] = []
    for k in gkeys:
        if out and out[-1] in ("abd", "abdel", "abdul", "abdal"):
            out[-1] += re.sub(r"^(?:al|el|ul|ar|as|an|ad|az|at)(?=[a-z]{3})", "", k)
        else:
            out.append(k)
    return [
        re.sub(r"^abd(?:al|el|ul|ol|u|e|a)?(?=[a-z]{3})", "abdal", k) if k.startswith("abd") else k
        for k in out
    ]


def _tokens(words: list[str]) -> tuple[str, ...]:
    return tuple(translit_key(w).replace(" ", "") for w in words)


def compound_match(p: PersonParts, q: PersonParts) -> bool:
    """Hispanic and Portuguese double family names: "Fidel Castro" / "Fidel Castro Ruz", "López Obrador" /
    "Andrés Manuel López Obrador": one name is the other's first or last words (two at least)."""
    if p.east_asian or q.east_asian:
        return False
    a, b = sorted((p.tokens, q.tokens), key=len)
    if len(a) < 2 or len(b) < 3 or len(a) == len(b):
        return False
    # the last words only with two words more ("López Obrador" / "Andrés Manuel López Obrador"): one word more is
    # a son named after his father ("Idriss Déby" / "Mahamat Idriss Déby")
    return b[: len(a)] == a or (len(b) >= len(a) + 2 and b[-len(a) :] == a)


def persons_compatible(p: PersonParts, q: PersonParts) -> tuple[bool, str]:
    """Whether two names may be one person: suffixes, then family and given names (or a compound family name)."""
    if p.suffix != q.suffix:
        return False, "different generational suffix"
    if p.jp_key and p.jp_key == q.jp_key:
        return True, "the same two names in either order (Japanese name order)"
    if compound_match(p, q):
        return True, "compound family name (one form is the other's first or last names)"
    okf, whyf = family_compatible(p, q)
    if not okf:
        return False, whyf
    okg, whyg = given_compatible(p, q)
    if not okg:
        return False, whyg
    return True, f"{whyf}; {whyg}"


def person_parts(surface: str, east_asian: set[str] | None = None) -> PersonParts:
    """Cut a person's name: "Sergueï Lavrov" -> given (Sergueï,), family Lavrov; "Moon Jae-in" -> family Moon,
    given (Jae-in,) (family name first for Korean/Chinese family names). `east_asian` is accepted for callers
    that hold the set; the module's own data is used."""
    return _person_parts(surface)


_PATRONYMIC = {"ben", "bin", "ibn", "bint", "ould", "ag"}


def _family_key(family: str, particles: set[str]) -> str:
    """Family-name key without particles and Arabic articles: "al-Sissi" / "el-Sissi" / "Sissi" -> "sisi". A name
    that begins with "ben" / "bin" / "ould" says whose son: "ben Salmane" keeps the mark ("ben:salman"), so that
    "Salmane" alone (the father) is not taken for "Mohammed ben Salmane", while "Ben Laden" still is."""
    words = [w for w in re.split(r"[\s]+|-(?=\w{3})", fold(family)) if w]
    if len(words) > 1 and words[0] in _PATRONYMIC:
        return "ben:" + _family_key(" ".join(words[1:]), particles)
    out = []
    for w in words:
        w = re.sub(r"^(?:al|el|ad|ed|ash|ach|as|es|an|ar|at|az|ul)-(?=\w{3})", "", w)
        if w in particles and len(words) > 1:
            continue
        out.append(w)
    return translit_key(" ".join(out) or family).replace(" ", "")


def _korean_given(joined: str) -> str:
    """Korean/Chinese given names: one key across hyphens, spaces, case and McCune-Reischauer vs Revised spellings."""
    k = re.sub(r"[\s\-'’.]", "", joined).replace("ck", "k")  # Duck-soo / Deok-su
    for p, r in [
        (r"eo", "o"),
        (r"eu", "u"),
        (r"oo|ou", "u"),
        (r"ee", "i"),
        (r"ung", "ong"),  # French EFEO -oung / Wade-Giles -ung / pinyin -ong
        (r"uk(?![aeiou])", "ok"),  # Korean 석 / 혁: Suk / Seok / Sok, Hyuk / Hyeok
        (r"hs|x", "s"),  # Wade-Giles hs = pinyin x
        (r"tch|ch|sh|zh|j|q", "c"),  # French tch / ch, English ch / sh, pinyin zh / j / q
        (r"ts|tz", "z"),
        (r"g", "k"),
        (r"d", "t"),
        (r"b", "p"),
        (r"r", "l"),
        (r"w", "u"),
        (r"y", "i"),
        (r"([a-z])\1+", r"\1"),
    ]:
        k = re.sub(p, r, k)
    return k


def _feminine_pair(a: str, b: str) -> bool:
    """Lavrova / Lavrov, Zakharova / Zakharov, Tymochenko stays: a Slavic family name and its feminine form."""

    def one_way(a: str, b: str) -> bool:
        return (
            b == a + "a" or (a.endswith("i") and b == a[:-1] + "a") or b == a + "aia" or b == a[:-1] + "aia"
        )

    return one_way(a, b) or one_way(b, a)


def given_compatible(p: PersonParts, q: PersonParts) -> tuple[bool, str]:
    """Whether two full names may be one person, by their given names and suffixes; with the rule that decided."""
    if p.suffix != q.suffix:
        return False, "different generational suffix"
    if not p.given or not q.given:
        return True, "family name alone"
    if p.east_asian or q.east_asian:
        if p.east_asian != q.east_asian:
            return False, "different name order"
        same = p.given_key == q.given_key
        return same, "same given-name key" if same else "different given names"
    if p.given_key == q.given_key:
        return True, "same given-name key"
    if p.initial or q.initial:
        ok = p.first_key[:1] == q.first_key[:1]
        return ok, "initial agrees" if ok else "different initials"
    if not _name_match(p.first_key, q.first_key):
        if slavic_key(p.family_key) and _slavic_given(p.first_key) == _slavic_given(q.first_key):
            pass  # Serhiy / Sergueï, Dmytro / Dmitri for one Slavic family name
        elif not _arabic_jim(p.first_key, q.first_key):
            return False, "different given names"
    if p.middles and q.middles and not _middles_match(p.middles, q.middles):
        return False, "different middle names"
    return True, "given names agree"


def _arabic_jim(a: str, b: str) -> bool:
    """ج written j, dj or g (Egyptian): Najib / Nagib, Gamal / Jamal; the family names already agree."""
    return len(a) > 3 and "x" in a + b and vowel_key(a.replace("x", "g")) == vowel_key(b.replace("x", "g"))


def _slavic_given(key: str) -> str:
    """A Slavic given name's Ukrainian and Russian forms: Serhiy / Sergueï, Andriy / Andreï, Dmytro / Dmitri (h / g,
    i / y / e / o folded; used only where the family name is Slavic)."""
    if len(key) <= 3:
        return key
    return re.sub(r"([a-zV])\1+", r"\1", re.sub(r"[eioy]+", "V", key.replace("g", "h")))


def _middles_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b):
        return False
    return all(
        x[:1] == y[:1] and (len(x) == 1 or len(y) == 1 or _name_match(x, y))
        for x, y in zip(a, b, strict=True)
    )


def _name_match(a: str, b: str) -> bool:
    """Two keys of one name part: equal, equal once vowels are folded, or close within one consonant skeleton."""
    if a == b:
        return True
    if len(a) <= 3 or len(b) <= 3:
        return False
    if vowel_key(a) == vowel_key(b):
        return True
    if a[0] == b[0] and vowel_key(a.replace("x", "i")) == vowel_key(b.replace("x", "i")):
        return True  # j read as y: Benjamin / Benyamin, Jurij / Yuri
    # close spellings only: a name is not another with a syllable more (Bimi / Bibimi)
    return (
        abs(len(a) - len(b)) <= 1
        and skeleton(a) == skeleton(b)
        and similar(a, b) >= 0.8
        and not _feminine_pair(a, b)
    )


def arabic_key(family_key: str) -> str:
    """ذ / ظ / ض are spelt dh, z, d or th (Kadhimi / Kazimi / Kadimi), final ة as -ah or -a: one key for them."""
    return re.sub(r"(?<=[aeiou])h$", "", vowel_key(family_key).replace("z", "d"))


def _has_dh(p: PersonParts) -> bool:
    return "dh" in fold(p.family) or "th" in fold(p.family)


@functools.lru_cache(maxsize=1)
def _slavic_endings() -> tuple[str, ...]:
    # endings whose key is one or two letters of another kind ("-itch" -> "i", "-dze" -> "x") say nothing
    keys = {translit_key(e) for e in _naming()["family_name_endings"]}
    return tuple(sorted(k for k in keys if len(k) >= 2 and k != "vi"))


def slavic_key(family_key: str) -> str:
    """Ukrainian h for Russian g (Hrytsenko / Gritsenko, Hlukhiv / Gloukhov): one key, for a family name with a
    Slavic ending only (Arabic Ghassan and Hassan stay two names); "" otherwise."""
    if len(family_key) < 5 or not family_key.endswith(_slavic_endings()):
        return ""
    return family_key.replace("g", "h")


def family_compatible(p: PersonParts, q: PersonParts) -> tuple[bool, str]:
    if p.family_key == q.family_key:
        return True, f"same family-name key '{p.family_key}'"
    if p.east_asian or q.east_asian or _feminine_pair(p.family_key, q.family_key):
        return False, "different family names"
    if p.family_key.startswith("regnal:") or q.family_key.startswith("regnal:"):
        return False, "different regnal numbers"  # Mohammed V / Mohammed VI
    if slavic_key(p.family_key) and slavic_key(p.family_key) == slavic_key(q.family_key):
        return (
            True,
            f"same Slavic family name once Ukrainian h / Russian g are folded '{slavic_key(p.family_key)}'",
        )
    if (
        len(p.family_key) > 4
        and (_has_dh(p) or _has_dh(q))
        and arabic_key(p.family_key) == arabic_key(q.family_key)
    ):
        return True, f"same family name once Arabic dh/z/d are folded '{arabic_key(p.family_key)}'"
    if vowel_key(p.family_key) == vowel_key(q.family_key) and len(p.family_key) > 3:
        return True, f"same family name once vowels are folded '{vowel_key(p.family_key)}'"
    if (
        skeleton(p.family_key) == skeleton(q.family_key)
        and min(len(p.family_key), len(q.family_key)) >= 5
        and abs(len(p.family_key) - len(q.family_key)) <= 1
    ):
        s = similar(p.family_key, q.family_key)
        if s >= 0.8:
            return True, f"close family names (skeleton '{skeleton(p.family_key)}', similarity {s:.2f})"
    return False, "different family names"


# ----------------------------------------------------------------------------------------------- resolution


_COMPATIBLE_TYPES = {
    frozenset({"LOC", "GPE"}),
    frozenset({"MISC", "ORG"}),
    frozenset({"MISC", "LOC"}),
    frozenset({"MISC", "GPE"}),
}


def types_compatible(a: set[str], b: set[str]) -> bool:
    """PER only with PER; places (LOC, GPE) together; MISC with a non-person; ORG never with a place."""
    for x in a:
        for y in b:
            if x != y and frozenset({x, y}) not in _COMPATIBLE_TYPES:
                return False
    return True


@dataclass
class _Node:
    article: str
    local: LocalEntity
    type: str
    person: PersonParts | None  # fullest person name, None for other types
    persons: list[PersonParts]  # every full name form (with given names)
    keys: list[str]  # name keys of the non-person forms


@dataclass
class _Cluster:
    types: set[str]
    refs: set[str]
    persons: list[PersonParts]
    reasons: list[str] = field(default_factory=list)
    weak: bool = False  # every member typed by the tagger alone


class _Resolver:
    """Union-find over local entities with constraints checked at each union."""

    def __init__(self, nodes: list[_Node]) -> None:
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.clusters: dict[int, _Cluster] = {
            i: _Cluster({n.type}, {n.local.ref} if n.local.ref else set(), list(n.persons), weak=n.local.weak)
            for i, n in enumerate(nodes)
        }

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, a: int, b: int) -> tuple[bool, str]:
        ca, cb = self.clusters[a], self.clusters[b]
        if len(ca.refs | cb.refs) > 1:
            return False, "different references"
        if not types_compatible(ca.types, cb.types):
            return False, "different types"
        for p in ca.persons:
            for q in cb.persons:
                ok, why = persons_compatible(p, q)
                if not ok:
                    return False, why
        return True, ""

    def union(self, i: int, j: int, reason: str, retype: bool = False) -> bool:
        """Merge the clusters of i and j unless a constraint forbids it. `retype`: j is a bare word the tagger
        typed alone, and takes i's type."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if retype:  # the tagger's type and its lookup reference give way
            self.clusters[b].types = set(self.clusters[a].types)
            self.clusters[b].refs = set()
        ok, _ = self.can_merge(a, b)
        if not ok:
            return False
        a, b = min(a, b), max(a, b)
        ca, cb = self.clusters[a], self.clusters.pop(b)
        self.parent[b] = a
        ca.types |= cb.types
        ca.refs |= cb.refs
        ca.weak = ca.weak and cb.weak
        seen = {(p.family_key, p.given_key, p.suffix) for p in ca.persons}
        ca.persons += [p for p in cb.persons if (p.family_key, p.given_key, p.suffix) not in seen]
        ca.reasons += cb.reasons
        ca.reasons.append(reason)
        return True


def _complete(le: LocalEntity) -> LocalEntity:
    """A local entity made by another producer (only key, name, type, mentions): give it the name forms of its
    mentions and, for a place or an organisation, the gazetteer reference `article_entities` would have given."""
    forms = list(le.forms) or list(dict.fromkeys([le.name] + [m.text for m in le.mentions]))
    key_forms = list(le.key_forms) or forms
    ref = le.ref
    if ref is None and le.type != "PER" and not le.forms:
        ref = _gazetteer_ref([le.name] + forms, le.type)
    if (forms, key_forms, ref) == (le.forms, le.key_forms, le.ref):
        return le
    return dataclasses.replace(le, forms=forms, key_forms=key_forms, ref=ref)


def _gazetteer_ref(forms: list[str], typ: str) -> str | None:
    from recoupe.nlp.entities import gazetteer

    gz = gazetteer()
    forms = [re.sub(r"^(?:[Ll]es?|[Ll]a|[Ll]['’]|[Dd]u|[Dd]es)\s*(?=[A-ZÀ-Ý])", "", f) for f in forms]
    for f in forms:
        hit = gz.terms.get(f)
        if hit:
            ref, _, kind = hit
            if kind == "capital":
                return gz.capital_of.get(ref, ref) if typ == "GPE" else ref
            if kind != "derived" or typ == "GPE":
                return ref
    for f in forms:
        if f.lower() in gz.adjectives:  # "nord-coréen" names its country
            return gz.adjectives[f.lower()]
    if typ in ("LOC", "GPE"):
        for f in forms:
            city = gz.cities.get(translit_key(f))
            if city:
                return gz.capital_of.get(city, city) if typ == "GPE" else city
    return None


def _without_demonym(name: str) -> str:
    """ "Hezbollah libanais" -> "Hezbollah": an organisation's name with a nationality adjective after it."""
    from recoupe.nlp.entities import gazetteer

    words = name.split()
    if len(words) >= 2 and words[-1][:1].islower() and words[-1].lower() in gazetteer().adjectives:
        return " ".join(words[:-1])
    return ""


_FUNCTION = {
    "de",
    "du",
    "des",
    "d",
    "la",
    "le",
    "les",
    "l",
    "et",
    "en",
    "pour",
    "of",
    "the",
    "and",
    "for",
    "a",
    "à",
}


def initials(name: str) -> str:
    """Initials of a name's content words: "Forces de soutien rapide" -> "FSR"; "" for a name of one word."""
    words = [w for w in re.split(r"[\s\-'’]+", name) if w and w.lower() not in _FUNCTION]
    return "".join(fold(w)[0] for w in words).upper() if len(words) >= 2 else ""


def _merge_acronyms(uf: _Resolver) -> None:
    """An organisation's acronym seen in one article ("FSR") and its full name in another ("Forces de soutien
    rapide"): the acronym joins the one organisation whose name has those initials."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, n in enumerate(uf.nodes):
        if n.type == "ORG":
            for f in n.local.forms or [n.local.name]:
                ini = initials(f)
                if len(ini) >= 2:
                    by_initials[ini].add(i)
    for i, n in enumerate(uf.nodes):
        name = n.local.name
        if n.type not in ("ORG", "MISC") or not re.fullmatch(r"[A-Z]{2,6}", name):
            continue
        roots = {uf.find(j) for j in by_initials.get(name, ())}
        if len(roots) == 1:
            c = next(iter(roots))
            uf.union(
                c, i, f"{_label(n)} -> {_label(uf.nodes[c])}: acronym of the organisation's name (initials)"
            )


def _node(local: LocalEntity) -> _Node:
    article = local.mentions[0].article if local.mentions else ""
    forms = local.forms or [local.name]
    if local.type == "PER" and not local.ref:
        persons = []
        seen = set()
        for f in forms:
            p = person_parts(f)
            if p.given and (p.family_key, p.given_key, p.suffix) not in seen:
                seen.add((p.family_key, p.given_key, p.suffix))
                persons.append(p)
        full = person_parts(local.name)
        return _Node(article, local, "PER", full, persons, [])
    key_forms = list(getattr(local, "key_forms", None) or forms)
    if local.type == "ORG":
        key_forms += [f for f in (_without_demonym(f) for f in key_forms) if f]
    keys = sorted({translit_key(f) for f in key_forms if translit_key(f)})
    return _Node(article, local, local.type, None, [], keys)


def _names_in(uf: _Resolver, idx: list[int]) -> str:
    """ "'A', 'B' in 3 articles": the local names of a group of nodes, for a merge reason."""
    names = sorted({uf.nodes[j].local.name for j in idx})
    return f"{', '.join(map(repr, names))} in {len({uf.nodes[j].article for j in idx})} articles"


def _label(n: _Node) -> str:
    return f"{n.local.name!r} ({n.article})"


def resolve_entities(per_article: list[list[LocalEntity]]) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """Merge the local entities of all articles into entities; `key_map` maps (article id, local key) to the
    entity id. Deterministic: the same input gives the same ids and order."""
    locals_ = [_complete(le) for arts in per_article for le in arts if le.mentions]
    locals_.sort(key=lambda le: (le.mentions[0].article, le.mentions[0].start, le.key))
    nodes = [_node(le) for le in locals_]
    uf = _Resolver(nodes)
    _merge_refs(uf)
    _merge_keys(uf)
    _merge_people(uf)
    _merge_weak_people(uf)
    _merge_loose_names(uf)
    _merge_place_keys(uf)
    _merge_acronyms(uf)
    return _build(uf)


def _merge_refs(uf: _Resolver) -> None:
    by_ref: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(uf.nodes):
        if n.local.ref:
            by_ref[n.local.ref].append(i)
    for ref, idx in by_ref.items():
        names = sorted({uf.nodes[j].local.name for j in idx})
        arts = len({uf.nodes[j].article for j in idx})
        why = f"{', '.join(map(repr, names))} in {arts} articles: same gazetteer reference {ref}"
        for j in idx[1:]:
            uf.union(idx[0], j, why)


def _coarse(t: str) -> str:
    return "PLACE" if t in ("LOC", "GPE") else t


def _merge_keys(uf: _Resolver) -> None:
    """Organisations, places, other names: the same transliteration key of any name form (acronyms included)."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, n in enumerate(uf.nodes):
        for k in n.keys:
            by_key[(_coarse(n.type), k)].append(i)
    for (_, k), idx in sorted(by_key.items()):
        why = f"{_names_in(uf, idx)}: same name key '{k}'"
        for j in idx[1:]:
            uf.union(idx[0], j, why)
    # a place the tagger typed alone (no gazetteer term) is the organisation of that name that acts elsewhere
    for i, n in enumerate(uf.nodes):
        if n.type != "LOC" or not n.local.weak:
            continue
        orgs = {uf.find(j) for k in n.keys for j in by_key.get(("ORG", k), ())}
        if len(orgs) == 1:
            c = next(iter(orgs))
            uf.union(
                c,
                i,
                f"{_label(n)} -> {_label(uf.nodes[c])}: a name the tagger took for a place acts as an "
                f"organisation elsewhere (same name key)",
                retype=True,
            )


def _merge_people(uf: _Resolver) -> None:
    people = [i for i, n in enumerate(uf.nodes) if n.type == "PER" and n.person is not None]
    # 1. exact: same family key and given key (every full form of the local entity counts)
    exact: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i in people:
        for p in uf.nodes[i].persons:
            exact[(p.family_key, p.given_key, p.suffix)].append(i)
    for key, idx in sorted(exact.items()):
        why = f"{_names_in(uf, idx)}: same name keys (family '{key[0]}', given '{key[1]}')"
        for j in idx[1:]:
            uf.union(idx[0], j, why)
    # 2. loose: one block per family-name skeleton; compare the distinct name variants in it
    blocks: dict[str, dict[tuple[str, str, str], tuple[PersonParts, int]]] = defaultdict(dict)
    for i in people:
        for p in uf.nodes[i].persons:
            blk = p.family_key if p.east_asian else skeleton(p.family_key)
            blocks[blk].setdefault((p.family_key, p.given_key, p.suffix), (p, i))
            if not p.east_asian and ("z" in p.family_key or _has_dh(p)):  # Kazimi / Kadhimi: other skeletons
                blocks["ar:" + arabic_key(p.family_key)].setdefault(
                    (p.family_key, p.given_key, p.suffix), (p, i)
                )
            if slavic_key(p.family_key) and "g" in p.family_key:  # Gritsenko joins the block of Hrytsenko
                blocks[skeleton(slavic_key(p.family_key))].setdefault(
                    (p.family_key, p.given_key, p.suffix), (p, i)
                )
    # 1b. Japanese names in either order
    jp: dict[str, list[int]] = defaultdict(list)
    for i in people:
        for p in uf.nodes[i].persons:
            if p.jp_key:
                jp[p.jp_key].append(i)
    for key, idx in sorted(jp.items()):
        for j in idx[1:]:
            uf.union(idx[0], j, f"{_names_in(uf, idx)}: the same two names in either order ('{key}')")
    for blk in sorted(blocks):
        for variants in _sub_blocks(sorted(blocks[blk].items())):
            for x in range(len(variants)):
                for y in range(x + 1, len(variants)):
                    (_, (p, i)), (_, (q, j)) = variants[x], variants[y]
                    ok, why = persons_compatible(p, q)
                    if ok and uf.find(i) != uf.find(j):
                        uf.union(i, j, f"{_label(uf.nodes[j])} = {_label(uf.nodes[i])}: {why}")
    # 2b. compound family names: a name that is the first or last two words of a longer one
    ends: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in people:
        for p in uf.nodes[i].persons:
            if len(p.tokens) >= 3 and not p.east_asian:
                ends[p.tokens[:2]].append(i)
                ends[p.tokens[-2:]].append(i)
    for i in people:
        for p in uf.nodes[i].persons:
            for j in ends.get(p.tokens, ()) if len(p.tokens) == 2 else ():
                for q in uf.nodes[j].persons:
                    if compound_match(p, q) and uf.find(i) != uf.find(j):
                        uf.union(j, i, f"{_label(uf.nodes[i])} = {_label(uf.nodes[j])}: compound family name")
    # 3. a family name alone joins the one person of that family name
    bare = [i for i in people if not uf.nodes[i].persons]
    full_by_family: dict[str, set[int]] = defaultdict(set)
    full_by_vowel: dict[str, set[int]] = defaultdict(set)
    for i in people:
        for p in uf.nodes[i].persons:
            full_by_family[p.family_key].add(i)
            if not p.east_asian:
                full_by_vowel[vowel_key(p.family_key)].add(i)
    heads: dict[str, set[int]] = defaultdict(set)  # "groupe X" -> X, for a bare "X" tagged as a person
    for i, n in enumerate(uf.nodes):
        for h in n.local.heads:
            heads[translit_key(h)].add(uf.find(i))
    heads = {k: {uf.find(c) for c in v} for k, v in heads.items()}
    bare_groups: dict[str, list[int]] = defaultdict(list)
    son_of: dict[str, set[int]] = defaultdict(set)  # "Salmane ben Abdelaziz": "Salmane" alone may be him
    for i in people:
        for p in uf.nodes[i].persons:
            if p.family_key.startswith("ben:") and " " not in p.given_key:
                son_of[p.given_key].add(i)
    for i in bare:
        p = uf.nodes[i].person
        assert p is not None
        cands = {uf.find(c) for c in full_by_family.get(p.family_key, ())}
        how = f"same family-name key '{p.family_key}'"
        if not cands and not p.east_asian and not p.family_key.startswith("ben:"):
            cands = {uf.find(c) for c in son_of.get(p.family_key, ())}
            how = f"the given name of an Arabic name \"X ben Y\" ('{p.family_key}')"
        if not cands and not p.east_asian:
            cands = {uf.find(c) for c in full_by_vowel.get(vowel_key(p.family_key), ())}
            how = f"same family name once vowels are folded '{vowel_key(p.family_key)}'"
        if len(cands) == 1:
            c = next(iter(cands))
            uf.union(
                c,
                i,
                f"{_label(uf.nodes[i])} -> {_label(uf.nodes[c])}: family name alone, {how}, one person of that name",
            )
        elif (
            not cands
            and uf.nodes[i].local.weak
            and len(heads.get(translit_key(uf.nodes[i].local.name), ())) == 1
        ):
            c = next(iter(heads[translit_key(uf.nodes[i].local.name)]))
            uf.union(
                c,
                i,
                f"{_label(uf.nodes[i])} -> {_label(uf.nodes[c])}: a bare word tagged as a person is the "
                f"short form of the organisation named so",
                retype=True,
            )
        elif not cands:
            bare_groups[p.family_key].append(i)
    for k, idx in sorted(bare_groups.items()):
        for j in idx[1:]:
            uf.union(
                idx[0],
                j,
                f"{_label(uf.nodes[j])} = {_label(uf.nodes[idx[0]])}: same family-name key '{k}' (no full name known)",
            )


def _sub_blocks(variants: list, limit: int = 200) -> list[list]:
    """A block of name variants compared pair by pair; a crowded one (a common family name in a large corpus) is
    cut by the first letter of the given names, so that the work stays near-linear."""
    if len(variants) <= limit:
        return [variants]
    subs: dict[str, list] = defaultdict(list)
    for v in variants:
        subs[v[0][1][:1]].append(v)
    return [subs[k] for k in sorted(subs)]


def _merge_weak_people(uf: _Resolver) -> None:
    """A name the tagger alone typed as a place, an organisation or MISC ("Recep Tayyip Erdogan" MISC, "Kouleba"
    LOC) is the person of that name when exactly one person carries it: the same full-name keys, or, for one
    word, the family name of one person only and of no place or organisation."""
    full: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    family: dict[str, set[int]] = defaultdict(set)
    for i, n in enumerate(uf.nodes):
        for p in n.persons:
            full[(p.family_key, p.given_key, p.suffix)].add(uf.find(i))
            family[p.family_key].add(uf.find(i))
    bare_family: dict[str, set[int]] = defaultdict(set)
    for i, n in enumerate(uf.nodes):
        if n.type == "PER" and n.person is not None and not n.persons and not n.person.east_asian:
            bare_family[n.person.family_key].add(uf.find(i))
    strong_keys: set[str] = set()
    for i, n in enumerate(uf.nodes):
        if n.type != "PER" and not uf.clusters[uf.find(i)].weak:
            strong_keys.update(k.replace(" ", "") for k in n.keys)
    for i, n in enumerate(uf.nodes):
        root = uf.find(i)
        if n.type == "PER" or n.local.ref or not uf.clusters[root].weak:
            continue
        p = person_parts(n.local.name)
        if p.given:
            cands = {uf.find(c) for c in full.get((p.family_key, p.given_key, p.suffix), ())}
            how = "the same full-name keys"
            if not cands:  # a variant spelling of one person's full name ("Moqtada" / "Muqtada al-Sadr")
                cands = {
                    r
                    for r in {uf.find(c) for c in family.get(p.family_key, ())}
                    if any(persons_compatible(p, q)[0] for q in uf.clusters[r].persons)
                }
                how = "a compatible full name (same family-name key, given names agree)"
            if not cands:  # no full name of a person: the one person named by this family name alone
                cands = {uf.find(c) for c in bare_family.get(p.family_key, ())}
                how = f"the family name '{p.family_key}' of a person named by it alone"
        elif p.family_key not in strong_keys and len(p.family_key) >= 4:
            cands = {uf.find(c) for c in family.get(p.family_key, ())}
            how = f"the family name '{p.family_key}' of one person only"
        else:
            continue
        if len(cands) == 1:
            c = next(iter(cands))
            uf.union(
                c,
                i,
                f"{_label(n)} -> {_label(uf.nodes[c])}: typed {n.type} by the tagger alone, {how}",
                retype=True,
            )


_SUN_ARTICLE = re.compile(r"\b([ae])[lsztdrnx] (?=[a-z])")


def article_key(key: str) -> str:
    """A translit key with the Arabic article folded: dropped at the start ("Al-Hodeïda"), one form elsewhere
    (al- / el- / ez- / ach-: "Hayat Tahrir al-Cham" / "Hayat Tahrir ach-Cham")."""
    k = re.sub(r"^[ae][lsztdrnx] (?=[a-z]{3})", "", key)
    return _SUN_ARTICLE.sub("e", k)


def place_key(key: str) -> str:
    """A loose key of a place name's translit key, for the spellings a key does not fold: Ukrainian i / ï against
    Russian e, ie, o (Avdiivka / Avdeïevka, Kharkiv / Kharkov), Ukrainian h against Russian g (Tchernihiv /
    Tchernigov), the Arabic article written apart, joined or assimilated (Deir ez-Zor / Deir Ezzor / Deir el-Zor),
    final -ah / -a (Hodeidah / Hodeïda). The vowels a and u stay, so that most names keep their shape."""
    k = article_key(key)
    k = re.sub(r"^vu(?=[a-z]{4})", "u", k)  # Ukrainian prothetic v: Vouhledar / Ougledar
    k = re.sub(r"(?<=[aeiou])h\b", "", k).replace(" ", "").replace("g", "h")
    k = re.sub(r"[eio]+", "V", k)
    return re.sub(r"([a-zV])\1+", r"\1", k)


def _merge_place_keys(uf: _Resolver) -> None:
    """Places whose loose place keys are equal (see `place_key`); a gazetteer reference still forbids joining two
    known places."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(uf.nodes):
        if n.type not in ("LOC", "GPE", "ORG"):
            continue
        loose = place_key if n.type != "ORG" else (lambda k: "org:" + article_key(k).replace(" ", ""))
        for k in {loose(k) for k in n.keys}:
            if len(k) >= 5 and (k.count("V") >= 1 or k.startswith("org:")):
                by_key[k].append(i)
    for k, idx in sorted(by_key.items()):
        for j in idx[1:]:
            uf.union(
                idx[0],
                j,
                f"{_names_in(uf, idx)}: same place key '{k}' (Ukrainian/Russian vowels, h/g, Arabic article)",
            )


def _merge_loose_names(uf: _Resolver) -> None:
    """Places and organisations without a reference: close keys within one skeleton block (Marioupol/Mariupol
    already share a key; this catches one-letter differences of long names)."""
    blocks: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for i, n in enumerate(uf.nodes):
        if n.type == "PER":
            continue  # a known place may take an unknown spelling of it (two references never merge)
        for k in n.keys:
            if len(k) >= 6:
                blocks[(_coarse(n.type), skeleton(k))].setdefault(k, i)
    for blk in sorted(blocks):
        variants = sorted(blocks[blk].items())
        if len(variants) > 50:  # a degenerate block: skip rather than go quadratic
            continue
        for x in range(len(variants)):
            for y in range(x + 1, len(variants)):
                (ka, i), (kb, j) = variants[x], variants[y]
                s = similar(ka, kb)
                if s >= (0.9 if min(len(ka), len(kb)) < 8 else 0.85) and uf.find(i) != uf.find(j):
                    uf.union(
                        i,
                        j,
                        f"{_label(uf.nodes[j])} = {_label(uf.nodes[i])}: close names '{ka}' / '{kb}' (similarity {s:.2f})",
                    )


def _build(uf: _Resolver) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(uf.nodes)):
        members[uf.find(i)].append(i)
    entities: list[Entity] = []
    key_map: dict[tuple[str, str], str] = {}
    for root in sorted(members, key=lambda r: min(members[r])):
        nodes = [uf.nodes[i] for i in members[root]]
        ent = _entity(nodes, uf.clusters[root])
        entities.append(ent)
        for n in nodes:
            key_map[(n.article, n.local.key)] = ent.id
    return entities, key_map


def _entity(nodes: list[_Node], cluster: _Cluster) -> Entity:
    mentions: list[EntityMention] = sorted(
        (m for n in nodes for m in n.local.mentions), key=lambda m: (m.article, m.start)
    )
    form_count: Counter[str] = Counter()
    for n in nodes:
        forms = set(n.local.forms or [n.local.name])
        for m in n.local.mentions:
            if m.text in forms:
                form_count[m.text] += 1
        for f in forms:
            form_count.setdefault(f, 0)
    types = Counter(n.type for n in nodes if n.type in cluster.types) or Counter(cluster.types)
    typ = _entity_type(types, cluster.refs)
    name = _canonical(nodes, form_count, typ)
    aliases = sorted(form_count, key=lambda f: (-form_count[f], f))
    roles = Counter(r for n in nodes for r in n.local.roles)
    description = sorted(roles.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0] if roles else None
    if description is None:
        description = next((n.local.description for n in nodes if n.local.description), None)
    first = mentions[0] if mentions else None
    eid = stable_id("ent", typ, name, first.article if first else "", first.start if first else 0)
    local_links = [r for n in nodes for r in getattr(n.local, "links", [])]
    reasons = list(dict.fromkeys(local_links + cluster.reasons))
    return Entity(
        id=eid,
        name=name,
        type=typ,
        aliases=aliases,
        mentions=mentions,
        description=description,
        merge_reasons=reasons,
    )


def _entity_type(types: Counter[str], refs: set[str]) -> str:
    ref = next(iter(refs), "")
    if ref.startswith("country:"):
        return "GPE"
    if ref.startswith(("org:", "seat:")):
        return "ORG"
    if ref.startswith(("city:", "region:")):
        return "LOC"
    return sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _canonical(nodes: list[_Node], form_count: Counter[str], typ: str) -> str:
    """The most frequent full form: for people, among the forms with the most name parts; for others, among the
    names the articles chose as their fullest."""
    if typ == "PER":

        def parts(f: str) -> int:
            p = person_parts(f)
            return (1 if p.family else 0) + len(p.given)

        best = max((parts(f) for f in form_count), default=0)
        cands = [f for f in form_count if parts(f) == best]
        return sorted(cands, key=lambda f: (-form_count[f], -len(f), f))[0]
    chosen = Counter(n.local.name for n in nodes)
    return sorted(chosen, key=lambda f: (-chosen[f] - form_count.get(f, 0), f))[0]


def explain(entity: Entity) -> str:
    """A multi-line account of an entity for `recoupe explain-entity NAME`: its aliases, where each is seen and
    which rule merged them, so a journalist can check a merge before trusting it."""
    lines = [f"{entity.name} [{entity.type}] {entity.id}"]
    if entity.description:
        lines.append(f"  role: {entity.description}")
    by_alias: dict[str, set[str]] = defaultdict(set)
    for m in entity.mentions:
        by_alias[m.text].add(m.article)
    lines.append(f"  {len(entity.mentions)} mentions in {len({m.article for m in entity.mentions})} articles")
    lines.append("  aliases:")
    for a in entity.aliases:
        arts = sorted(by_alias.get(a, ()))
        lines.append(
            f"    {a}  ({len(arts)} articles: {', '.join(arts[:5])}{' ...' if len(arts) > 5 else ''})"
        )
    lines.append("  merged because:")
    if not entity.merge_reasons:
        lines.append("    (nothing merged: one article's mentions only)")
    for r in entity.merge_reasons:
        lines.append(f"    - {r}")
    return "\n".join(lines)


def entity_names(entities: Iterable[Entity]) -> dict[str, list[Entity]]:
    """Folded alias -> entities carrying it (for looking an entity up by any of its names)."""
    out: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        for a in {e.name, *e.aliases}:
            out[fold(a)].append(e)
    return dict(out)
