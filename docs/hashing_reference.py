#!/usr/bin/env python3
"""Independent reference implementation of docs/hashing.md, used to check the test vector.

Run: python3 docs/hashing_reference.py (Python 3 alone: BLAKE3 is written out below, from its
specification, and used when the `blake3` package is not installed; `--self-test` checks it).
Check a consistency proof without the workspace:
    claims head --proof 3 --json | python3 docs/hashing_reference.py --verify-proof -
"""
import struct

# BLAKE3 (https://github.com/BLAKE3-team/BLAKE3-specs), hash mode, 32-byte output: slow, but
# short enough to read against the specification, so the check needs no library of ours or
# anyone's.
_IV = (0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
       0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19)
_PERMUTATION = (2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8)
_CHUNK_START, _CHUNK_END, _PARENT, _ROOT = 1, 2, 4, 8
_BLOCK, _CHUNK, _M = 64, 1024, 0xFFFFFFFF


def _g(s, a, b, c, d, x, y):
    s[a] = (s[a] + s[b] + x) & _M
    s[d] = ((s[d] ^ s[a]) >> 16 | (s[d] ^ s[a]) << 16) & _M
    s[c] = (s[c] + s[d]) & _M
    s[b] = ((s[b] ^ s[c]) >> 12 | (s[b] ^ s[c]) << 20) & _M
    s[a] = (s[a] + s[b] + y) & _M
    s[d] = ((s[d] ^ s[a]) >> 8 | (s[d] ^ s[a]) << 24) & _M
    s[c] = (s[c] + s[d]) & _M
    s[b] = ((s[b] ^ s[c]) >> 7 | (s[b] ^ s[c]) << 25) & _M


def _compress(cv, words, counter, length, flags):
    s = list(cv) + list(_IV[:4]) + [counter & _M, counter >> 32, length, flags]
    m = list(words)
    for r in range(7):
        _g(s, 0, 4, 8, 12, m[0], m[1])
        _g(s, 1, 5, 9, 13, m[2], m[3])
        _g(s, 2, 6, 10, 14, m[4], m[5])
        _g(s, 3, 7, 11, 15, m[6], m[7])
        _g(s, 0, 5, 10, 15, m[8], m[9])
        _g(s, 1, 6, 11, 12, m[10], m[11])
        _g(s, 2, 7, 8, 13, m[12], m[13])
        _g(s, 3, 4, 9, 14, m[14], m[15])
        m = [m[i] for i in _PERMUTATION]
    return [s[i] ^ s[i + 8] for i in range(8)] + [s[i + 8] ^ cv[i] for i in range(8)]


def _words(block):
    return struct.unpack("<16I", block.ljust(_BLOCK, b"\0"))


def _chunk(data, counter):
    """A chunk's last compression, still open (cv, words, counter, length, flags), so the
    root flag can be added when it is the whole input."""
    cv, blocks = _IV, [data[i:i + _BLOCK] for i in range(0, len(data), _BLOCK)] or [b""]
    for i, block in enumerate(blocks):
        flags = (_CHUNK_START if i == 0 else 0) | (_CHUNK_END if i == len(blocks) - 1 else 0)
        if i == len(blocks) - 1:
            return (cv, _words(block), counter, len(block), flags)
        cv = _compress(cv, _words(block), counter, _BLOCK, flags)[:8]


