#!/usr/bin/env python3
"""Convert the TruthFinder Book data into JSONL for `claims import --create-sources`.

Reads ../shared/truth/book/ (never copied into the repository) and writes:
  OUT/book_claims.jsonl  {"source", "about", "value", "text"} per claim
  OUT/book_gold.jsonl    {"about", "value"} per gold book

Normalisation (the benchmark's, applied identically to our engine and to the
peer library; see ../shared/truth/book/README.md):
  * lower-case; drop empty and "not available" author strings;
  * HTML entities decoded; authors split and last names taken as described in
    last_names() below (the raw strings mix "last, first", "first last", lists
    with ";", "/", "and", "(author)" markers);
  * value = sorted set of last names joined by ";";
  * keep the first claim per (source, ISBN).
"""
import argparse
import html
import re
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "truth", "book"))


SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "ph.d", "md", "dr", "prof", "editor", "ed", "eds"}
SEPARATORS = re.compile(r"\([^)]*\)|;|/|&|\band\b|\bwith\b|\bet al\b\.?")


def clean_word(w):
    """A name word without surrounding punctuation (hyphens and apostrophes kept)."""
    return w.strip(" .,:\"'*")


def name_words(part):
    """Words of a name part, without empty words and suffixes such as "jr."."""
    words = [clean_word(w) for w in part.split()]
    return [w for w in words if w and w not in SUFFIXES]


def last_names(authors):
    """Sorted set of lower-case last names of an author string.

    Authors are separated by ";", "/", "&", "and", "with" or parenthesised roles such
    as "(author)"; the word "by" is ignored. Within a chunk, comma-separated parts are
    read as "last, first" pairs when a part is a single word, else as "first last"
    names; a chunk of 4+ words without commas or initials is read as pairs of
    "first last" names ("ken arnold james gosling" -> arnold, gosling).
    """
    text = html.unescape(authors).lower()
    text = re.sub(r"\bby\b", " ", text)
    names = set()
    for chunk in SEPARATORS.split(text):
        parts = [p for p in (name_words(p) for p in chunk.split(",")) if p]
        i = 0
        while i < len(parts):
            words = parts[i]
            if len(words) == 1 and i + 1 < len(parts) and "," in chunk:
                names.add(words[0])  # "last, first"
                i += 2
                continue
            if len(words) >= 4 and len(words) % 2 == 0 and all(len(w) > 1 for w in words):
                names.update(words[1::2])  # "first last first last ..."
            else:
                names.add(words[-1])
            i += 1
    return ";".join(sorted(names))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder with book.txt and book_golden.txt")
    ap.add_argument("--out", required=True, help="output folder (outside the repository)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    seen = set()
    n = 0
    with open(os.path.join(args.data, "book.txt"), encoding="utf-8", newline="") as f, open(
        os.path.join(args.out, "book_claims.jsonl"), "w", encoding="utf-8"
    ) as out:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) != 4:
                continue
            source, isbn, _title, authors = row
            if authors.strip().lower() in ("", "not available"):
                continue
            value = last_names(authors)
            if not value or (source, isbn) in seen:
                continue
            seen.add((source, isbn))
            out.write(json.dumps({"source": source, "about": isbn, "value": value, "text": authors},
                                 ensure_ascii=False) + "\n")
            n += 1

    g = 0
    with open(os.path.join(args.data, "book_golden.txt"), encoding="utf-8", newline="") as f, open(
        os.path.join(args.out, "book_gold.jsonl"), "w", encoding="utf-8"
    ) as out:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) != 2:
                continue
            isbn, authors = row
            out.write(json.dumps({"about": isbn.strip(), "value": last_names(authors)}) + "\n")
            g += 1
    print(f"wrote {n} claims and {g} gold values to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
