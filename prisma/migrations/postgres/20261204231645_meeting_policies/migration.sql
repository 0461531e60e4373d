-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "drawPolicy" TEXT NOT NULL DEFAULT 'HOLDER',
ADD COLUMN     "micPolicy" TEXT NOT NULL DEFAULT 'FLOOR',
ADD COLUMN     "queuePolicy" TEXT NOT NULL DEFAULT 'FIRST_COME';

-- CreateTable
CREATE TABLE "PointOfOrder" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticket" INTEGER NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointOfOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PointOfOrder_meetingId_userId_key" ON "PointOfOrder"("meetingId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PointOfOrder_meetingId_ticket_key" ON "PointOfOrder"("meetingId", "ticket");

-- AddForeignKey
ALTER TABLE "PointOfOrder" ADD CONSTRAINT "PointOfOrder_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointOfOrder" ADD CONSTRAINT "PointOfOrder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
