import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import type { OrganisationType } from "~/generated/prisma/enums";
import type { ProposePairingFields } from "~/modules/pairings/pairings.schema";
import { FOUNDER, createOrganisation, createUser } from "./factories";
import { actorOf } from "./needs-factories";

/** A university (or another organisation type) and one of its institution accounts, as sessions see it. */
export async function createPairingInstitution(type: OrganisationType = "UNIVERSITY") {
  const organisation = await createOrganisation(type);
  const user = await createUser({ role: "INSTITUTION", displayName: "河南科技大学帮扶办" });
  await db.membership.create({
    data: { userId: user.id, organisationId: organisation.id, role: "INSTITUTION", ...FOUNDER },
  });
  return { actor: await actorOf(user.id), organisation };
}

/** A village (行政村) record of the county. */
export async function createVillageRecord(countyCode: string, name = `村${randomBytes(2).toString("hex")}`) {
  const recorder = await createUser({ role: "BUREAU" });
  return db.village.create({
    data: { countyCode, township: "城关镇", name, createdById: recorder.id },
    select: { id: true, countyCode: true, name: true },
  });
}

/** The fields of a proposal with one commitment of each kind the test names. */
export function proposal(
  organisationId: string,
  countyCode: string,
  overrides: Partial<ProposePairingFields> = {},
): ProposePairingFields {
  return {
    organisationId,
    countyCode: countyCode as ProposePairingFields["countyCode"],
    startsOn: "2026-01-01",
    note: "",
    EXPERTS_SENT: 3,
    TRAININGS: 4,
    PROJECTS: 0,
    FUNDING_FEN: 50_000,
    STUDENTS: 0,
    ...overrides,
  };
}

/** A training in the county with the given people signed up; HELD (with attendance) unless told. */
export async function createTrainingWith(
  countyCode: string,
  people: { userId: string; attended: boolean }[],
  status: "OPEN" | "HELD" = "HELD",
) {
  const host = await createUser({ role: "EXPERT" });
  return db.training.create({
    data: {
      hostId: host.id,
      title: `核桃修剪培训 ${randomBytes(2).toString("hex")}`,
      description: "冬季修剪与病虫害防治",
      countyCode,
      place: "村委会",
      startsAt: new Date("2026-03-01T02:00:00Z"),
      capacity: 50,
      status,
      signups: { createMany: { data: people } },
    },
    select: { id: true, title: true },
  });
}
