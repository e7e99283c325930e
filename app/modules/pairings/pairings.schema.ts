import { z } from "zod";
import { COUNTY_CODES } from "~/modules/reference/reference";
import { photoFilesField } from "~/modules/uploads/photo-files.schema";

export const COMMITMENT_KINDS = ["EXPERTS_SENT", "TRAININGS", "PROJECTS", "FUNDING_FEN", "STUDENTS"] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const TALENT_ROLES = ["TECHNICIAN", "INFORMANT", "COOP_LEADER", "ECOMMERCE"] as const;
export const TALENT_STATUSES = ["TRAINED", "SERVING"] as const;
export const MAX_PAIRING_PHOTOS = 6;

const id = z.string({ message: "pairings.errors.missing" }).trim().min(1, "pairings.errors.missing").max(40);
const optionalId = z.preprocess((v) => (v === "" ? undefined : v), id.optional());
const isoDate = z
  .string({ message: "pairings.errors.date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "pairings.errors.date")
  .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()), "pairings.errors.date");
/** A yearly target or an achieved figure: a whole number; blank means none (0). */
const count = z.preprocess(
  (v) => (v === "" || v === undefined ? 0 : v),
  z.coerce
    .number({ message: "pairings.errors.count" })
    .int("pairings.errors.count")
    .min(0, "pairings.errors.count")
    .max(1_000_000_000, "pairings.errors.count"),
);

/**
 * 结对帮扶 as the institution proposes it. Funding is asked in yuan (what people write) and kept
 * in fen; every other commitment is a count per year. At least one commitment is promised.
 */
export const ProposePairingSchema = z
  .object({
    organisationId: id,
    countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }),
    villageId: optionalId,
    startsOn: isoDate,
    endsOn: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
    note: z.string().trim().max(2000, "needs.errors.too_long").default(""),
    EXPERTS_SENT: count,
    TRAININGS: count,
    PROJECTS: count,
    FUNDING_FEN: count,
    STUDENTS: count,
  })
  .refine((value) => !value.endsOn || value.endsOn >= value.startsOn, {
    message: "pairings.errors.ends_before",
    path: ["endsOn"],
  })
  .refine((value) => COMMITMENT_KINDS.some((kind) => value[kind] > 0), {
    message: "pairings.errors.no_commitment",
    path: ["EXPERTS_SENT"],
  });
export type ProposePairingFields = z.output<typeof ProposePairingSchema>;

/** A report of a half year: the figure achieved per commitment (funding in yuan), a narrative, photos. */
export const PairingReportSchema = z.object({
  year: z.coerce
    .number({ message: "pairings.errors.year" })
    .int("pairings.errors.year")
    .min(2000, "pairings.errors.year")
    .max(2100, "pairings.errors.year"),
  half: z.enum(["1", "2"], { message: "pairings.errors.half" }).transform(Number),
  narrative: z
    .string({ message: "pairings.errors.narrative" })
    .trim()
    .min(10, "pairings.errors.narrative")
    .max(5000, "needs.errors.too_long"),
  figures: z
    .array(z.object({ commitmentId: id, achieved: count }))
    .max(COMMITMENT_KINDS.length)
    .default([]),
  photos: photoFilesField(MAX_PAIRING_PHOTOS, {
    tooMany: "pairings.errors.photos_too_many",
    tooLarge: "pairings.errors.photo_too_large",
  }),
});
export type PairingReportFields = Omit<z.output<typeof PairingReportSchema>, "photos">;

export const PairingActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("agree") }),
  z.object({ intent: z.literal("end") }),
  z.object({ intent: z.literal("acknowledge"), reportId: id }),
]);

const mobile = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, "pairings.errors.phone");

/** A person recorded in the register by hand (no account): the name, a phone perhaps, what they do. */
export const RecordTalentSchema = z
  .object({
    intent: z.literal("record"),
    countyCode: z.preprocess((v) => (v === "" ? undefined : v), z.enum(COUNTY_CODES).optional()),
    villageId: optionalId,
    name: z
      .string({ message: "pairings.errors.name" })
      .trim()
      .min(2, "pairings.errors.name")
      .max(40, "pairings.errors.name"),
    phone: z.preprocess((v) => (v === "" ? undefined : v), mobile.optional()),
    skills: z.string().trim().max(500, "needs.errors.too_long").default(""),
    status: z.enum(TALENT_STATUSES, { message: "pairings.errors.status" }),
    role: z.preprocess((v) => (v === "" ? undefined : v), z.enum(TALENT_ROLES).optional()),
    work: z.string().trim().max(500, "needs.errors.too_long").default(""),
  })
  .refine((value) => value.status !== "SERVING" || value.role, {
    message: "pairings.errors.role_required",
    path: ["role"],
  });
export type RecordTalentFields = Omit<z.output<typeof RecordTalentSchema>, "intent">;

export const TalentActionSchema = z.discriminatedUnion("intent", [
  RecordTalentSchema,
  z.object({ intent: z.literal("confirm"), trainingId: id, userId: id, villageId: optionalId }),
  z.object({ intent: z.literal("dismiss"), trainingId: id, userId: id }),
  z.object({
    intent: z.literal("serve"),
    talentId: id,
    role: z.enum(TALENT_ROLES, { message: "pairings.errors.role_required" }),
    work: z.string().trim().min(2, "pairings.errors.work").max(500, "needs.errors.too_long"),
  }),
]);

/** The public list's filter (GET /api/v1/pairings), besides the page. */
export const PairingsQuerySchema = z.object({
  countyCode: z.enum(COUNTY_CODES, { message: "needs.errors.county" }).optional(),
  status: z.enum(["ACTIVE", "ENDED"], { message: "pairings.errors.status" }).optional(),
});
