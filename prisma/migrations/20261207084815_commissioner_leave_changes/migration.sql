-- CreateTable
CREATE TABLE "CommissionerLeaveChange" (
    "id" TEXT NOT NULL,
    "leaveId" TEXT NOT NULL,
    "fromEndDate" TIMESTAMP(3),
    "toEndDate" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "changedById" TEXT NOT NULL,
    "previousVerifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionerLeaveChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommissionerLeaveChange_leaveId_createdAt_idx" ON "CommissionerLeaveChange"("leaveId", "createdAt");

-- AddForeignKey
ALTER TABLE "CommissionerLeaveChange" ADD CONSTRAINT "CommissionerLeaveChange_leaveId_fkey" FOREIGN KEY ("leaveId") REFERENCES "CommissionerLeave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

