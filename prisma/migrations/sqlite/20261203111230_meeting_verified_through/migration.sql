-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "inviteCode" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'IDEATION',
    "phaseSince" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "holderId" TEXT,
    "holderSince" DATETIME,
    "turnLimitSec" INTEGER,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "lastHash" TEXT NOT NULL,
    "verifiedThrough" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Meeting_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("createdAt", "createdById", "description", "holderId", "holderSince", "id", "inviteCode", "lastHash", "lastSeq", "phase", "phaseSince", "title", "turnLimitSec") SELECT "createdAt", "createdById", "description", "holderId", "holderSince", "id", "inviteCode", "lastHash", "lastSeq", "phase", "phaseSince", "title", "turnLimitSec" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_inviteCode_key" ON "Meeting"("inviteCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
