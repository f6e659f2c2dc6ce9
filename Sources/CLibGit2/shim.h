#ifndef AIGATE_CLIBGIT2_SHIM_H
#define AIGATE_CLIBGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>
/* zlib, to check loose objects before libgit2 1.5 inflates them (it loops on a truncated one). */
#include <zlib.h>

/* inflateInit is a macro, which Swift cannot call. */
static inline int aigate_inflate_init(z_stream *stream) {
  return inflateInit(stream);
}

/* git_libgit2_opts is variadic, which Swift cannot call: one fixed-argument wrapper per use. */
static inline int aigate_git_set_strict_hash_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Blobs stay in libgit2's object cache up to this size, so a file the diff read is not
   inflated again when the gate reads it. */
static inline int aigate_git_set_blob_cache_limit(size_t limit) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, limit);
}
#endif
