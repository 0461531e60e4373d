# OrchestraSec: one process serving pages, API and WebSocket on port 3000.
# Build:  docker build -t orchestrasec .
# Run:    docker run -p 3000:3000 -v orchestrasec-data:/app/data orchestrasec
#         (SQLite in the volume; or -e DATABASE_URL=postgresql://... for PostgreSQL)

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source against Node 20.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV NEXT_TELEMETRY_DISABLED=1
# postinstall generates the Prisma clients: it needs the schema and the script.
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0
RUN useradd --system --uid 1001 orchestrasec && mkdir -p /app/data && chown orchestrasec /app/data
COPY --from=build --chown=orchestrasec /app ./
USER orchestrasec
VOLUME ["/app/data"]
EXPOSE 3000
# Migrations are applied at start; the first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD or is
# the first account to sign up.
CMD ["node", "--import", "tsx", "server.ts"]
