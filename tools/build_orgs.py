#!/usr/bin/env python3
"""Build data/gazetteers/organizations.tsv and data/gazetteers/org_words.tsv.

Python 3 standard library only.

Inputs
  tools/orgs_extra/orgs_*.tsv     hand-typed organisations (format below)
  tools/orgs_extra/sec_overrides.tsv
                                  per-CIK fixes for names taken from the SEC list
  tools/orgs_extra/org_words.tsv  hand-typed head / head_of / legal words
  SEC_DIR (optional argument)     a directory holding the SEC ticker list, either
                                  company_tickers_exchange.json ({"fields": [...],
                                  "data": [[cik, name, ticker, exchange], ...]}) or
                                  company_tickers.json ({"0": {"cik_str", "ticker",
                                  "title"}, ...}); both are ordered by market value.

Usage
  python3 tools/build_orgs.py [--sec-dir DIR] [--sec-top N] [--out-dir DIR] [--check]

Without --sec-dir only the hand-typed lists are used (the SEC part is then left out).

Hand-typed format (tools/orgs_extra/orgs_*.tsv), one organisation a line:

  forms<TAB>ids

  forms   surface forms separated by " | "; the first one is the canonical name.
          A form may end in {exact} or {weak} (or {exact,weak}) to flag it.
  ids     key=value pairs separated by ";" (type=..., cc=...).

  A line "@ids type=news" sets ids that are merged into every following line of the
  file that does not give that key itself (until the next "@ids" line).
  Lines starting with "#" and blank lines are ignored.

SEC overrides (tools/orgs_extra/sec_overrides.tsv):

  cik<TAB>ticker<TAB>forms<TAB>ids

  forms = "-" drops the company; otherwise the forms replace the ones made from the
  SEC title (same syntax as above, first form canonical). ids are added to type=company
  (cc=US is the default for SEC rows unless the override gives cc=..., or cc=- for none).
"""

import argparse
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXTRA = os.path.join(HERE, "orgs_extra")

TYPES = {
    "igo", "agency", "news", "party", "armed", "government", "company", "sports",
    "ngo", "university", "court", "legislature", "religious", "other",
}
FLAGS = {"exact", "weak"}

ORG_HEADER = """\
# organizations.tsv: organisations for the gazette entity extractor.
# Source: hand-typed from general knowledge (tools/orgs_extra/orgs_*.tsv) plus the
#   largest companies of the SEC EDGAR company ticker list (company_tickers_exchange.json,
#   US government work, public domain; copy shipped as company_tickers.parquet in PyPI
#   edgartools {sec_version}), names normalised by tools/build_orgs.py with the fixes in
#   tools/orgs_extra/sec_overrides.tsv.
# License: SEC data public domain (US government work); hand-typed data under this
#   repository's license.
# Made by: python3 tools/build_orgs.py --sec-dir DIR --sec-top {sec_top}  (see SOURCES.md)
# Columns: name	kind	canonical	ids	flags
"""

WORDS_HEADER = """\
# org_words.tsv: words that end ("head"), start before "of" ("head_of") or follow as a
#   legal-form suffix ("legal") an organisation name.
# Source: hand-typed (tools/orgs_extra/org_words.tsv); the legal suffixes were checked
#   against the term lists of PyPI cleanco 2.3 termdata.py (MIT, Copyright (c) 2015 Paul
#   Solin), used as a checklist only.
# License: hand-typed, under this repository's license (cleanco only consulted).
# Made by: python3 tools/build_orgs.py (see SOURCES.md)
# Columns: word	class
"""


def die(msg):
    sys.stderr.write("build_orgs: " + msg + "\n")
    sys.exit(1)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def parse_ids(text, where):
    ids = {}
    text = text.strip()
    if not text:
        return ids
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            die("%s: bad id %r" % (where, part))
        k, v = part.split("=", 1)
        k, v = k.strip(), v.strip()
        if k == "type" and v not in TYPES:
            die("%s: unknown type %r" % (where, v))
        if k == "cc" and v != "-" and not re.fullmatch(r"[A-Z]{2}", v):
            die("%s: bad cc %r" % (where, v))
        ids[k] = v
    return ids


def format_ids(ids):
    order = ["type", "cc"]
    keys = [k for k in order if k in ids] + sorted(k for k in ids if k not in order)
    return ";".join("%s=%s" % (k, ids[k]) for k in keys if ids[k] != "-")


FORM_RE = re.compile(r"^(.*?)\s*(?:\{([a-z,]+)\})?$")


