FROM debian:12-slim
# ruleid: docker.chmod-world-writable
RUN mkdir -p /data && chmod -R 777 /data
# ruleid: docker.chmod-world-writable
RUN chmod a+rwx /usr/local/bin/entrypoint.sh
# ok: docker.chmod-world-writable
RUN chmod 755 /usr/local/bin/entrypoint.sh
# ok: docker.chmod-world-writable
RUN chmod u+x,go-w /usr/local/bin/entrypoint.sh
