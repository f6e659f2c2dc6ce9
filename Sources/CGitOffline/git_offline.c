/*
 * aigate reads repositories on disk and never opens a network connection. Debian's libgit2 is
 * built with mbedTLS, and git_libgit2_init parses the whole system CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, about 140 certificates, constant-time base64) on every
 * start: about 11 ms of CPU, a fifth of the hook path's budget, for certificates nobody uses.
 *
 * The executable defines mbedTLS's two loaders itself. The dynamic linker binds libgit2's calls
 * to the executable's definitions first, so the bundle is never read. Each loader reports an
 * empty, successfully parsed chain: libgit2 starts normally, and any TLS connection it were
 * ever asked to make would fail certificate verification (no trusted roots). That is fail
 * closed, and it is the only effect: nothing else in the process uses mbedTLS.
 *
 * On a libgit2 built with OpenSSL or a platform TLS stack these symbols are simply unused.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

#include "git_offline.h"

struct mbedtls_x509_crt;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path) {
  (void)chain;
  (void)path;
  return 0;
}

int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain, const char *path) {
  (void)chain;
  (void)path;
  return 0; /* mbedTLS returns the number of certificates it failed to parse */
}

int aigate_git_offline_tls_active(void) {
  void *bound = dlsym(RTLD_DEFAULT, "mbedtls_x509_crt_parse_file");
  return bound == (void *)&mbedtls_x509_crt_parse_file;
}
