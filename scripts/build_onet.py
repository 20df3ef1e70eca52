"""Build careerlib's compact O*NET tables in data/onet/ from the O*NET 29.0 release.

Usage::

    python scripts/build_onet.py [SOURCE_DIR] [OUT_DIR]

SOURCE_DIR defaults to ``../shared/data/onet`` (the unchanged O*NET 29.0 files:
tab-separated ``.txt`` plus ``Skills.xlsx`` and ``Knowledge.xlsx``), OUT_DIR to
``data/onet``. Only what careerlib uses is kept:

* ``occupations.csv.gz``: code, title, description, job zone, typical
  education (the most frequent "Required Level of Education" category, its
  number 1-12 and its share of respondents), RIASEC interest scores (OI, 1-7),
  work values (EX, 1-7) and the importance of the Leadership work style (IM,
  1-5; "a willingness to lead, take charge, and offer opinions and
  direction": a signal of the responsibility ladder);
* ``ratings.csv.gz``: importance (IM, 1-5) and level (LV, 0-7) of each of the
  35 skills and 33 knowledge areas for the 879 rated occupations;
* ``elements.csv``: those 68 elements, their kind and definition;
* ``anchors.csv``: the Level Scale Anchors of those elements (what a level means);
* ``alternate_titles.csv.gz``: alternate and short titles for lookup;
* ``related_occupations.csv.gz``: O*NET's Related Occupations, for each
  occupation up to 20 neighbours in three tiers (Primary-Short, Primary-Long,
  Supplemental) ranked by index;
* ``job_zones.csv``: the five job zones and what preparation they mean;
* ``descriptors.csv``: the six RIASEC interest areas, the six work values and
  their needs, and the Leadership work style, with O*NET's definitions (what
  the assessments show the client).

The output is deterministic (sorted rows, fixed gzip mtime), so a rebuild from
the same release gives the same bytes.
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "onet"
DEFAULT_OUT = ROOT / "data" / "onet"

EDUCATION = {
    1: "Less than high school",
    2: "High school diploma",
    3: "Post-secondary certificate",
    4: "Some college",
    5: "Associate's degree",
    6: "Bachelor's degree",
    7: "Post-baccalaureate certificate",
    8: "Master's degree",
    9: "Post-master's certificate",
    10: "First professional degree",
    11: "Doctoral degree",
    12: "Post-doctoral training",
}


#: The Leadership work style (Work Styles, importance 1-5).
LEADERSHIP = "1.C.2.b"
#: Element id prefixes of the descriptors the assessments show: the RIASEC
#: interest areas, the work values and their needs.
DESCRIPTORS = {"1.B.1.": "interest", "1.B.2.": "work value"}


def _descriptors(source: Path) -> pd.DataFrame:
    """The interest areas, work values (with their needs) and Leadership, defined."""
    content = _txt(source, "Content Model Reference")
    rows = []
    for eid, name, text in zip(
        content["Element ID"], content["Element Name"], content["Description"], strict=True
    ):
        for prefix, kind in DESCRIPTORS.items():
            # the high-point codes (1.B.1.g-i, 1.B.2.g-i) are not areas or values
            if eid.startswith(prefix) and "High-Point" not in name:
                depth = eid[len(prefix) :].count(".")
                parent = eid.rsplit(".", 1)[0] if depth else ""
                rows.append((eid, name, "need" if depth else kind, parent, text))
        if eid == LEADERSHIP:
            rows.append((eid, name, "work style", "", text))
    frame = pd.DataFrame(rows, columns=["element_id", "name", "kind", "parent", "description"])
    return frame.sort_values("element_id").reset_index(drop=True)


def _txt(source: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(source / f"{name}.txt", sep="\t", dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path) -> None:
    text = frame.to_csv(index=False, lineterminator="\n", float_format="%.2f")
    if path.suffix == ".gz":
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as fh:
            fh.write(text.encode("utf-8"))
        path.write_bytes(buf.getvalue())
    else:
        path.write_text(text, encoding="utf-8")


def build(source: Path = DEFAULT_SOURCE, out: Path = DEFAULT_OUT) -> dict[str, int]:
    """Write the compact tables; return the number of rows of each file."""
    out.mkdir(parents=True, exist_ok=True)

    ratings_parts = []
    elements_parts = []
    for kind, name in (("skill", "Skills"), ("knowledge", "Knowledge")):
        raw = pd.read_excel(source / f"{name}.xlsx", dtype=str, engine="openpyxl").fillna("")
        raw["Data Value"] = raw["Data Value"].astype(float)
        wide = raw.pivot_table(
            index=["O*NET-SOC Code", "Element ID"],
            columns="Scale ID",
            values="Data Value",
            aggfunc="first",
        )
        flags = (
            raw.assign(
                suppress=raw["Recommend Suppress"].eq("Y"), not_relevant=raw["Not Relevant"].eq("Y")
            )
            .groupby(["O*NET-SOC Code", "Element ID"])[["suppress", "not_relevant"]]
            .any()
        )
        part = wide.join(flags).reset_index()
        part = part.rename(
            columns={
                "O*NET-SOC Code": "code",
                "Element ID": "element_id",
                "IM": "importance",
                "LV": "level",
            }
        )
        ratings_parts.append(
            part[["code", "element_id", "importance", "level", "suppress", "not_relevant"]]
        )
        elements_parts.append(
            raw[["Element ID", "Element Name"]].drop_duplicates().assign(kind=kind)
        )
    ratings = pd.concat(ratings_parts).sort_values(["code", "element_id"]).reset_index(drop=True)
    ratings["suppress"] = ratings["suppress"].map({True: "Y", False: ""})
    ratings["not_relevant"] = ratings["not_relevant"].map({True: "Y", False: ""})

    content = _txt(source, "Content Model Reference").set_index("Element ID")["Description"]
    elements = pd.concat(elements_parts).rename(
        columns={"Element ID": "element_id", "Element Name": "name"}
    )
    elements["description"] = elements["element_id"].map(content)
    elements = elements.sort_values("element_id").reset_index(drop=True)[
        ["element_id", "name", "kind", "description"]
    ]

    anchors = _txt(source, "Level Scale Anchors")
    anchors = anchors[
        anchors["Element ID"].isin(elements["element_id"]) & anchors["Scale ID"].eq("LV")
    ]
    anchors = anchors.rename(
        columns={
            "Element ID": "element_id",
            "Anchor Value": "level",
            "Anchor Description": "description",
        }
    )[["element_id", "level", "description"]]
    anchors["level"] = anchors["level"].astype(int)
    anchors = anchors.sort_values(["element_id", "level"]).reset_index(drop=True)

    occ = _txt(source, "Occupation Data").rename(
        columns={"O*NET-SOC Code": "code", "Title": "title", "Description": "description"}
    )
    zones = _txt(source, "Job Zones").rename(
        columns={"O*NET-SOC Code": "code", "Job Zone": "job_zone"}
    )
    occ = occ.merge(zones[["code", "job_zone"]], on="code", how="left")

    ete = _txt(source, "Education, Training, and Experience")
    rl = ete[ete["Scale ID"].eq("RL")].copy()
    rl["Category"] = rl["Category"].astype(int)
    rl["Data Value"] = rl["Data Value"].astype(float)
    # the most frequent category; on a tie, the lower level of education
    rl = rl.sort_values(["O*NET-SOC Code", "Data Value", "Category"], ascending=[True, False, True])
    top = rl.drop_duplicates("O*NET-SOC Code")
    edu = pd.DataFrame(
        {
            "code": top["O*NET-SOC Code"],
            "education": top["Category"].map(EDUCATION),
            "education_level": top["Category"],
            "education_pct": top["Data Value"],
        }
    )
    occ = occ.merge(edu, on="code", how="left")

    for name, scale in (("Interests", "OI"), ("Work Values", "EX")):
        table = _txt(source, name)
        table = table[table["Scale ID"].eq(scale)]
        wide_v = table.pivot(
            index="O*NET-SOC Code", columns="Element Name", values="Data Value"
        ).astype(float)
        occ = occ.merge(wide_v, left_on="code", right_index=True, how="left")
    styles = _txt(source, "Work Styles")
    lead = styles[styles["Element ID"].eq(LEADERSHIP) & styles["Scale ID"].eq("IM")]
    occ = occ.merge(
        pd.DataFrame(
            {"code": lead["O*NET-SOC Code"], "leadership": lead["Data Value"].astype(float)}
        ),
        on="code",
        how="left",
    )
    occ["education_level"] = occ["education_level"].astype("Int64")
    occ["rated"] = occ["code"].isin(ratings["code"]).map({True: "Y", False: ""})
    occ = occ.sort_values("code").reset_index(drop=True)

    alt = _txt(source, "Alternate Titles").rename(
        columns={"O*NET-SOC Code": "code", "Alternate Title": "title", "Short Title": "short_title"}
    )[["code", "title", "short_title"]]
    alt["short_title"] = alt["short_title"].replace("n/a", "")
    alt = alt.sort_values(["code", "title"]).reset_index(drop=True)

    related = _txt(source, "Related Occupations").rename(
        columns={
            "O*NET-SOC Code": "code",
            "Related O*NET-SOC Code": "related",
            "Relatedness Tier": "tier",
            "Index": "index",
        }
    )[["code", "related", "tier", "index"]]
    related["index"] = related["index"].astype(int)
    related = related.sort_values(["code", "index"]).reset_index(drop=True)

    jz = _txt(source, "Job Zone Reference").rename(
        columns={
            "Job Zone": "job_zone",
            "Name": "name",
            "Experience": "experience",
            "Education": "education",
            "Job Training": "training",
            "Examples": "examples",
        }
    )[["job_zone", "name", "experience", "education", "training", "examples"]]

    files = {
        "descriptors.csv": _descriptors(source),
        "occupations.csv.gz": occ,
        "ratings.csv.gz": ratings,
        "elements.csv": elements,
        "anchors.csv": anchors,
        "alternate_titles.csv.gz": alt,
        "related_occupations.csv.gz": related,
        "job_zones.csv": jz,
    }
    for name, frame in files.items():
        _write(frame, out / name)
    return {name: len(frame) for name, frame in files.items()}


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    for file, rows in build(src, dst).items():
        print(f"{file}: {rows} rows")
