import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import type { HouseholdStatus, VillageStatus } from "~/generated/prisma/enums";

/** A village of the county with, optionally, its status rows by year. */
export async function insertVillage(input: {
  countyCode: string;
  createdById: string;
  name?: string;
  township?: string;
  statuses?: { year: number; status: VillageStatus }[];
}) {
  return db.village.create({
    data: {
      countyCode: input.countyCode,
      township: input.township ?? "城关镇",
      name: input.name ?? `村${randomBytes(3).toString("hex")}`,
      createdById: input.createdById,
      statuses: {
        create: (input.statuses ?? []).map((row) => ({ ...row, recordedById: input.createdById })),
      },
    },
    select: { id: true, countyCode: true, name: true, township: true },
  });
}

/** A household of the village, recorded directly (with its initial status row). */
export async function insertHousehold(input: {
  villageId: string;
  countyCode: string;
  recordedById: string;
  code?: string;
  headName?: string;
  status?: HouseholdStatus;
  year?: number;
  createdAt?: Date;
}) {
  const status = input.status ?? "POOR";
  return db.household.create({
    data: {
      code: input.code ?? `H${randomBytes(4).toString("hex").toUpperCase()}`,
      villageId: input.villageId,
      countyCode: input.countyCode,
      headName: input.headName ?? "王小明",
      idLast4: "123X",
      size: 4,
      status,
      recordedById: input.recordedById,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      statusChanges: {
        create: {
          from: null,
          to: status,
          year: input.year ?? 2026,
          recordedById: input.recordedById,
          ...(input.createdAt ? { createdAt: input.createdAt } : {}),
        },
      },
    },
    select: { id: true, code: true, countyCode: true },
  });
}
