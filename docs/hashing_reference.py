#!/usr/bin/env python3
"""Independent reference implementation of docs/hashing.md, used to check the test vector.

Run: pip install blake3 && python3 docs/hashing_reference.py
"""
import struct
from blake3 import blake3


def leb128(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def name(n):
    return bytes([len(n)]) + n.encode()


def present(n, value: bytes):
    return name(n) + b"\x01" + leb128(len(value)) + value


def opt(n, value):
    return present(n, value) if value is not None else name(n) + b"\x00"


def lst(n, items):
    out = name(n) + b"\x01" + leb128(len(items))
    for i in items:
        b = i.encode()
        out += leb128(len(b)) + b
    return out


def fields(f):
    enc = lambda s: None if s is None else s.encode()
    out = present("origin", f["origin"].encode()) + lst("via", f.get("via", []))
    out += present("text", f["text"].encode())
    for k in ("about", "stance", "value"):
        out += opt(k, enc(f.get(k)))
    out += present("quote", bytes([1 if f.get("quote") else 0]))
    for k in ("said_on", "reported_on", "url", "lang"):
        out += opt(k, enc(f.get(k)))
    out += opt("doc", None) + opt("span", None)
    return out


def content_digest(f):
    return blake3(b"claims/content/v2\n" + fields(f)).digest()


def claim_id(f):
    digest = content_digest(f)[:16]
    return "".join(chr(ord("k") + (b >> 4)) + chr(ord("k") + (b & 15)) for b in digest)


def version(cid, seq, parent, action, f, note, recorded_at):
    out = b"claims/version/v2\n" + present("claim", cid.encode())
    out += present("seq", struct.pack("<Q", seq)) + opt("parent", parent)
    out += present("action", action.encode()) + present("content", content_digest(f))
    out += opt("note", None if note is None else note.encode())
    out += present("recorded_at", recorded_at.encode())
    return out


if __name__ == "__main__":
    f = {
        "origin": "us-officials",
        "via": ["nyt"],
        "text": "كيم يعتزم زيارة روسيا",
        "about": "kim-visit",
        "stance": "supports",
        "said_on": "2023-09-04",
    }
    cid = claim_id(f)
    enc = version(cid, 1, None, "record", f, None, "2023-09-05T12:00:00Z")
    print("content digest:", content_digest(f).hex())
    print("claim id:", cid)
    print("encoding length:", len(enc))
    print("version hash:", blake3(enc).hexdigest())
