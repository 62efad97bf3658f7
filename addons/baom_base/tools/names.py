"""Name normalisation, script-independent phonetic keys and duplicate scoring."""

import datetime
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

# Scores are 0..100, built from three kinds of evidence:
#   name     up to 50 points: 0 below a similarity of 0.5, 50 for identical keys;
#   birth    +35 same full date, +25 day/month swapped, +20 same year when one
#            side is partial; -20 same year but another day, -40 another year;
#   phone    +35 same E.164 number (a shared family phone is never enough alone).
# Reason codes: name, name_similar, birth_date, birth_date_swapped, birth_year,
# birth_date_differs, phone.
# So a similar name plus one corroborating fact (date or phone) reaches
# LIKELY_DUPLICATE, a name alone stops at POSSIBLE_DUPLICATE, and a different
# birth date pulls an identical name far below both.
LIKELY_DUPLICATE = 75
POSSIBLE_DUPLICATE = 50
NAME_POINTS = 50
SAME_BIRTH_DATE_POINTS = 35
SWAPPED_BIRTH_DATE_POINTS = 25
SAME_BIRTH_YEAR_POINTS = 20
OTHER_BIRTH_DAY_POINTS = -20
OTHER_BIRTH_YEAR_POINTS = -40
SAME_PHONE_POINTS = 35
TOKEN_EDIT_RATIO = 0.75
NAME_MATCH = 0.9
NAME_SIMILAR = 0.6
# A name written without its middle or second family name still counts,
# a little less than the full name.
SUBSET_FACTOR = 0.85

_HARAKAT_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_SPECIAL = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "œ": "oe", "æ": "ae", "ß": "ss"}
)
_ARABIC_UNIFY = str.maketrans(
    {
        "\u0622": "\u0627",  # آ -> ا
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u06cc": "\u064a",  # Persian ya
        "\u06a9": "\u0643",  # Persian kaf
        "\u0621": None,  # lone hamza
    }
)
_ARABIC_LATIN = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "ch", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "d", "ع": "a", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "ou", "ي": "i",
    "ى": "a", "ة": "a", "ء": "", "ئ": "i", "ؤ": "ou", "أ": "a", "إ": "i",
    "آ": "a", "ٱ": "a", "گ": "g", "ڭ": "g", "ڤ": "v", "پ": "p", "چ": "tch",
}  # fmt: skip
# Keeps the Latin digraph rules from firing across two Arabic letters
# (س + ه is "s-h", not "sh").
_SEP = "'"
# The article is always a bare alef-lam; these names merely start with the
# same letters once the hamza is dropped, as people often type them.
_NOT_ARTICLE = {"الياس", "الهام", "الفه", "الفت"}
_DROP_PARTICLES = {"el", "al", "l", "ou", "u", "o", "w", "de", "du", "des", "la"}
_JOIN_PARTICLES = {
    "ait", "ayt", "aith", "ben", "bin", "ibn", "bn", "abn", "bent", "bint", "bnt",
    "abd", "abdel", "abdal", "abdul", "abdoul", "abou", "abu", "bou", "ould",
    "wld", "oulad", "ouled", "awlad",
}  # fmt: skip
_ABD_PREFIX_RE = re.compile(r"^abd(?:el|al|oul|ul)(?=[a-z']{2})")
_INITIAL_W_RE = re.compile(r"ou'?[aeiy]|w")
_INITIAL_Y_RE = re.compile(r"y'?[aeiou]")
_DIGRAPHS = [
    (re.compile(p), r)
    for p, r in (
        ("[cs]h", "C"),
        ("kh", "X"),
        ("gh", "g"),
        ("ph", "f"),
        ("dj", "j"),
        ("ck", "k"),
        ("q", "k"),
        ("x", "ks"),
        ("c(?=[eiy])", "s"),
        ("c", "k"),
    )
]
_VOWELS_RE = re.compile(f"[aeiouyw{_SEP}]")
_DOUBLE_RE = re.compile(r"(.)\1+")


def is_arabic(text):
    """Whether the text contains Arabic script."""
    return bool(text) and bool(_ARABIC_RE.search(text))


