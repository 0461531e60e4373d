-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "verifiedThrough" INTEGER NOT NULL DEFAULT 0;
