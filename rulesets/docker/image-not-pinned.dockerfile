# ruleid: docker.image-not-pinned
FROM node:22-alpine AS build
RUN npm ci
# ruleid: docker.image-not-pinned
FROM python:latest
# ok: docker.image-not-pinned
FROM python:3.12-slim@sha256:2ef7b1a6a3cc7e8d3a5d4f3b2c1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a
# ok: docker.image-not-pinned
FROM scratch
COPY --from=build /app /app