def clean_name(text):
    """Trim and collapse spaces, title-case Latin words, keep Arabic as typed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).replace("’", "'")
    words = [w if is_arabic(w) else w.title() for w in text.split()]
    return " ".join(words)


def fold(text):
    """Lowercase, strip accents and Arabic diacritics, unify letter variants."""
    if not text:
        return ""
    if isinstance(text, str):
        return _fold_text(text)
    return _fold_text.__wrapped__(str(text))


@lru_cache(maxsize=65536)
def _fold_text(text):
    # Cached: an import folds the same few hundred names and words per row.
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _HARAKAT_RE.sub("", text).translate(_ARABIC_UNIFY)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.translate(_LATIN_SPECIAL).split())


def _arabic_word_to_latin(word, sep=""):
    """Render one Arabic word in Latin letters, without short vowels."""
    out = []
    for i, char in enumerate(word):
        # A word-initial waw or ya is always a consonant; upper case tells
        # _skeleton to keep it.
        if i == 0 and char in "وؤ":
            latin = "W" if sep else "w"
        elif i == 0 and char == "ي":
            latin = "Y" if sep else "y"
        else:
            latin = _ARABIC_LATIN.get(char, char if char.isascii() else "")
        out.append(latin + sep if latin else "")
    return "".join(out)


def transliterate_arabic(text):
    """Arabic script to a rough Latin rendering (consonants and long vowels)."""
    text = _HARAKAT_RE.sub("", unicodedata.normalize("NFKC", text or ""))
    return " ".join(_arabic_word_to_latin(w) for w in text.split())


def _strip_arabic_article(word):
    """Drop a leading bare alef-lam article from an Arabic word."""
    if word.startswith("ال") and len(word) >= 4 and fold(word) not in _NOT_ARTICLE:
        return word[2:]
    return word


def _latin_words(text):
    """Split a name into words, Arabic ones rendered in Latin letters."""
    text = _HARAKAT_RE.sub("", unicodedata.normalize("NFKC", text).casefold())
    words = []
    for word in _WORD_RE.findall(text.replace("ç", "s")):
        if is_arabic(word):
            # Attached عبدال... (Abdelaziz) splits into abd + article-less name.
            if word.startswith("عبدال") and len(word) > 6:
                words.append(_arabic_word_to_latin("عبد", _SEP))
                word = word[3:]
            words.append(_arabic_word_to_latin(_strip_arabic_article(word), _SEP))
        else:
            word = fold(word)
            # Attached article (Elamrani); short words like Elias keep it.
            if word.startswith("el") and len(word) >= 6:
                word = word[2:]
            words.append(word)
    return words


def _merge_particles(words):
    """Drop articles and glue ben/ait/abd-like particles to the next word."""
    merged, prefix = [], ""
    for word in words:
        bare = word.replace(_SEP, "")
        if bare in _DROP_PARTICLES:
            continue
        if bare in _JOIN_PARTICLES:
            prefix += word
            continue
        # The glued word keeps its own initial w/y (Ait Ouahmane = آيت واحمان).
        merged.append(prefix + _mark_initial(word) if prefix else word)
        prefix = ""
    if prefix:
        merged.append(prefix)
    return merged


def _mark_initial(word):
    """Initial y/w (Youssef, Walid, Oualid) carry the name; inside they are vowels."""
    if _INITIAL_W_RE.match(word):
        return "W" + (word[1:] if word[0] == "w" else word[2:])
    if _INITIAL_Y_RE.match(word):
        return "Y" + word[1:]
    return word


@lru_cache(maxsize=65536)
def _skeleton(word):
    """Consonant skeleton of one Latin word, the heart of the phonetic key."""
    word = _mark_initial(_ABD_PREFIX_RE.sub("abd", word))
    for pattern, repl in _DIGRAPHS:
        word = pattern.sub(repl, word)
    word = _DOUBLE_RE.sub(r"\1", _VOWELS_RE.sub("", word).lower())
    # A final h is a ta marbuta or a silent h (Fatiha/فتيحة, Abdellah/عبد الله).
    return word[:-1] if len(word) > 1 and word.endswith("h") else word


@lru_cache(maxsize=65536)
def _tokens(text):
    """Cached phonetic keys of a name, as a tuple."""
    keys = (_skeleton(w) for w in _merge_particles(_latin_words(text or "")))
    return tuple(k for k in keys if k)


def name_tokens(text):
    """Phonetic keys of a name, equal across scripts and usual transliterations."""
    return list(_tokens(text))


def _levenshtein(a, b):
    """Edit distance between two short strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1]


@lru_cache(maxsize=65536)
def _token_similarity(a, b):
    """Similarity of two keys: 1 equal, 0.95 with/without article, else by edits."""
    if a == b:
        return 1.0
    if b in _alternatives(a) or a in _alternatives(b):
        return 0.95
    longest = max(len(a), len(b))
    if abs(len(a) - len(b)) * 3 > longest:
        return 0.0
    ratio = 1 - _levenshtein(a, b) / longest
    # One edit in a three-letter skeleton (Omar/Meryem: mr/mrm) is another name.
    return ratio * ratio if ratio >= TOKEN_EDIT_RATIO else 0.0


