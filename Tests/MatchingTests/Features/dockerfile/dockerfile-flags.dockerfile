FROM debian:12
# ruleid: flags-passed-over
RUN make install
# ruleid: flags-passed-over
RUN --mount=type=cache,target=/root/.cache make install
# ruleid: flags-passed-over
RUN --network=none --security=sandbox ["make", "all"]
# ok: flags-passed-over
RUN --mount=type=cache,target=/root/.cache make clean
# ruleid: flags-passed-over
COPY --chown=app:app build/ /opt/app/
# ruleid: flags-passed-over
COPY build/ /opt/app/
# ok: flags-passed-over
COPY --chown=app:app dist/ /opt/app/
