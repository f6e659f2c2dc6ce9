FROM debian:12-slim
RUN apt-get update && apt-get install -y curl
# ruleid: docker.curl-pipe-shell
RUN curl -fsSL https://get.example.com/install.sh | sh
# ruleid: docker.curl-pipe-shell
RUN wget -qO- https://get.example.com/setup | sudo -E bash -s -- --yes
# ok: docker.curl-pipe-shell
RUN curl -fsSLo install.sh https://get.example.com/install.sh \
    && echo "d2a6b3c1e5f4a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2  install.sh" | sha256sum -c - \
    && sh install.sh
# ok: docker.curl-pipe-shell
RUN curl -fsSL https://example.com/data.json | jq .version
