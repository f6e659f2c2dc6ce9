#ifndef AIGATE_CLIBGIT2_SHIM_H
#define AIGATE_CLIBGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>
#endif
