# syntax=docker/dockerfile:1
# ok: dockerfile-from
FROM python:3.12 AS build
# ruleid: dockerfile-from
FROM --platform=linux/amd64 python:latest AS base
# ruleid: dockerfile-env
ENV A=1 PIP_NO_CACHE_DIR=1 B=2
# ok: dockerfile-env
ENV PIP_INDEX_URL=https://x
# ruleid: dockerfile-user
ENTRYPOINT ["python"]
# ruleid: dockerfile-forms
CMD python app.py
# ok: dockerfile-forms
CMD ["python", "app.py"]
USER app
# ok: dockerfile-user
ENTRYPOINT python app.py
