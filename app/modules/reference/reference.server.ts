import type { Db } from "~/db.server";
import { COUNTIES, INDUSTRIES } from "./reference";

/** Keeps the reference tables equal to the lists in code (they are foreign-key targets). */
export async function syncReferenceData(db: Db): Promise<void> {
  await db.$transaction([
    ...COUNTIES.map((county, index) =>
      db.county.upsert({
        where: { code: county.code },
        create: { ...county, sortOrder: index },
        update: { nameZh: county.nameZh, nameEn: county.nameEn, kind: county.kind, sortOrder: index },
        select: { code: true },
      }),
    ),
    ...INDUSTRIES.map((industry, index) =>
      db.industry.upsert({
        where: { code: industry.code },
        create: { ...industry, sortOrder: index },
        update: { nameZh: industry.nameZh, nameEn: industry.nameEn, sortOrder: index },
        select: { code: true },
      }),
    ),
  ]);
}
