"""Copies and near-copies: exact raw bytes, identical cleaned text, and MinHash/LSH near-duplicates
(the same wire story republished with small edits). The first article in input order is the original."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import Article

_WORD = re.compile(r"\w+", re.UNICODE)
NEAR_DUPLICATE_THRESHOLD = 0.7  # Jaccard similarity of word 5-gram shingles (LSH finds candidates, then exact)
_NUM_PERM = 128


def _norm_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WORD.findall(text)


def shingles(text: str, n: int = 5) -> set[str]:
    words = _norm_words(text)
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def mark_duplicates(articles: list[Article]) -> int:
    """Set `duplicate_of` on copies (in place); return how many articles are copies."""
    from datasketch import MinHash, MinHashLSH

    by_raw: dict[str, str] = {}
    by_text: dict[str, str] = {}
    # LSH at a lower threshold so that borderline pairs are not missed; the exact Jaccard then decides.
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD - 0.15, num_perm=_NUM_PERM)
    kept: dict[str, set[str]] = {}
    order: dict[str, int] = {}
    count = 0
    for i, a in enumerate(articles):
        a.duplicate_of = None
        text_key = hashlib.sha256(" ".join(_norm_words(a.text)).encode()).hexdigest()
        original = by_raw.get(a.content_hash or "") or by_text.get(text_key)
        sh = shingles(a.text)
        mh = None
        if original is None and len(sh) >= 5:
            mh = MinHash(num_perm=_NUM_PERM, seed=1)
            for s in sh:
                mh.update(s.encode("utf-8"))
            hits = sorted(lsh.query(mh), key=lambda k: order[k])
            original = next((h for h in hits if jaccard(sh, kept[h]) >= NEAR_DUPLICATE_THRESHOLD), None)
        if original is not None:
            a.duplicate_of = original
            count += 1
            continue
        if a.content_hash:
            by_raw.setdefault(a.content_hash, a.id)
        by_text.setdefault(text_key, a.id)
        if mh is not None and a.id not in order:
            order[a.id] = i
            kept[a.id] = sh
            lsh.insert(a.id, mh)
    return count
