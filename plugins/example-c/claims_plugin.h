/*
 * claims_plugin.h — the claims plugin ABI, version 1, for plugins written in C.
 *
 * The full contract is docs/plugin-abi.md; this header is its C summary.
 *
 * A plugin is a shared library exporting ONE symbol:
 *
 *     const ClaimsPluginEntry *claims_plugin_entry(void);
 *
 * which returns a pointer to a table that stays valid while the library is loaded (the host never
 * unloads it). The host reads the table's FIRST field, abi_version, and refuses the plugin unless
 * it equals CLAIMS_PLUGIN_ABI_VERSION, before it reads anything else.
 *
 * Requests and results are UTF-8 JSON, passed as pointer + length (not NUL-terminated).
 * Ownership: the host owns request bytes, valid only during the call. The plugin allocates each
 * result and the host hands it back, once, to the plugin's `free` entry point.
 * Threading: the host makes one call at a time, not necessarily from the same thread.
 */
#ifndef CLAIMS_PLUGIN_H
#define CLAIMS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes; goes in ClaimsPluginEntry.abi_version. */
#define CLAIMS_PLUGIN_ABI_VERSION 1u

/* ClaimsBuffer.status: `ptr` holds the JSON answer. */
#define CLAIMS_STATUS_OK 0u
/* ClaimsBuffer.status: `ptr` holds a UTF-8 error message for people (plain text, not JSON).
 * Any status other than CLAIMS_STATUS_OK is read as an error. */
#define CLAIMS_STATUS_ERROR 1u

/* A result, allocated by the plugin and freed by the plugin's `free`. `ptr` may be NULL when
 * `len` is 0. */
typedef struct ClaimsBuffer {
    uint32_t status;
    uint8_t *ptr;
    size_t len;
} ClaimsBuffer;

/* An entry point: reads a JSON request of `len` bytes at `request`, returns a result. */
typedef ClaimsBuffer (*ClaimsCallFn)(const uint8_t *request, size_t len);

/* Releases a result the same plugin returned. */
typedef void (*ClaimsFreeFn)(ClaimsBuffer buffer);

/* The table claims_plugin_entry returns. */
typedef struct ClaimsPluginEntry {
    /* Must be CLAIMS_PLUGIN_ABI_VERSION. Always the first field, in every version. */
    uint32_t abi_version;
    /* The manifest, UTF-8 JSON, e.g.
     * {"name":"my-check","version":"0.1.0","kinds":["check"],"description":"..."} */
    const uint8_t *manifest_ptr;
    size_t manifest_len;
    /* ParseRequest JSON -> {"claims":[ParsedClaim...]}; NULL unless kinds has "parser". */
    ClaimsCallFn parse;
    /* CheckRequest JSON -> {"findings":[Finding...]}; NULL unless kinds has "check". */
    ClaimsCallFn check;
    /* Frees what parse and check return; must not be NULL when either of them is set. */
    ClaimsFreeFn free;
} ClaimsPluginEntry;

/* The one symbol a plugin exports. */
const ClaimsPluginEntry *claims_plugin_entry(void);

#ifdef __cplusplus
}
#endif

#endif /* CLAIMS_PLUGIN_H */
