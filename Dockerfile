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
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies only, non-root -----------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    MOCK_SCENARIOS_DIR=/scenarios
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY console ./console
COPY openapi ./openapi
# The scenarios live at /scenarios: mount a volume there to use your own.
COPY scenarios /scenarios
USER node
EXPOSE 4010
# Node's own fetch: the health check needs no curl or wget in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/__mock/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js"]
