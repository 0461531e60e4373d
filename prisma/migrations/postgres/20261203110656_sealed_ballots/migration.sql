-- Secret ballots: the choices are sealed under the secrets keyring instead of counted in the
-- clear (services/secret-ballot.ts).

-- An open secret vote's counts cannot be sealed here (that needs the keyring): refuse to
-- upgrade while one has votes, rather than lose them. Close it with the previous version first.
DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM "SecretBallotCount" c JOIN "Proposal" p ON p."id" = c."proposalId"
        WHERE p."closedAt" IS NULL AND c."count" > 0
    ) THEN
        RAISE EXCEPTION 'close_open_secret_votes_before_upgrading: a secret vote with votes is open; close it with the previous version, then upgrade';
    END IF;
END $$;

-- DropForeignKey
ALTER TABLE "SecretBallotCount" DROP CONSTRAINT "SecretBallotCount_proposalId_fkey";

-- DropTable
DROP TABLE "SecretBallotCount";

-- CreateTable
CREATE TABLE "SealedBallot" (
    "proposalId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,

    CONSTRAINT "SealedBallot_pkey" PRIMARY KEY ("proposalId","id")
);

-- AddForeignKey
ALTER TABLE "SealedBallot" ADD CONSTRAINT "SealedBallot_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
