#!/usr/bin/env python3
"""Build data/gazetteers/common_words.tsv: lower-case English words (SCOWL size 50).

usage: python3 tools/build_common_words.py [/usr/share/dict/american-english] [-o OUT]

Source: Debian package wamerican (SCOWL, Kevin Atkinson; permissive license, see
NOTICE). Keeps entries written entirely in lower-case ASCII letters (proper nouns and
possessives dropped), two letters or more, one per line, sorted.
"""
import sys

def main():
    args = [a for a in sys.argv[1:]]
    out = "data/gazetteers/common_words.tsv"
    if "-o" in args:
        k = args.index("-o")
        out = args[k + 1]
        del args[k:k + 2]
    src = args[0] if args else "/usr/share/dict/american-english"
    words = set()
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            w = line.strip()
            if len(w) >= 2 and w.isascii() and w.isalpha() and w.islower():
                words.add(w)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# common_words.tsv: lower-case English words; a capitalised token whose lower-case\n")
        fh.write("#   form is here is an ordinary word unless a name list or a rule says otherwise.\n")
        fh.write("# Source: SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson, size 50, as\n")
        fh.write("#   packaged in Debian wamerican 2020.12.07 (/usr/share/dict/american-english).\n")
        fh.write("# License: SCOWL permissive license (copyright notice in NOTICE).\n")
        fh.write("# Made by: python3 tools/build_common_words.py /usr/share/dict/american-english\n")
        fh.write("# Columns: word\n")
        for w in sorted(words):
            fh.write(w + "\n")
    print(f"{len(words)} words -> {out}")

if __name__ == "__main__":
    main()
