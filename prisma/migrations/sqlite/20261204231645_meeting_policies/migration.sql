-- CreateTable
CREATE TABLE "PointOfOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticket" INTEGER NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PointOfOrder_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PointOfOrder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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
    "drawPolicy" TEXT NOT NULL DEFAULT 'HOLDER',
    "micPolicy" TEXT NOT NULL DEFAULT 'FLOOR',
    "queuePolicy" TEXT NOT NULL DEFAULT 'FIRST_COME',
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "lastHash" TEXT NOT NULL,
    "verifiedThrough" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Meeting_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("createdAt", "createdById", "description", "holderId", "holderSince", "id", "inviteCode", "lastHash", "lastSeq", "phase", "phaseSince", "title", "turnLimitSec", "verifiedThrough") SELECT "createdAt", "createdById", "description", "holderId", "holderSince", "id", "inviteCode", "lastHash", "lastSeq", "phase", "phaseSince", "title", "turnLimitSec", "verifiedThrough" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_inviteCode_key" ON "Meeting"("inviteCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PointOfOrder_meetingId_userId_key" ON "PointOfOrder"("meetingId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PointOfOrder_meetingId_ticket_key" ON "PointOfOrder"("meetingId", "ticket");
