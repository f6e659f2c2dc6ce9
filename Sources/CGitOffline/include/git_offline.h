#ifndef AIGATE_GIT_OFFLINE_H
#define AIGATE_GIT_OFFLINE_H

/* Nonzero once libgit2's initialisation has called this module's no-op certificate loaders (so
   git_libgit2_init reads no trust store). */
int aigate_git_offline_tls_active(void);

#endif
