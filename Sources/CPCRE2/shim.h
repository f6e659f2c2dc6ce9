#ifndef AIGATE_CPCRE2_SHIM_H
#define AIGATE_CPCRE2_SHIM_H
/* The 8-bit library: aigate matches UTF-8 bytes. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