def parse_forms(text, where):
    forms = []
    for raw in text.split("|"):
        raw = raw.strip()
        if not raw:
            continue
        m = FORM_RE.match(raw)
        name, flags = m.group(1).strip(), m.group(2)
        flagset = set()
        if flags:
            flagset = set(f for f in flags.split(",") if f)
            bad = flagset - FLAGS
            if bad:
                die("%s: unknown flag %r" % (where, bad))
        name = re.sub(r"\s+", " ", nfc(name))
        if not name or "\t" in name:
            die("%s: empty or bad form in %r" % (where, text))
        forms.append((name, flagset))
    if not forms:
        die("%s: no forms" % where)
    return forms


class Entity:
    def __init__(self, canonical, ids, source):
        self.canonical = canonical
        self.ids = ids
        self.source = source
        self.forms = {}  # name -> flags set

    def add(self, name, flags):
        if name in self.forms:
            self.forms[name] |= flags
        else:
            self.forms[name] = set(flags)


def read_hand():
    entities = []
    files = sorted(f for f in os.listdir(EXTRA) if f.startswith("orgs_") and f.endswith(".tsv"))
    if not files:
        die("no tools/orgs_extra/orgs_*.tsv files")
    for fn in files:
        path = os.path.join(EXTRA, fn)
        defaults = {}
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                where = "%s:%d" % (fn, n)
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if line.startswith("@ids"):
                    defaults = parse_ids(line[4:], where)
                    continue
                cols = line.split("\t")
                forms = parse_forms(cols[0], where)
                ids = dict(defaults)
                # ids may also be spread over further tab-separated columns
                ids.update(parse_ids(";".join(cols[1:]), where))
                if "type" not in ids:
                    die("%s: no type" % where)
                e = Entity(forms[0][0], ids, where)
                for name, flags in forms:
                    e.add(name, flags)
                entities.append(e)
    return entities


# --------------------------------------------------------------------------- SEC part

FUND_RE = re.compile(
    r"\b(ETF|ETN|FUND|TRUST,? SERIES|ISHARES|SPDR|PROSHARES|INVESCO QQQ|DIREXION|"
    r"VANGUARD .* (INDEX|ETF)|ACQUISITION CORP|SPAC|PORTFOLIO|MUNICIPAL|INCOME "
    r"(SHARES|TRUST)|SELECT SECTOR)\b", re.I)

# legal-form tokens stripped from the end of SEC titles, with the alias spelling to use
SUFFIXES = [
    ("s.a.b. de c.v.", "S.A.B. de C.V."), ("sab de cv", "S.A.B. de C.V."),
    ("s.a. de c.v.", "S.A. de C.V."), ("sa de cv", "S.A. de C.V."),
    ("public limited company", "plc"), ("public ltd co", "plc"),
    ("aktiengesellschaft", "AG"), ("co., limited", "Co., Ltd."), ("co., ltd.", "Co., Ltd."),
    ("co ltd", "Co., Ltd."), ("co., ltd", "Co., Ltd."), ("co inc", "Co. Inc."),
    ("incorporated", "Incorporated"), ("corporation", "Corporation"),
    ("company", "Company"), ("limited", "Limited"),
    ("& co., inc.", "& Co., Inc."), ("& co. inc.", "& Co. Inc."),
    ("& co.", "& Co."), ("& co", "& Co."),
    ("inc.", "Inc."), ("inc", "Inc."), ("corp.", "Corp."), ("corp", "Corp."),
    ("co.", "Co."), ("co", "Co."), ("ltd.", "Ltd."), ("ltd", "Ltd."),
    ("p.l.c.", "plc"), ("plc", "plc"), ("s.p.a.", "S.p.A."), ("spa", "S.p.A."),
    ("s.a.", "S.A."), ("sa", "S.A."), ("n.v.", "N.V."), ("nv", "N.V."),
    ("sa/nv", "SA/NV"), ("ag", "AG"), ("se", "SE"), ("llc", "LLC"), ("l.p.", "L.P."),
    ("lp", "L.P."), ("a/s", "A/S"), ("a s", "A/S"), ("asa", "ASA"), ("ab", "AB"),
    ("oyj", "Oyj"), ("k.k.", "K.K."), ("pty ltd", "Pty Ltd"), ("bhd", "Bhd"),
]
SUFFIX_MAP = dict(SUFFIXES)
SUFFIX_KEYS = sorted(SUFFIX_MAP, key=len, reverse=True)

