"""Free-text job titles to O*NET occupations: :func:`match_title` and the lookups built on it.

A client says "IT Director" or "charge nurse"; O*NET has 1,016 occupations
with their own titles and 55,120 alternate and short titles. The query and
every title are compared in lower case without punctuation, a plural "s" and a
bracketed acronym such as "(RN)" optional (see :func:`match_title` for the
scores and the tie-breaks). :func:`find_occupation` gives the matches as a
frame and :func:`occupation_code` the code of the best one with skill ratings.
The names are re-exported by :mod:`careerlib.onet`.

This data is from the O*NET 29.0 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0
license. O*NET® is a trademark of USDOL/ETA.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from careerlib._text import name_key
from careerlib.exceptions import ClientError
from careerlib.models import suggest

if TYPE_CHECKING:
    from careerlib.onet import OnetData

__all__ = ["TitleMatch", "find_occupation", "match_title", "occupation_code"]

_CODE_RE = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")


def _tables(data: OnetData | None) -> OnetData:
    # careerlib.onet imports this module: its tables are loaded on first use
    from careerlib.onet import load_onet

    return data if data is not None else load_onet()


def find_occupation(query: str, *, data: OnetData | None = None, limit: int = 5) -> pd.DataFrame:
    """O*NET occupations matching a code or a title, best first: :func:`match_title` as a frame.

    Matching, from best to weakest (``score`` 1.0 down to about 0.4): the code;
    the occupation's title, or one of its alternate or short titles, equal to the
    query (case, punctuation, a plural "s" and a bracketed acronym ignored:
    ``"CIO"`` is the short title of "Chief Information Officer (CIO)", an
    alternate title of Chief Executives); every word of the query in a title;
    and last a close spelling (difflib).

    Returns
    -------
    pandas.DataFrame
        One row per occupation (its best match): ``code``, ``title``,
        ``matched`` (the title that matched), ``kind`` (title, alternate,
        short, code, close), ``score`` (0-1), ``rated`` (has skill ratings).
        Empty when nothing matches.
    """
    columns = ["code", "title", "matched", "kind", "score", "rated"]
    hits = match_title(query, data=data, limit=limit)
    return pd.DataFrame(
        [[h.code, h.title, h.matched, h.kind, h.score, h.rated] for h in hits], columns=columns
    )


def occupation_code(query: str, *, data: OnetData | None = None) -> str:
    """The code of the best-matching occupation with skill ratings.

    Raises
    ------
    ClientError
        When nothing matches, naming the closest titles.
    """
    onet = _tables(data)
    hits = find_occupation(query, data=onet, limit=10)
    # an exact title of an occupation without ratings is not traded for a
    # weaker match ("Data Scientists" is not "Biofuels Data Scientist")
    rated = hits[hits["rated"] & (hits["score"] >= hits["score"].max() - 0.1)]
    if rated.empty:
        if not hits.empty:
            raise ClientError(
                f"the O*NET occupation {hits.at[0, 'code']} ({hits.at[0, 'title']}) matching "
                f"{query!r} has no skill ratings; choose a related rated occupation"
            )
        hint = suggest(name_key(query), onet.occupations["title"].str.lower().tolist())
        raise ClientError(
            f"no O*NET occupation matches {query!r}{hint}; "
            "give an O*NET-SOC code such as 11-3021.00"
        )
    return str(rated.iloc[0]["code"])


# --- free-text titles ----------------------------------------------------------------

_PARENS = re.compile(r"\([^)]*\)")
_STOP = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})


def _stem(norm: str) -> str:
    # "Registered Nurses" and "registered nurse" are the same title: a plural
    # "s" is dropped from each word of 4 letters or more ("business" stays whole)
    return " ".join(
        w[:-1] if len(w) > 3 and w[-1] == "s" and w[-2] != "s" else w for w in norm.split()
    )


@dataclass(frozen=True)
class TitleMatch:
    """An O*NET occupation that a free-text job title matched (see :func:`match_title`).

    Attributes
    ----------
    code, title
        The occupation's O*NET-SOC code and title.
    matched
        The title that matched: the occupation's own, one of its alternate or
        short titles, or the code.
    kind
        ``code``, ``title``, ``alternate``, ``short`` or ``close`` (a close
        spelling); ``related`` when an occupation without skill ratings matched
        and this is its closest rated neighbour (``matched`` names the former).
    score
        1.0 for the code or the exact title, 0.95 for an exact alternate or
        short title, 0.7-0.9 when every word of the query is in the title, at
        most 0.6 for a close spelling.
    support
        How many of the occupation's titles hold every word of the query: what
        breaks a tie between occupations sharing an alternate title.
    rated
        Whether O*NET rates the occupation's skills (needed to compare profiles).
    job_zone
        1-5, or None when O*NET gives none.
    """

    code: str
    title: str
    matched: str
    kind: str
    score: float
    support: int
    rated: bool
    job_zone: int | None

    def describe(self) -> str:
        """One line saying which occupation was taken and why."""
        how = {
            "code": "by its code",
            "title": "by its title",
            "alternate": f"by its alternate title {self.matched!r}",
            "short": f"by its short title {self.matched!r}",
            "close": f"by the close spelling {self.matched!r}",
            "related": f"the closest rated occupation O*NET relates to {self.matched!r}",
        }[self.kind]
        return f"O*NET {self.code} {self.title} ({how})"


def _match_table(onet: OnetData) -> pd.DataFrame:
    if "match" not in onet._lookup:
        table = onet._lookup_table().copy()
        table["stem"] = [_stem(n) for n in table["norm"]]
        # "Registered Nurse (RN)" is also "registered nurse"
        table["bare"] = [
            _stem(name_key(_PARENS.sub(" ", t))) if "(" in t else n
            for t, n in zip(table["matched"], table["stem"], strict=True)
        ]
        onet._lookup["match"] = table
    table_: pd.DataFrame = onet._lookup["match"]
    return table_


def match_title(text: str, *, data: OnetData | None = None, limit: int = 5) -> list[TitleMatch]:
    """O*NET occupations a free-text job title (or an O*NET code) names, best first.

    The query and every title (the occupation's own, its alternate and short
    titles) are compared in lower case without punctuation, with plural "s"
    dropped and a bracketed part such as "(RN)" optional: equal titles score
    1.0 (the occupation's own) or 0.95 (an alternate or short title); a title
    holding every word of the query (but "of", "and" and such) 0.7-0.9 (more
    the closer its length is to the query's); failing both, a close spelling
    (difflib) at most 0.6. Among
    equal scores, base occupations (code ending ``.00``, the general
    occupation before its specialties) come first, then those with more
    titles holding the query's words (``support``: "charge nurse" is an
    alternate title of registered, acute care and licensed practical nurses,
    and registered nurses have the most titles with those words), then rated
    ones. :func:`occupation_code` and
    :func:`careerlib.gaps.current_occupation` pick a rated one.

    Returns
    -------
    list of TitleMatch
        At most ``limit``, one per occupation; empty when nothing matches.
    """
    onet = _tables(data)
    text = str(text).strip()
    occ = onet.occupations

    def zone(code: str) -> int | None:
        z = occ.at[code, "job_zone"]
        return None if pd.isna(z) else int(z)

    if _CODE_RE.match(text):
        code = text if "." in text else f"{text}.00"
        if code not in occ.index:
            return []
        return [
            TitleMatch(
                code,
                onet.title(code),
                code,
                "code",
                1.0,
                1,
                bool(occ.at[code, "rated"]),
                zone(code),
            )
        ]
    q = _stem(name_key(text))
    if not q:
        return []
    table = _match_table(onet)
    stem, bare = table["stem"], table["bare"]
    exact = (stem.eq(q) | bare.eq(q)).to_numpy()
    scores = np.where(exact, np.where(table["kind"].eq("title"), 1.0, 0.95), 0.0)
    padded = " " + stem + " "
    contains = np.ones(len(table), dtype=bool)
    for word in [w for w in q.split() if w not in _STOP] or q.split():
        contains &= padded.str.contains(f" {word} ", regex=False).to_numpy()
    # titles holding the words rank below an exact title, and still come
    # (an exact title may be of an occupation without skill ratings)
    lengths = stem.str.len().to_numpy()
    partial = np.where(contains, 0.7 + 0.2 * len(q) / np.maximum(lengths, len(q)), 0.0)
    scores = np.where(exact, scores, partial)
    kinds = table["kind"].to_numpy(dtype=object).copy()
    if not (scores > 0).any():
        close = difflib.get_close_matches(
            q, stem.drop_duplicates().tolist(), n=limit * 3, cutoff=0.6
        )
        for rank, match in enumerate(close):
            ratio = difflib.SequenceMatcher(None, q, match).ratio()
            hit = stem.eq(match).to_numpy() & (scores == 0)
            scores = np.where(hit, 0.6 * ratio - 0.001 * rank, scores)
            kinds[hit] = "close"
    hits = table.assign(score=scores, kind=kinds)
    hits = hits[hits["score"] > 0]
    if hits.empty:
        return []
    support = pd.Series(contains, index=table.index).groupby(table["code"]).sum()
    hits = hits.assign(
        support=hits["code"].map(support).astype(int),
        rated=hits["code"].map(occ["rated"]).astype(bool),
        base=hits["code"].str.endswith(".00"),
    )
    hits = hits.sort_values(
        ["score", "base", "support", "rated", "code"], ascending=[False, False, False, False, True]
    ).drop_duplicates("code")
    return [
        TitleMatch(
            str(r.code),
            onet.title(str(r.code)),
            str(r.matched),
            str(r.kind),
            round(float(r.score), 4),
            int(r.support),
            bool(r.rated),
            zone(str(r.code)),
        )
        for r in hits.head(limit).itertuples()
    ]
