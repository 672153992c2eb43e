/*
 * example-c: a small check plugin for claims, in plain C, as an example of the plugin ABI.
 *
 * Rules, per claim:
 *   blank-text        (warning) the text has fewer than 3 non-blank characters;
 *   long-text         (info)    the text is longer than 600 characters (one claim, one statement);
 *   unbalanced-quotes (warning) straight double quotes are odd in number, or the curly “ ”
 *                               or the guillemets « » do not pair up.
 *
 * It reads the CheckRequest with a tiny JSON scanner that only understands what it needs: the
 * "id" and "text" strings of each object in the top-level "claims" array; everything else is
 * skipped. Build: cc -shared -fPIC -o libexample_c.so example_check.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_plugin.h"

#define MIN_VISIBLE_CHARS 3
#define MAX_TEXT_CHARS 600
#define MAX_DEPTH 64

static const char MANIFEST[] =
    "{\"name\":\"example-c\",\"version\":\"0.1.0\",\"kinds\":[\"check\"],"
    "\"description\":\"Flags blank, overlong and unbalanced-quote claim texts (C example)\"}";

/* ---- output ------------------------------------------------------------------------------ */

/* A growable byte buffer; `failed` is set once an allocation fails. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} Out;

static void out_append(Out *out, const char *bytes, size_t len) {
    if (out->failed) return;
    if (out->len + len > out->cap) {
        size_t cap = out->cap ? out->cap : 256;
        while (cap < out->len + len) cap *= 2;
        char *grown = realloc(out->data, cap);
        if (!grown) {
            out->failed = 1;
            return;
        }
        out->data = grown;
        out->cap = cap;
    }
    memcpy(out->data + out->len, bytes, len);
    out->len += len;
}

static void out_str(Out *out, const char *text) { out_append(out, text, strlen(text)); }

static ClaimsBuffer result(uint32_t status, Out *out) {
    ClaimsBuffer buffer = {status, (uint8_t *)out->data, out->len};
    return buffer;
}

/* An error result holding `message`; a NULL buffer if even that cannot be allocated. */
static ClaimsBuffer error_result(const char *message) {
    Out out = {0};
    out_str(&out, message);
    if (out.failed) {
        free(out.data);
        out.data = NULL;
        out.len = 0;
    }
    return result(CLAIMS_STATUS_ERROR, &out);
}

/* ---- input -------------------------------------------------------------------------------- */

/* Where the scanner is in the request, and the first error it met. */
typedef struct {
    const char *s;
    size_t len;
    size_t pos;
    const char *error;
} Cursor;

static void fail(Cursor *c, const char *what) {
    if (!c->error) c->error = what;
}

static void skip_ws(Cursor *c) {
    while (c->pos < c->len && (c->s[c->pos] == ' ' || c->s[c->pos] == '\n' ||
                               c->s[c->pos] == '\r' || c->s[c->pos] == '\t'))
        c->pos++;
}

static int peek(Cursor *c) {
    skip_ws(c);
    return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1;
}

static int expect(Cursor *c, char ch) {
    if (peek(c) != ch) {
        fail(c, "unexpected character");
        return 0;
    }
    c->pos++;
    return 1;
}

/* Reads a string; `raw` and `raw_len` get its bytes between the quotes, still escaped. */
static int read_string(Cursor *c, const char **raw, size_t *raw_len) {
    if (!expect(c, '"')) return 0;
    size_t start = c->pos;
    while (c->pos < c->len && c->s[c->pos] != '"') {
        if (c->s[c->pos] == '\\') c->pos++;
        c->pos++;
    }
    if (c->pos >= c->len) {
        fail(c, "unterminated string");
        return 0;
    }
    *raw = c->s + start;
    *raw_len = c->pos - start;
    c->pos++;
    return 1;
}

static int skip_value(Cursor *c, int depth);

