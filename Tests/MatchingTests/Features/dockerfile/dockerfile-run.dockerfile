FROM debian:12
# ruleid: dockerfile-run, dockerfile-bash-in-run
RUN apt-get update && apt-get install -y curl && apt-get clean
# ruleid: dockerfile-run
RUN apt-get install -y curl
# ruleid: dockerfile-bash-in-run
RUN set -x; apt-get update
# ok: dockerfile-run, dockerfile-run-chain
RUN ["apt-get", "install", "-y", "curl"]
# ruleid: dockerfile-bash-in-run, dockerfile-run-chain
RUN apt-get update \
  # a comment line inside the instruction
  && rm -rf /var/lib/apt/lists/*
# ok: dockerfile-run-chain
# ruleid: dockerfile-bash-in-run
RUN echo start && apt-get update && apt-get clean && rm -rf /tmp/x
