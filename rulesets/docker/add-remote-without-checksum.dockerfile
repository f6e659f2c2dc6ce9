FROM alpine:3.20
# ruleid: docker.add-remote-without-checksum
ADD https://github.com/example/tool/releases/download/v1.2.3/tool.tar.gz /tmp/
# ruleid: docker.add-remote-without-checksum
ADD --chown=10001 http://downloads.example.com/agent.bin /usr/local/bin/agent
# ok: docker.add-remote-without-checksum
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://github.com/example/tool/releases/download/v1.2.3/tool.tar.gz /tmp/
# ok: docker.add-remote-without-checksum
ADD ./config /etc/tool/