def _aligned_similarity(ta, tb):
    """Pair tokens greedily; Dice over the pairing, or a discounted subset."""
    pairs = sorted(
        (
            (_token_similarity(x, y), i, j)
            for i, x in enumerate(ta)
            for j, y in enumerate(tb)
        ),
        reverse=True,
    )
    used_a, used_b, total = set(), set(), 0.0
    for sim, i, j in pairs:
        if sim and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            total += sim
    dice = 2 * total / (len(ta) + len(tb))
    shortest = min(len(ta), len(tb))
    subset = SUBSET_FACTOR * total / shortest if shortest >= 2 else 0.0
    return max(dice, subset)


@lru_cache(maxsize=65536)
def _token_set_similarity(ta, tb):
    """Token-set similarity, also trying compound names written as one word."""
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    best = _aligned_similarity(ta, tb)
    longer, shorter = (ta, tb) if len(ta) > len(tb) else (tb, ta)
    if len(longer) != len(shorter):
        for i in range(len(longer) - 1):
            # One-letter keys (Ali, Aicha) are no half of a compound: Ali + Amrani
            # would read as the fused-article Lamrani.
            if min(len(longer[i]), len(longer[i + 1])) < 2:
                continue
            merged = longer[:i] + (longer[i] + longer[i + 1],) + longer[i + 2 :]
            best = max(best, _aligned_similarity(merged, shorter))
    return best


def name_similarity(a, b):
    """Similarity 0..1 of two names, whatever their script or spelling."""
    return _token_set_similarity(_tokens(a), _tokens(b))


class Person(NamedTuple):
    """What duplicate detection compares; phone in E.164, names as typed."""

    first_name: str = ""
    last_name: str = ""
    name_ar: str = ""
    birth_date: datetime.date | None = None
    phone: str | None = None
    birth_date_partial: bool = False  # only the year (or month) is known


def _name_variants(person):
    """Token tuples of the Latin-field name and of the Arabic-field name."""
    latin = _tokens(f"{person.first_name or ''} {person.last_name or ''}")
    arabic = _tokens(person.name_ar or "")
    return tuple(dict.fromkeys(t for t in (latin, arabic) if t))


def _birth_points(a, b):
    """Points and reason code for the birth dates of two people."""
    da, db = a.birth_date, b.birth_date
    if not da or not db:
        return 0, None
    if da.year != db.year:
        return OTHER_BIRTH_YEAR_POINTS, "birth_date_differs"
    if a.birth_date_partial or b.birth_date_partial:
        return SAME_BIRTH_YEAR_POINTS, "birth_year"
    if da == db:
        return SAME_BIRTH_DATE_POINTS, "birth_date"
    if (da.day, da.month) == (db.month, db.day):
        return SWAPPED_BIRTH_DATE_POINTS, "birth_date_swapped"
    return OTHER_BIRTH_DAY_POINTS, "birth_date_differs"


def _evidence_points(a, b):
    """Points and reason codes from birth dates and phones."""
    points, reason = _birth_points(a, b)
    reasons = [reason] if reason else []
    if a.phone and a.phone == b.phone:
        points += SAME_PHONE_POINTS
        reasons.append("phone")
    return points, reasons


def _score(a, variants_a, b, variants_b, floor=None):
    """match_score with name variants computed; None if it cannot reach floor."""
    points, reasons = _evidence_points(a, b)
    # Comparing names is the costly part: skip it when even identical names
    # could not lift the score to the floor.
    if floor is not None and points + NAME_POINTS < floor:
        return None
    similarity = max(
        (_token_set_similarity(x, y) for x in variants_a for y in variants_b),
        default=0.0,
    )
    points += round(NAME_POINTS * max(0.0, (similarity - 0.5) / 0.5))
    if similarity >= NAME_MATCH:
        reasons.insert(0, "name")
    elif similarity >= NAME_SIMILAR:
        reasons.insert(0, "name_similar")
    return max(0, min(100, points)), reasons


def match_score(a, b):
    """Score 0..100 that a and b are the same person, with reason codes."""
    return _score(a, _name_variants(a), b, _name_variants(b))


def _alternatives(token):
    """A key and, after a fused article (Lamrani, Lahcen), the key without it."""
    if token[0] == "l" and len(token) > 2:
        return (token, token[1:])
    return (token,)


def _pair_keys(xs, ys):
    """Order-independent bucket keys for two name parts."""
    return {f"n:{min(x, y)}|{max(x, y)}" for x in xs for y in ys}


