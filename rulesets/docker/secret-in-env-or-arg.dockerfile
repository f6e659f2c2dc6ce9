FROM node:22-alpine
# ruleid: docker.secret-in-env-or-arg
ENV DATABASE_PASSWORD=Sup3rS3cret!
# ruleid: docker.secret-in-env-or-arg
ARG OPENAI_API_KEY=team-key-7f3c9a2b11
# ok: docker.secret-in-env-or-arg
ARG NPM_TOKEN
# ok: docker.secret-in-env-or-arg
ENV NODE_ENV=production PORT=8080
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
