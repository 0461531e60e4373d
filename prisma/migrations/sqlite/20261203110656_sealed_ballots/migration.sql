-- Secret ballots: the choices are sealed under the secrets keyring instead of counted in the
-- clear (services/secret-ballot.ts).

-- An open secret vote's counts cannot be sealed here (that needs the keyring): refuse to
-- upgrade while one has votes, rather than lose them. Close it with the previous version first.
CREATE TEMP TABLE "_UpgradeGuard" (
    "openSecretVotes" INTEGER NOT NULL,
    CONSTRAINT "close_open_secret_votes_before_upgrading" CHECK ("openSecretVotes" = 0)
);
INSERT INTO "_UpgradeGuard"
    SELECT COUNT(*) FROM "SecretBallotCount" c JOIN "Proposal" p ON p."id" = c."proposalId"
    WHERE p."closedAt" IS NULL AND c."count" > 0;
DROP TABLE "_UpgradeGuard";

-- Overwrite what is deleted from here on with zeros, so the old counts do not stay in free pages.
PRAGMA secure_delete = ON;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SecretBallotCount";
PRAGMA foreign_keys=on;

-- CreateTable
-- WITHOUT ROWID (added by hand; Prisma cannot express it): the rows live in the order of their
-- random keys, with no rowid that counts up in the order of the votes.
CREATE TABLE "SealedBallot" (
    "proposalId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,

    PRIMARY KEY ("proposalId", "id"),
    CONSTRAINT "SealedBallot_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
