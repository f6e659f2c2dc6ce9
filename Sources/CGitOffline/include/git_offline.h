#ifndef AIGATE_GIT_OFFLINE_H
#define AIGATE_GIT_OFFLINE_H

/* Nonzero when libgit2's certificate loading resolves to this module's no-op loaders (so
   git_libgit2_init reads no trust store). */
int aigate_git_offline_tls_active(void);

#endif
