import { z } from "zod";
import { optionalUserText } from "~/utils/user-text";
import { ServiceCategory, SpaceLevel } from "~/generated/prisma/enums";
import { optionalYuan } from "~/modules/marketplace/marketplace.schema";
import { COUNTY_CODES } from "~/modules/reference/reference";

export const SPACE_LEVELS = Object.values(SpaceLevel) as [SpaceLevel, ...SpaceLevel[]];

/** Luoyang's extent, roughly: a pin outside it is a typo (swapped or mistyped coordinates). */
export const LUOYANG_BOUNDS = { latMin: 33.5, latMax: 35.1, lngMin: 111.1, lngMax: 113.0 } as const;

export function insideLuoyang(latitude: number, longitude: number): boolean {
  const b = LUOYANG_BOUNDS;
  return latitude >= b.latMin && latitude <= b.latMax && longitude >= b.lngMin && longitude <= b.lngMax;
}

const ALWAYS = { when: () => true };
const text = (max: number) =>
  optionalUserText(max, "spaces.errors.too_long", { multiline: true }).transform((value) => value ?? "");

/** The space's own profile: where it is and when it opens. A location is both coordinates or neither. */
export const SpaceProfileSchema = z
  .object({
    host: text(100),
    openingHours: text(100),
    areaSqm: z
      .number({ message: "spaces.errors.area" })
      .int("spaces.errors.area")
      .min(1, "spaces.errors.area")
      .max(10_000_000, "spaces.errors.area")
      .optional(),
    latitude: z.number({ message: "spaces.errors.location" }).optional(),
    longitude: z.number({ message: "spaces.errors.location" }).optional(),
  })
  .superRefine((form, ctx) => {
    const { latitude, longitude } = form;
    if ((latitude === undefined) !== (longitude === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [latitude === undefined ? "latitude" : "longitude"],
        message: "spaces.errors.location_pair",
      });
    } else if (latitude !== undefined && longitude !== undefined && !insideLuoyang(latitude, longitude)) {
      ctx.addIssue({ code: "custom", path: ["latitude"], message: "spaces.errors.location" });
    }
  }, ALWAYS);

export type SpaceProfileFields = z.output<typeof SpaceProfileSchema>;

const count = z
  .number({ message: "spaces.errors.kpi_count" })
  .int("spaces.errors.kpi_count")
  .min(0, "spaces.errors.kpi_count")
  .max(1_000_000, "spaces.errors.kpi_count");

/** One year's reported figures; financing arrives as yuan text and leaves as fen. */
export const KpiReportFields = z.object({
  year: z
    .number({ message: "spaces.errors.kpi_year" })
    .int("spaces.errors.kpi_year")
    .min(2015, "spaces.errors.kpi_year")
    .max(2100, "spaces.errors.kpi_year"),
  incubated: count,
  mentors: count,
  trainingsHeld: count,
  peopleTrained: count,
  jobsCreated: count,
  financing: optionalYuan("spaces.errors.kpi_money"),
});

export const KpiReportSchema = KpiReportFields.transform(({ financing, ...rest }) => ({
  ...rest,
  financingFen: financing ?? 0,
}));

export type KpiReportFields = z.output<typeof KpiReportSchema>;

/** The bureau's buttons on a space's page. */
export const SpacePageActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("recognise"),
    level: z.enum(SPACE_LEVELS, { message: "spaces.errors.level" }),
  }),
  z.object({ intent: z.literal("withdrawRecognition") }),
]);

const flag = z
  .string()
  .optional()
  .transform((value) => value === "1" || value === "on" || value === "true")
  .catch(false);

/** The directory's filters from the URL; a value that does not fit is dropped. */
export const SpaceFiltersSchema = z.object({
  county: z.enum(COUNTY_CODES).optional().catch(undefined),
  category: z.enum(ServiceCategory).optional().catch(undefined),
  recognised: flag,
});

export type SpaceFilters = z.output<typeof SpaceFiltersSchema>;

export function parseSpaceFilters(searchParams: URLSearchParams): SpaceFilters {
  return SpaceFiltersSchema.parse(Object.fromEntries(searchParams));
}