/* Skips `{...}` or `[...]`, whose opening character is next. */
static int skip_container(Cursor *c, int depth, char open, char close) {
    if (depth > MAX_DEPTH) {
        fail(c, "nested too deeply");
        return 0;
    }
    expect(c, open);
    if (peek(c) == close) {
        c->pos++;
        return 1;
    }
    for (;;) {
        if (open == '{') {
            const char *key;
            size_t key_len;
            if (!read_string(c, &key, &key_len) || !expect(c, ':')) return 0;
        }
        if (!skip_value(c, depth + 1)) return 0;
        int next = peek(c);
        c->pos++;
        if (next == close) return 1;
        if (next != ',') {
            fail(c, "expected , or the end of a list or object");
            return 0;
        }
    }
}

static int skip_value(Cursor *c, int depth) {
    const char *raw;
    size_t raw_len;
    int ch = peek(c);
    if (ch == '"') return read_string(c, &raw, &raw_len);
    if (ch == '{') return skip_container(c, depth, '{', '}');
    if (ch == '[') return skip_container(c, depth, '[', ']');
    size_t start = c->pos;
    while (c->pos < c->len && strchr("0123456789+-.eEtruefalsn", c->s[c->pos])) c->pos++;
    if (c->pos == start) {
        fail(c, "expected a value");
        return 0;
    }
    return 1;
}

/* ---- the rules ---------------------------------------------------------------------------- */

/* What the rules need to know about a text. */
typedef struct {
    size_t chars;
    size_t visible;
    size_t straight;
    size_t curly_open, curly_close;
    size_t guillemet_open, guillemet_close;
} TextStats;

static void count_char(TextStats *t, unsigned long cp) {
    t->chars++;
    if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0xA0) t->visible++;
    if (cp == '"') t->straight++;
    if (cp == 0x201C) t->curly_open++;
    if (cp == 0x201D) t->curly_close++;
    if (cp == 0xAB) t->guillemet_open++;
    if (cp == 0xBB) t->guillemet_close++;
}

static int hex4(const char *p, size_t left, unsigned long *value) {
    if (left < 4) return 0;
    *value = 0;
    for (int i = 0; i < 4; i++) {
        char h = p[i];
        int digit = (h >= '0' && h <= '9')   ? h - '0'
                    : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                    : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                             : -1;
        if (digit < 0) return 0;
        *value = *value * 16 + (unsigned long)digit;
    }
    return 1;
}

/* Decodes a still-escaped JSON string just far enough to count characters and quotes. */
static TextStats text_stats(const char *raw, size_t len) {
    TextStats t = {0};
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)raw[i];
        if (b == '\\' && i + 1 < len) {
            char e = raw[i + 1];
            i += 2;
            unsigned long cp = (unsigned char)e;
            if (e == 'n') cp = '\n';
            else if (e == 't') cp = '\t';
            else if (e == 'r') cp = '\r';
            else if (e == 'u' && hex4(raw + i, len - i, &cp)) {
                i += 4;
                unsigned long low;
                if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= len && raw[i] == '\\' &&
                    raw[i + 1] == 'u' && hex4(raw + i + 2, len - i - 2, &low)) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            count_char(&t, cp);
            continue;
        }
        /* UTF-8: decode the lead byte and its continuation bytes. */
        size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        unsigned long cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (size_t k = 1; k < n && i + k < len; k++)
            cp = (cp << 6) | ((unsigned char)raw[i + k] & 0x3Fu);
        count_char(&t, cp);
        i += n;
    }
    return t;
}

static void finding(Out *out, int *count, const char *rule, const char *severity,
                    const char *id, size_t id_len, const char *message) {
    if ((*count)++) out_str(out, ",");
    out_str(out, "{\"rule\":\"");
    out_str(out, rule);
    out_str(out, "\",\"severity\":\"");
    out_str(out, severity);
    out_str(out, "\",\"claims\":[\"");
    out_append(out, id, id_len); /* still escaped as in the request, so valid JSON here */
    out_str(out, "\"],\"message\":\"");
    out_str(out, message);
    out_str(out, "\"}");
}