KEEP_UPPER = {
    "AT&T", "IBM", "BP", "HSBC", "UBS", "ING", "ABB", "CSX", "EOG", "KLA", "TJX", "CVS",
    "HCA", "PNC", "CME", "RTX", "PPG", "AES", "NRG", "CBRE", "MSCI", "AIG", "GE", "HP",
    "ICICI", "HDFC", "BHP", "SAP", "ASML", "NXP", "AMD", "PDD", "KKR", "ANZ", "DBS",
    "BNP", "RELX", "GSK", "NVIDIA", "US", "USA", "UK", "CNH", "ADP", "AMC", "WEC", "DTE",
    "CMS", "PSEG", "LKQ", "NVR", "FMC", "IQVIA", "STERIS", "IDEX", "CDW", "WPP", "ENI",
    "BBVA", "UPS", "T-MOBILE", "BYD", "JD", "NIO", "JPMORGAN", "CRH", "NTT", "KDDI",
    "ORIX", "NASDAQ", "AXA", "TE", "SS&C", "WR", "ON", "MGM", "LPL", "HF", "AB", "DR",
}


def _smart_title(word):
    if word.upper() in KEEP_UPPER:
        return word.upper()
    if "&" in word and len(word) <= 5:
        return word.upper()
    if re.fullmatch(r"MC[A-Z]{3,}", word):
        return "Mc" + word[2].upper() + word[3:].lower()
    letters = re.sub(r"[^A-Za-z]", "", word)
    if letters and len(letters) <= 3 and not re.search(r"[AEIOUY]", letters.upper()):
        return word.upper()
    parts = re.split(r"([-/'.&])", word)
    out = []
    for p in parts:
        if p and p[0].isalpha():
            out.append(p[0].upper() + p[1:].lower())
        else:
            out.append(p)
    return "".join(out)


def sec_normalise(title):
    """Return (base name, alias with legal suffix or None)."""
    t = nfc(title).strip()
    t = re.sub(r"\s*[/\\]+\s*$", "", t)
    # trailing state / class markers: "/DE/", "\DE\", "/NEW", "/ADR", "/MN", " / MA"
    for _ in range(3):
        t2 = re.sub(r"\s*[/\\]\s*[A-Za-z .]{1,12}[/\\]?\s*$", "", t)
        if t2 == t:
            break
        t = t2
    t = re.sub(r"\s+", " ", t).strip(" ,")
    suffix = None
    low = t.lower()
    for key in SUFFIX_KEYS:
        if low.endswith(" " + key) or low.endswith("," + key):
            base = t[: len(t) - len(key)].rstrip(" ,")
            if base:
                suffix = SUFFIX_MAP[key]
                t = base
            break
    t = t.strip(" ,")
    if not re.search(r"[a-z]", t):
        t = " ".join(_smart_title(w) for w in t.split(" "))
    alias = None
    if suffix:
        sep = ", " if suffix in ("Inc.",) and False else " "
        alias = t + sep + suffix
    return t, alias


def read_sec(sec_dir, top, overrides):
    path1 = os.path.join(sec_dir, "company_tickers_exchange.json")
    path2 = os.path.join(sec_dir, "company_tickers.json")
    rows = []
    if os.path.exists(path1):
        with open(path1, encoding="utf-8") as f:
            d = json.load(f)
        fields = d["fields"]
        ci, ni, ti = fields.index("cik"), fields.index("name"), fields.index("ticker")
        for r in d["data"]:
            rows.append((int(r[ci]), r[ti] or "", r[ni] or ""))
    elif os.path.exists(path2):
        with open(path2, encoding="utf-8") as f:
            d = json.load(f)
        for k in sorted(d, key=lambda x: int(x)):
            r = d[k]
            rows.append((int(r["cik_str"]), r["ticker"] or "", r["title"] or ""))
    else:
        die("no company_tickers_exchange.json or company_tickers.json in %s" % sec_dir)
    seen = set()
    picked = []
    for cik, ticker, title in rows:
        if cik in seen:
            continue
        seen.add(cik)
        if cik not in overrides and FUND_RE.search(title):
            continue
        picked.append((cik, ticker, title))
        if len(picked) >= top:
            break
    entities = []
    for cik, ticker, title in picked:
        where = "SEC cik=%d %s %r" % (cik, ticker, title)
        ids = {"type": "company", "cc": "US"}
        if cik in overrides:
            forms_text, ids_text = overrides[cik]
            if forms_text == "-":
                continue
            ids.update(parse_ids(ids_text, where))
            forms = parse_forms(forms_text, where)
        else:
            base, alias = sec_normalise(title)
            forms = [(base, set())]
            if alias and alias != base:
                forms.append((alias, set()))
        e = Entity(forms[0][0], ids, where)
        for name, flags in forms:
            e.add(name, flags)
        entities.append(e)
    return entities, picked


def read_overrides():
    path = os.path.join(EXTRA, "sec_overrides.tsv")
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                die("sec_overrides.tsv:%d: need cik, ticker, forms" % n)
            cik = int(cols[0])
            if cik in out:
                die("sec_overrides.tsv:%d: cik %d twice" % (n, cik))
            out[cik] = (cols[2].strip(), cols[3].strip() if len(cols) > 3 else "")
    return out