def _subtree(data, counter):
    chunks = max(1, -(-len(data) // _CHUNK))
    if chunks == 1:
        return _chunk(data, counter)
    left = 1 << ((chunks - 1).bit_length() - 1)  # the largest power of two below `chunks`
    cvs = [_compress(*_subtree(part, c))[:8]
           for part, c in ((data[:left * _CHUNK], counter),
                           (data[left * _CHUNK:], counter + left))]
    return (_IV, cvs[0] + cvs[1], 0, _BLOCK, _PARENT)


class _PureBlake3:
    def __init__(self, data=b""):
        self._data = bytes(data)

    def digest(self):
        cv, words, _, length, flags = _subtree(self._data, 0)
        return struct.pack("<8I", *_compress(cv, words, 0, length, flags | _ROOT)[:8])

    def hexdigest(self):
        return self.digest().hex()


try:
    from blake3 import blake3
except ImportError:
    blake3 = _PureBlake3


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


def verdict(about, seq, parent, rating, value, note, recorded_at, by=None, label=None, url=None,
            reviewed_on=None):
    """v2 when no attribution field is present (every verdict before schema 7), else v3."""
    enc = lambda s: None if s is None else s.encode()
    attributed = any(x is not None for x in (by, label, url, reviewed_on))
    out = b"claims/verdict/v3\n" if attributed else b"claims/verdict/v2\n"
    out += present("about", about.encode()) + present("seq", struct.pack("<Q", seq))
    out += opt("parent", parent) + present("rating", rating.encode())
    out += opt("value", enc(value)) + opt("note", enc(note))
    if attributed:
        out += opt("by", enc(by)) + opt("label", enc(label)) + opt("url", enc(url))
        out += opt("reviewed_on", enc(reviewed_on))
    out += present("recorded_at", recorded_at.encode())
    return out


def log_entry(kind, subject, record, at, analyst, email=None, key=None, signature=None):
    out = b"claims/log-entry/v1\n" + present("kind", kind.encode())
    out += present("subject", subject.encode()) + present("record", record)
    out += present("at", at.encode()) + present("analyst", analyst.encode())
    out += opt("email", None if email is None else email.encode())
    out += opt("key", key) + opt("signature", signature)
    return out


def leaf(entry):
    return blake3(b"\x00" + entry).digest()


def node(left, right):
    return blake3(b"\x01" + left + right).digest()


def verify_consistency(m, old_root, n, new_root, proof):
    """RFC 9162 section 2.1.4.2, with BLAKE3 as the hash."""
    if m > n:
        return False
    if m == n:
        return not proof and old_root == new_root
    if m == 0:
        return not proof
    path = ([old_root] if m & (m - 1) == 0 else []) + list(proof)
    if not path:
        return False
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def verify_proof_json(text):
    import json
    p = json.loads(text)
    h = bytes.fromhex
    ok = verify_consistency(p["old"]["size"], h(p["old"]["root"]), p["new"]["size"],
                            h(p["new"]["root"]), [h(x) for x in p["proof"]])
    print("proof ok: %d:%s extends %d:%s" % (p["new"]["size"], p["new"]["root"], p["old"]["size"],
                                               p["old"]["root"]) if ok else "proof FAILS")
    return ok


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--verify-proof":
        text = sys.stdin.read() if sys.argv[2] == "-" else open(sys.argv[2]).read()
        sys.exit(0 if verify_proof_json(text) else 1)
    if sys.argv[1:] == ["--self-test"]:
        # The specification's own vectors, then input lengths around block and chunk edges
        # against the `blake3` package when it is installed.
        assert _PureBlake3(b"").hexdigest().startswith("af1349b9f5f9a1a6a0404dea36dcc949")
        assert _PureBlake3(b"abc").hexdigest().startswith("6437b3ac38465133ffb63b75273a8db5")
        if blake3 is not _PureBlake3:
            for n in (0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 2049, 3072, 4097, 9000):
                data = bytes(i % 251 for i in range(n))
                assert _PureBlake3(data).digest() == blake3(data).digest(), n
        print("ok")
        sys.exit(0)
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
    entry = log_entry("claim-version", cid, blake3(enc).digest(), "2023-09-05T12:00:00Z", "سلمى",
                      "salma@example.org")
    print("log entry leaf:", leaf(entry).hex())
    v2 = verdict("kim-visit", 1, None, "true", None, "confirmed by both governments",
                 "2023-09-14T08:00:00Z")
    print("verdict v2 hash:", blake3(v2).hexdigest())
    v3 = verdict("kim-visit", 2, blake3(v2).digest(), "mostly-false", None, None,
                 "2023-09-15T08:00:00Z", by="fatabyyano", label="زائف جزئياً",
                 url="https://example.org/review/1", reviewed_on="2023-09-15")
    print("verdict v3 hash:", blake3(v3).hexdigest())