@lru_cache(maxsize=65536)
def _name_blocks(variant):
    """Name bucket keys: each pair of parts, a compound written as one word
    (a frozenset, cached: a register repeats the same names)."""
    variant = variant[:4]
    parts = [_alternatives(token) for token in variant]
    keys = {f"n:{x}" for x in parts[0]} if len(parts) == 1 else set()
    for i, j in combinations(range(len(parts)), 2):
        keys |= _pair_keys(parts[i], parts[j])
    for i in range(len(parts) - 1):
        # Fatima Zahra Amrani must meet Fatimazahra Amrani.
        joined = (variant[i] + variant[i + 1],)
        for other in parts[:i] + parts[i + 2 :]:
            keys |= _pair_keys(joined, other)
    return frozenset(keys)


@lru_cache(maxsize=65536)
def _year_tokens(variant):
    """Every token of a name variant with its article-less alternative."""
    return tuple(x for token in variant for x in _alternatives(token))


def _blocking_keys(person, variants):
    """Bucket keys: phone, birth year + name part, pairs of name parts."""
    keys = {f"p:{person.phone}"} if person.phone else set()
    for variant in variants:
        keys |= _name_blocks(variant)
        if person.birth_date:
            year = person.birth_date.year
            keys.update(f"y:{year}:{x}" for x in _year_tokens(variant))
    return keys


def _birth_year(person):
    """Year of birth, None when unknown (what _birth_points compares)."""
    return person.birth_date.year if person.birth_date else None


class Match(NamedTuple):
    """One candidate duplicate found in a DuplicateIndex."""

    key: object
    score: int
    reasons: list


class DuplicateIndex:
    """People indexed by blocking keys, so a lookup never scans everybody."""

    def __init__(self, max_bucket=500):
        # A bucket shared by hundreds (a placeholder phone, a very common
        # name pair) tells nothing; it is skipped like a stop word.
        self.max_bucket = max_bucket
        self._people = {}
        # Order of indexing: between equal scores the person indexed first
        # wins, whatever order the buckets come in (it varies with Python's
        # hash seed, and the same file must merge the same way every time).
        self._position = {}
        self._buckets = defaultdict(list)
        # (person, variants, blocking keys) of the last lookup: an import
        # adds the person it just looked up, and need not derive them twice.
        self._last = (None, (), set())

    def _derived(self, person):
        """Name variants and blocking keys of a person."""
        last_person, variants, keys = self._last
        if person is not last_person:
            variants = _name_variants(person)
            keys = _blocking_keys(person, variants)
            self._last = (person, variants, keys)
        return variants, keys

    def __len__(self):
        return len(self._people)

    def __contains__(self, key):
        return key in self._people

    def __getitem__(self, key):
        return self._people[key][0]

    def add(self, key, person):
        """Index a person under a caller's key (record id, row number)."""
        variants, keys = self._derived(person)
        self._people[key] = (person, variants, _birth_year(person))
        self._position.setdefault(key, len(self._position))
        for bucket in keys:
            self._buckets[bucket].append(key)

    def candidates(self, person):
        """Keys of indexed people sharing at least one useful bucket."""
        return list(self._candidates(self._derived(person)[1]))

    def _candidates(self, blocking_keys):
        found = {}
        for bucket in blocking_keys:
            keys = self._buckets.get(bucket, ())
            if len(keys) <= self.max_bucket:
                found.update(dict.fromkeys(keys))
        return found

    def matches(self, person, threshold=POSSIBLE_DUPLICATE):
        """Match(key, score, reasons) of candidates reaching threshold, best first."""
        variants, blocking_keys = self._derived(person)
        year = _birth_year(person)
        # Another birth year costs more points than a shared phone and an
        # identical name can give: below most thresholds such a candidate
        # (the bulk of a big register's) needs no scoring at all.
        other_years_fail = year is not None and (
            OTHER_BIRTH_YEAR_POINTS + SAME_PHONE_POINTS + NAME_POINTS < threshold
        )
        phone = person.phone
        found = []
        for key in self._candidates(blocking_keys):
            other, other_variants, other_year = self._people[key]
            if other_years_fail and other_year is not None and other_year != year:
                continue
            # _score's own floor, checked before calling it: most candidates
            # of a big register share a name or a year, not the evidence.
            points = _birth_points(person, other)[0]
            if phone and phone == other.phone:
                points += SAME_PHONE_POINTS
            if points + NAME_POINTS < threshold:
                continue
            scored = _score(person, variants, other, other_variants, threshold)
            if scored and scored[0] >= threshold:
                found.append(Match(key, *scored))
        found.sort(key=lambda match: (-match.score, self._position[match.key]))
        return found

    def best_match(self, person, threshold=LIKELY_DUPLICATE):
        """(key, score) of the best candidate reaching threshold, or None."""
        found = self.matches(person, threshold)
        return (found[0].key, found[0].score) if found else None
