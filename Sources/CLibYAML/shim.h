#ifndef AIGATE_CLIBYAML_SHIM_H
#define AIGATE_CLIBYAML_SHIM_H
/* Debian's libyaml (libyaml-dev, pkg-config yaml-0.1): rules, policies and the agent table are
   read through its event parser. */
#include <yaml.h>
#endif