static void check_claim(Out *out, int *count, const char *id, size_t id_len, const char *text,
                        size_t text_len) {
    TextStats t = text_stats(text, text_len);
    char message[160];
    if (t.visible < MIN_VISIBLE_CHARS) {
        finding(out, count, "blank-text", "warning", id, id_len,
                "the claim's text is empty or nearly so");
    }
    if (t.chars > MAX_TEXT_CHARS) {
        snprintf(message, sizeof message,
                 "the claim's text is %zu characters long (more than %d): is it one claim?",
                 t.chars, MAX_TEXT_CHARS);
        finding(out, count, "long-text", "info", id, id_len, message);
    }
    if (t.straight % 2 || t.curly_open != t.curly_close ||
        t.guillemet_open != t.guillemet_close) {
        snprintf(message, sizeof message,
                 "the claim's quotation marks do not pair up "
                 "(%zu straight, %zu opening and %zu closing curly, %zu and %zu guillemets)",
                 t.straight, t.curly_open, t.curly_close, t.guillemet_open, t.guillemet_close);
        finding(out, count, "unbalanced-quotes", "warning", id, id_len, message);
    }
}

/* Reads one claim object and checks it. */
static int read_claim(Cursor *c, Out *out, int *count) {
    const char *id = "", *text = "";
    size_t id_len = 0, text_len = 0;
    if (!expect(c, '{')) return 0;
    if (peek(c) == '}') {
        c->pos++;
    } else {
        for (;;) {
            const char *key;
            size_t key_len;
            if (!read_string(c, &key, &key_len) || !expect(c, ':')) return 0;
            if (key_len == 2 && !memcmp(key, "id", 2) && peek(c) == '"') {
                if (!read_string(c, &id, &id_len)) return 0;
            } else if (key_len == 4 && !memcmp(key, "text", 4) && peek(c) == '"') {
                if (!read_string(c, &text, &text_len)) return 0;
            } else if (!skip_value(c, 2)) {
                return 0;
            }
            int next = peek(c);
            c->pos++;
            if (next == '}') break;
            if (next != ',') {
                fail(c, "expected , or } in a claim");
                return 0;
            }
        }
    }
    check_claim(out, count, id, id_len, text, text_len);
    return 1;
}

/* Reads the CheckRequest object, checking each claim of "claims". */
static int read_request(Cursor *c, Out *out, int *count) {
    if (!expect(c, '{')) return 0;
    if (peek(c) == '}') return 1;
    for (;;) {
        const char *key;
        size_t key_len;
        if (!read_string(c, &key, &key_len) || !expect(c, ':')) return 0;
        if (key_len == 6 && !memcmp(key, "claims", 6) && peek(c) == '[') {
            c->pos++;
            if (peek(c) == ']') {
                c->pos++;
            } else {
                for (;;) {
                    if (!read_claim(c, out, count)) return 0;
                    int next = peek(c);
                    c->pos++;
                    if (next == ']') break;
                    if (next != ',') {
                        fail(c, "expected , or ] in the claims");
                        return 0;
                    }
                }
            }
        } else if (!skip_value(c, 1)) {
            return 0;
        }
        int next = peek(c);
        c->pos++;
        if (next == '}') return 1;
        if (next != ',') {
            fail(c, "expected , or } in the request");
            return 0;
        }
    }
}

/* ---- the ABI ------------------------------------------------------------------------------ */

static ClaimsBuffer example_check(const uint8_t *request, size_t len) {
    Cursor c = {(const char *)request, request ? len : 0, 0, NULL};
    Out out = {0};
    int count = 0;
    out_str(&out, "{\"findings\":[");
    if (!read_request(&c, &out, &count)) {
        char message[160];
        snprintf(message, sizeof message, "example-c: cannot read the check request: %s at byte %zu",
                 c.error ? c.error : "malformed JSON", c.pos);
        free(out.data);
        return error_result(message);
    }
    out_str(&out, "]}");
    if (out.failed) {
        free(out.data);
        return error_result("example-c: out of memory");
    }
    return result(CLAIMS_STATUS_OK, &out);
}

static void example_free(ClaimsBuffer buffer) { free(buffer.ptr); }

const ClaimsPluginEntry *claims_plugin_entry(void) {
    static const ClaimsPluginEntry entry = {
        CLAIMS_PLUGIN_ABI_VERSION,
        (const uint8_t *)MANIFEST,
        sizeof MANIFEST - 1,
        NULL, /* not a parser */
        example_check,
        example_free,
    };
    return &entry;
}
