# The web container: builds the ioc-web SPA with node, then serves it from nginx, which also fronts the APIs.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first so dependencies are cached across source edits; all workspaces' manifests are
# needed for npm ci to accept the lockfile.
COPY package.json package-lock.json ./
COPY sql/package.json sql/
COPY gis-api/package.json gis-api/
COPY tiles/package.json tiles/
COPY camera-proxy/package.json camera-proxy/
COPY ioc-web/package.json ioc-web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund --workspace @ioc/web --include-workspace-root
# Whole tree: the Vite build may read shared files (tsconfig.base.json, generated types, data/).
COPY . .
RUN npm run build -w ioc-web

FROM nginx:1.27-alpine
# Replaces the image's default site; nginx.conf is a server-level file included inside http {}.
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/ioc-web/dist /usr/share/nginx/html
EXPOSE 80
