-- CreateIndex
CREATE INDEX "ServiceLog_photoIds_idx" ON "ServiceLog" USING GIN ("photoIds");

