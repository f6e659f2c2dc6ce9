# aigate's container: aigate (built here, static but for glibc) and a pinned semgrep, run as an
# unprivileged user. Build and use:
#
#   docker build -t aigate .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/repo" aigate check --base origin/main
#
# --user runs it as the repository's owner: git and libgit2 refuse a repository another user
# owns (aigate then says it finds no git repository); without it the image's user 10001 runs.
#
# The two base images are build arguments; a release build pins each by digest, e.g.
#   --build-arg SWIFT_IMAGE=swift:6.3.1-bookworm@sha256:<digest>
#   --build-arg RUNTIME_IMAGE=debian:12-slim@sha256:<digest>
# (`docker buildx imagetools inspect IMAGE` prints a tag's digest.) The apt packages are pinned
# to Debian 12's versions, semgrep to SEMGREP_VERSION.
ARG SWIFT_IMAGE=swift:6.3.1-bookworm
ARG RUNTIME_IMAGE=debian:12-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
    libgit2-dev=1.5.1+ds-1+deb12u2 libpcre2-dev=10.42-1+deb12u2 libyaml-dev=0.2.5-1 \
    pkg-config=1.8.1-1 make=4.3-4.1 \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole package (SwiftPM wants every declared target's folder); .dockerignore leaves out
# build output.
COPY . .
RUN make release

FROM ${RUNTIME_IMAGE}
ARG SEMGREP_VERSION=1.185.0
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# git for the jobs around the gate (fetching notes, history); python3 for semgrep, in a venv.
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
    git=1:2.39.5-0+deb12u3 python3=3.11.2-1+b1 python3-venv=3.11.2-1+b1 \
    ca-certificates=20250419~deb12u2 \
  && rm -rf /var/lib/apt/lists/* \
  && python3 -m venv /opt/semgrep \
  && /opt/semgrep/bin/pip install --no-cache-dir --disable-pip-version-check \
    "semgrep==${SEMGREP_VERSION}" \
  && useradd --uid 10001 --create-home --shell /usr/sbin/nologin aigate
COPY --from=build /src/dist/aigate /usr/local/bin/aigate
COPY --from=build /src/rulesets /usr/local/share/aigate/rulesets
COPY --from=build /src/LICENSE /usr/local/share/doc/aigate/LICENSE
ENV PATH=/opt/semgrep/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  SEMGREP_SEND_METRICS=off
USER 10001
WORKDIR /repo
ENTRYPOINT ["aigate"]
CMD ["--help"]
