# ruleid: docker-latest
FROM python:latest
# ok: docker-latest
FROM python:3.12-slim
RUN pip install -r requirements.txt
