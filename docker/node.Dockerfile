# One image for every node service (sql migrate/seed, gis-api, tiles, camera-proxy); compose picks the entry.
# TypeScript runs directly through tsx, so there is no compile step and the image holds the sources.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# Manifests first, so the npm layer is rebuilt only when dependencies change, not on every code edit.
# Every workspace's package.json must be present or npm ci sees the lockfile as out of date.
COPY package.json package-lock.json ./
COPY sql/package.json sql/
COPY gis-api/package.json gis-api/
COPY tiles/package.json tiles/
COPY camera-proxy/package.json camera-proxy/
COPY ioc-web/package.json ioc-web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
# Only the server workspaces plus the root (whose devDependencies hold tsx): this leaves out deck.gl,
# MapLibre and Playwright. Dev dependencies stay in because tsx is one.
RUN npm ci --no-audit --no-fund \
      --workspace @ioc/sql --workspace @ioc/gis-api --workspace @ioc/tiles --workspace @ioc/camera-proxy \
      --include-workspace-root \
  && npm cache clean --force

FROM node:20-bookworm-slim
WORKDIR /app
# ffmpeg/ffprobe: gis-api strips metadata from uploaded videos, camera-proxy makes snapshots.
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg \
  && rm -rf /var/lib/apt/lists/*
# Set only after npm ci: NODE_ENV=production would make npm drop the dev dependencies, tsx among them.
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
COPY --from=deps /app/node_modules ./node_modules
# The whole (dockerignored) tree rather than a list of folders: new top-level files the services
# import, and data/ (admin areas, facilities, cameras, basemap, glyphs for seed and tiles), come along.
COPY . .
# Code and dependencies stay root-owned and read-only to the app; only the media directory is its own.
# A fresh named volume mounted there copies this ownership.
RUN mkdir -p /var/lib/ioc/media && chown node:node /var/lib/ioc/media
USER node
ENV MEDIA_DIR=/var/lib/ioc/media
EXPOSE 4000 4001 4002
CMD ["node", "--import", "tsx", "gis-api/src/main.ts"]
