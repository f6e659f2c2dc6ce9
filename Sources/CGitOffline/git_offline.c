/*
 * aigate reads repositories on disk and never opens a network connection. Debian's libgit2 is
 * built with mbedTLS, and git_libgit2_init parses the whole system CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, about 140 certificates, constant-time base64) on every
 * start: about 11 ms of CPU, a fifth of the hook path's budget, for certificates nobody uses.
 *
 * libgit2 is linked statically, and the link wraps mbedTLS's two loaders (`--wrap`, see
 * Package.swift): libgit2's calls reach the loaders below instead, so the bundle is never read.
 * Each reports an empty, successfully parsed chain: libgit2 starts normally, and any TLS
 * connection it were ever asked to make would fail certificate verification (no trusted roots).
 * That is fail closed, and it is the only effect: nothing else in the process uses mbedTLS.
 */
#include <stddef.h>
#include <stdint.h>

#include "git_offline.h"

struct mbedtls_x509_crt;

/* Set when libgit2's initialisation called a wrapped loader (read by the test). */
static volatile int loaders_called;

int __wrap_mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path) {
  (void)chain;
  (void)path;
  loaders_called = 1;
  return 0;
}

int __wrap_mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain, const char *path) {
  (void)chain;
  (void)path;
  loaders_called = 1;
  return 0; /* mbedTLS returns the number of certificates it failed to parse */
}

int aigate_git_offline_tls_active(void) {
  return loaders_called;
}

/*
 * Kerberos (GSS-API), which libgit2 calls only to answer an HTTP server's "Negotiate"
 * authentication challenge. aigate never talks to a server, and Debian ships no static
 * Kerberos library, so libgit2's references resolve here: every call fails with
 * GSS_S_FAILURE and empty outputs. Were one ever reached, authentication would be refused.
 */
typedef uint32_t gss_status;

struct gss_buffer {
  size_t length;
  void *value;
};

#define GSS_FAILURE ((gss_status)13u << 16)

/* The name-type constant libgit2 passes to gss_import_name: no such name type here. */
void *GSS_C_NT_HOSTBASED_SERVICE = NULL;

static gss_status refuse(gss_status *minor) {
  if (minor != NULL) {
    *minor = 0;
  }
  return GSS_FAILURE;
}

gss_status gss_import_name(gss_status *minor, const void *name, const void *type, void **out) {
  (void)name;
  (void)type;
  if (out != NULL) {
    *out = NULL;
  }
  return refuse(minor);
}

gss_status gss_release_name(gss_status *minor, void **name) {
  (void)name;
  return refuse(minor);
}

gss_status gss_indicate_mechs(gss_status *minor, void **mechanisms) {
  if (mechanisms != NULL) {
    *mechanisms = NULL;
  }
  return refuse(minor);
}

gss_status gss_release_oid_set(gss_status *minor, void **set) {
  (void)set;
  return refuse(minor);
}

gss_status gss_release_buffer(gss_status *minor, struct gss_buffer *buffer) {
  if (buffer != NULL) {
    buffer->length = 0;
    buffer->value = NULL;
  }
  return refuse(minor);
}

gss_status gss_delete_sec_context(gss_status *minor, void **context, struct gss_buffer *token) {
  (void)context;
  return gss_release_buffer(minor, token);
}

gss_status gss_display_status(
    gss_status *minor, gss_status value, int type, const void *mechanism, gss_status *context,
    struct gss_buffer *text) {
  (void)value;
  (void)type;
  (void)mechanism;
  if (context != NULL) {
    *context = 0;
  }
  return gss_release_buffer(minor, text);
}

gss_status gss_init_sec_context(
    gss_status *minor, const void *credential, void **context, const void *target,
    const void *mechanism, gss_status flags, gss_status lifetime, const void *bindings,
    const struct gss_buffer *input, void **actual_mechanism, struct gss_buffer *output,
    gss_status *returned_flags, gss_status *returned_lifetime) {
  (void)credential;
  (void)context;
  (void)target;
  (void)mechanism;
  (void)flags;
  (void)lifetime;
  (void)bindings;
  (void)input;
  if (actual_mechanism != NULL) {
    *actual_mechanism = NULL;
  }
  if (returned_flags != NULL) {
    *returned_flags = 0;
  }
  if (returned_lifetime != NULL) {
    *returned_lifetime = 0;
  }
  return gss_release_buffer(minor, output);
}
