# syntax=docker/dockerfile:1
# order-contract-mock: the standalone mock server for CI.
#   docker build -t order-contract-mock .
#   docker run --rm -p 4010:4010 order-contract-mock
#   docker run --rm -p 4010:4010 -v "$PWD/my-scenarios:/scenarios:ro" order-contract-mock
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile TypeScript with the dev dependencies --------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
# The build first generates src/generated/ from package.json and scenarios/, then bundles (scripts/build.mjs).
COPY scripts/generate.mjs scripts/build.mjs ./scripts/
COPY scenarios ./scenarios
COPY src ./src
# Only the JavaScript runs: no declarations or source maps in the image.
RUN npm run build && find dist \( -name '*.map' -o -name '*.d.ts' \) -exec rm -f {} +

# ---- runtime: production dependencies only, non-root -----------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    MOCK_SCENARIOS_DIR=/scenarios
WORKDIR /app
# package-lock.json stays: it lists exactly what is installed, for image scanners.
# One layer: production dependencies, minus npm's cache and what only an editor
# or a debugger reads (type declarations, source maps).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force && rm -rf /root/.npm /tmp/* \
 && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -exec rm -f {} +
COPY --from=build /app/dist ./dist
COPY console ./console
COPY openapi ./openapi
# The scenarios live at /scenarios. Mount a folder of your own there: its files
# layer over the bundled scenarios, so `extends: default` still works.
COPY scenarios /scenarios
USER node
EXPOSE 4010
# Node's own fetch: the health check needs no curl or wget in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/__mock/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js"]
