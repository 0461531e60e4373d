#!/usr/bin/env bash
# While nothing has shipped, the schema has one migration, "init": rewrite it from the current
# schema and regenerate both clients. Serialised with a lock so that several people editing the
# schema at once cannot interleave.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/orchestrasec-migrations.lock
flock 9
rm -rf prisma/migrations
node scripts/migrations-create.mjs init
node scripts/prisma-generate.mjs
