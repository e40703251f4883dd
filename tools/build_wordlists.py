#!/usr/bin/env python3
"""Build data/gazetteers/non_names.tsv and data/gazetteers/speech_verbs.tsv.

Python 3 standard library only; no downloaded input.

Inputs (hand-typed)
  tools/orgs_extra/non_names.tsv     word<TAB>class
  tools/orgs_extra/speech_verbs.tsv  lemma<TAB>class<TAB>inflection<TAB>source
                                     (format in the file's header comment; verb lemmas
                                     marked with a VerbNet 3.4 class id were taken from
                                     that class's member list)

Usage
  python3 tools/build_wordlists.py [--out-dir DIR] [--show-inflections]

Verbs are inflected by the simple rules below (3rd person -s/-es/-ies, past -ed/-d/-ied,
-ing with silent-e drop, consonant doubling only where marked "dbl"); irregular verbs and
spelling variants are given in full in the input. The output was checked by eye
(--show-inflections prints one line per lemma).
"""

import argparse
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXTRA = os.path.join(HERE, "orgs_extra")

NON_NAME_CLASSES = ("month", "weekday", "function", "adverb", "headline", "common", "event")
SPEECH_CLASSES = ("speech", "tell", "write", "belief", "call", "noun")

NON_NAMES_HEADER = """\
# non_names.tsv: capitalised words and phrases that are never a name on their own.
# Source: hand-typed from general knowledge (tools/orgs_extra/non_names.tsv).
# License: hand-typed, under this repository's license.
# Made by: python3 tools/build_wordlists.py (see SOURCES.md)
# Classes: month, weekday, function (pronouns, determiners, conjunctions, prepositions,
#   auxiliaries, interjections), adverb (sentence-initial adverbs and discourse words),
#   headline (headline, section and web-page words), common (capitalised general nouns),
#   event (holidays, festivals, eras). "May" is listed as a month only.
# Columns: word	class
"""

SPEECH_HEADER = """\
# speech_verbs.tsv: speech and attribution cues with every inflection.
# Source: hand-typed (tools/orgs_extra/speech_verbs.tsv); part of the verb lemmas are
#   members of VerbNet 3.4 classes say-37.7, tell-37.2, complain-37.8,
#   manner_speaking-37.3, advise-37.9 and transfer_mesg-37.1.1 (GitHub cu-clear/verbnet,
#   verbnet3.4/), the rest typed by hand; inflections by tools/build_wordlists.py rules,
#   irregular forms typed, all checked by eye.
# VerbNet 3.0 (or 3.X) Copyright 2009 by University of Colorado. All rights reserved.
#   Used under the VerbNet license: permission to use, copy, modify and distribute
#   without fee, provided the copyright notice and the disclaimer appear on all copies.
#   THE VERBNET DATABASE IS PROVIDED "AS IS" AND THE UNIVERSITY OF COLORADO MAKES NO
#   REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. Full text in NOTICE.
# License of this list: VerbNet terms above for the VerbNet-derived lemmas; the rest
#   under this repository's license.
# Made by: python3 tools/build_wordlists.py (see SOURCES.md)
# Classes: speech, tell (takes an addressee), write, belief, call ("calling it a ..."),
#   noun (nominal cues: statement, interview, press conference ...).
# Columns: form	lemma	class
"""


def die(msg):
    sys.stderr.write("build_wordlists: " + msg + "\n")
    sys.exit(1)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def data_lines(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield n, line


VOWELS = "aeiou"


def third_person(w):
    if re.search(r"(s|sh|ch|x|z)$", w):
        return w + "es"
    if len(w) > 1 and w[-1] == "y" and w[-2] not in VOWELS:
        return w[:-1] + "ies"
    return w + "s"


def past(w, dbl):
    if dbl:
        return w + w[-1] + "ed"
    if w.endswith("e"):
        return w + "d"
    if len(w) > 1 and w[-1] == "y" and w[-2] not in VOWELS:
        return w[:-1] + "ied"
    return w + "ed"


def gerund(w, dbl):
    if dbl:
        return w + w[-1] + "ing"
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        return w[:-1] + "ing"
    return w + "ing"


def inflect(lemma, spec):
    """Return the list of forms of a verb (lemma first)."""
    if spec and spec != "dbl":
        slots = spec.split(",")
        if len(slots) != 4:
            die("inflection of %r needs 4 slots: %r" % (lemma, spec))
        forms = [lemma]
        for slot in slots:
            forms.extend(x.strip() for x in slot.split("/") if x.strip())
        return forms
    if " " in lemma:
        die("phrasal lemma %r needs explicit inflections" % lemma)
    dbl = spec == "dbl"
    return [lemma, third_person(lemma), past(lemma, dbl), gerund(lemma, dbl)]


def plural(noun, spec):
    if spec == "-":
        return []
    if spec:
        return [x.strip() for x in spec.split("/") if x.strip()]
    head, _, last = noun.rpartition(" ")
    p = third_person(last)
    return [(head + " " + p) if head else p]


def build_non_names(out_dir):
    rows = {}
    for n, line in data_lines(os.path.join(EXTRA, "non_names.tsv")):
        cols = line.split("\t")
        if len(cols) != 2 or cols[1] not in NON_NAME_CLASSES:
            die("non_names.tsv:%d: need word<TAB>class: %r" % (n, line))
        word = nfc(cols[0].strip())
        if word in rows and rows[word] != cols[1]:
            die("non_names.tsv:%d: %r has two classes" % (n, word))
        rows[word] = cols[1]
    out = sorted(rows.items(), key=lambda r: (r[0].lower(), r[0]))
    with open(os.path.join(out_dir, "non_names.tsv"), "w", encoding="utf-8") as f:
        f.write(NON_NAMES_HEADER)
        for word, cls in out:
            f.write("%s\t%s\n" % (word, cls))
    return len(out)


def build_speech(out_dir, show):
    rows = set()
    seen = set()
    for n, line in data_lines(os.path.join(EXTRA, "speech_verbs.tsv")):
        cols = line.split("\t")
        while len(cols) < 4:
            cols.append("")
        lemma, cls, spec, _source = (c.strip() for c in cols[:4])
        lemma = nfc(lemma)
        if cls not in SPEECH_CLASSES:
            die("speech_verbs.tsv:%d: bad class %r" % (n, cls))
        if (lemma, cls) in seen:
            die("speech_verbs.tsv:%d: %r %s twice" % (n, lemma, cls))
        seen.add((lemma, cls))
        if cls == "noun":
            forms = [lemma] + plural(lemma, spec)
        else:
            forms = inflect(lemma, spec)
        if show:
            print("%-8s %s" % (cls, " ".join(forms)))
        for form in forms:
            rows.add((form, lemma, cls))
    out = sorted(rows, key=lambda r: (r[0].lower(), r[0], r[1], r[2]))
    with open(os.path.join(out_dir, "speech_verbs.tsv"), "w", encoding="utf-8") as f:
        f.write(SPEECH_HEADER)
        for r in out:
            f.write("\t".join(r) + "\n")
    return len(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "data", "gazetteers"))
    ap.add_argument("--show-inflections", action="store_true")
    a = ap.parse_args()
    nn = build_non_names(a.out_dir)
    ns = build_speech(a.out_dir, a.show_inflections)
    sys.stderr.write("non_names.tsv: %d rows\nspeech_verbs.tsv: %d rows\n" % (nn, ns))


if __name__ == "__main__":
    main()
