FROM debian:12-slim AS tools
# ruleid: docker.user-root
USER root
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM debian:12-slim
# ok: docker.user-root
USER root
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
# ok: docker.user-root
USER 10001
RUN id
# ruleid: docker.user-root
USER 0:0
CMD ["/app/run"]