# --------------------------------------------------------------------------- merge

def merge(hand, sec, report):
    """Hand-typed entities win; an SEC entity whose forms meet a hand entity's forms is
    folded into it (its new forms become aliases of the hand entity)."""
    by_form = {}
    for e in hand:
        for name in e.forms:
            by_form.setdefault(name.lower(), e)
    out = list(hand)
    for e in sec:
        target = None
        for name in e.forms:
            t = by_form.get(name.lower())
            if t is not None:
                target = t
                break
        if target is None:
            out.append(e)
            for name in e.forms:
                by_form.setdefault(name.lower(), e)
            continue
        report.append("SEC %s folded into %r" % (e.source, target.canonical))
        for name, flags in e.forms.items():
            if name.lower() not in by_form:
                target.add(name, flags)
                by_form[name.lower()] = target
    return out


def rows_of(entities):
    rows = set()
    for e in entities:
        ids = format_ids(e.ids)
        for name, flags in e.forms.items():
            rows.add((name, "organization", e.canonical, ids, ",".join(sorted(flags))))
    return sorted(rows, key=lambda r: (r[0].lower(), r[0], r[2], r[3], r[4]))


def check(entities, rows, report):
    canon = {}
    for e in entities:
        if e.canonical in canon:
            report.append("canonical %r used twice (%s, %s)" % (e.canonical, canon[e.canonical], e.source))
        canon[e.canonical] = e.source
    forms = {}
    for r in rows:
        forms.setdefault(r[0], set()).add(r[2])
    for name, cs in sorted(forms.items()):
        if len(cs) > 1:
            report.append("form %r names %d entities: %s" % (name, len(cs), "; ".join(sorted(cs))))
    # acronyms / words that ought to be exact: warn when the lower-case form is a
    # dictionary word (only if a word list is at hand; never changes the output)
    dict_path = "/usr/share/dict/words"
    if os.path.exists(dict_path):
        with open(dict_path, encoding="utf-8", errors="replace") as f:
            words = set(w.strip() for w in f if w.strip() and w.strip().islower())
        for r in rows:
            name, flags = r[0], r[4]
            if " " in name or "exact" in flags or "weak" in flags:
                continue
            if name.lower() in words:
                report.append("word-like form without exact/weak: %r -> %r" % (name, r[2]))


def write_org_words(out_dir):
    src = os.path.join(EXTRA, "org_words.tsv")
    rows = set()
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 2 or cols[1] not in ("head", "head_of", "legal"):
                die("org_words.tsv:%d: need word<TAB>head|head_of|legal: %r" % (n, line))
            rows.add((nfc(cols[0].strip()), cols[1]))
    rows = sorted(rows, key=lambda r: (r[0].lower(), r[0], r[1]))
    path = os.path.join(out_dir, "org_words.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(WORDS_HEADER)
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sec-dir", help="directory with the SEC company ticker JSON")
    ap.add_argument("--sec-top", type=int, default=300, help="companies taken from the SEC list")
    ap.add_argument("--sec-version", default="5.62.1",
                    help="version note written in the header")
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "data", "gazetteers"))
    ap.add_argument("--check", action="store_true", help="print warnings to stderr")
    ap.add_argument("--dump-sec", action="store_true", help="print the SEC picks and exit")
    a = ap.parse_args()

    hand = read_hand()
    overrides = read_overrides()
    sec = []
    if a.sec_dir:
        sec, picked = read_sec(a.sec_dir, a.sec_top, overrides)
        if a.dump_sec:
            for cik, ticker, title in picked:
                base, alias = sec_normalise(title)
                mark = "O" if cik in overrides else " "
                print("%s\t%d\t%s\t%s\t%s\t%s" % (mark, cik, ticker, title, base, alias or ""))
            return
    report = []
    entities = merge(hand, sec, report)
    rows = rows_of(entities)
    check(entities, rows, report)
    header = ORG_HEADER.format(sec_version=a.sec_version, sec_top=a.sec_top if a.sec_dir else 0)
    path = os.path.join(a.out_dir, "organizations.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(r) + "\n")
    nw = write_org_words(a.out_dir)
    sys.stderr.write("organizations.tsv: %d rows, %d entities (%d hand, %d SEC)\n"
                     % (len(rows), len(entities), len(hand), len(entities) - len(hand)))
    sys.stderr.write("org_words.tsv: %d rows\n" % nw)
    if a.check:
        for line in report:
            sys.stderr.write("  " + line + "\n")


if __name__ == "__main__":
    main()
