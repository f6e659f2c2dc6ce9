FROM python:3.12-slim AS build
RUN pip install --no-cache-dir build
# ruleid: docker.missing-user
ENTRYPOINT ["python", "-m", "build"]
# ruleid: docker.missing-user
CMD ["--help"]

FROM python:3.12-slim
RUN useradd --uid 10001 --create-home app
USER app
WORKDIR /home/app
# ok: docker.missing-user
ENTRYPOINT ["python", "-m", "service"]
# ok: docker.missing-user
CMD ["--port", "8080"]
