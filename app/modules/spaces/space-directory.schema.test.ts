import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { zh } from "~/i18n/zh";
import { REQUEST_STATUSES, ServiceRequestFormSchema } from "./service-requests.schema";
import { insideLuoyang, KpiReportSchema, SPACE_LEVELS, SpaceProfileSchema } from "./space-directory.schema";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

/** The field errors of a submission that failed (none when it passed). */
const errorsOf = (submission: { reply: () => { error?: Record<string, string[] | null> | null } }) =>
  submission.reply().error ?? {};

describe("space profile form", () => {
  it("accepts a pin in Luoyang and an empty location", () => {
    expect(
      parseWithZod(form({ host: "园区", latitude: "34.62", longitude: "112.45", areaSqm: "800" }), {
        schema: SpaceProfileSchema,
      }),
    ).toMatchObject({
      status: "success",
      value: { host: "园区", latitude: 34.62, longitude: 112.45, areaSqm: 800, openingHours: "" },
    });
    expect(parseWithZod(form({ host: "园区" }), { schema: SpaceProfileSchema }).status).toBe("success");
  });

  it("refuses a pin outside Luoyang, or half a pin, with clear messages", () => {
    expect(
      errorsOf(parseWithZod(form({ latitude: "34.62", longitude: "116.4" }), { schema: SpaceProfileSchema })),
    ).toMatchObject({ latitude: ["spaces.errors.location"] });
    expect(errorsOf(parseWithZod(form({ latitude: "34.62" }), { schema: SpaceProfileSchema }))).toMatchObject(
      { longitude: ["spaces.errors.location_pair"] },
    );
    expect(insideLuoyang(35.1, 113.0)).toBe(true);
    expect(insideLuoyang(35.11, 112)).toBe(false);
    expect(insideLuoyang(34, 111.09)).toBe(false);
  });
});

describe("request and report forms", () => {
  it("refuses a preferred day in the past and a short description", () => {
    const result = parseWithZod(
      form({ description: "短", countyCode: "410324", preferredDate: "2020-01-01" }),
      { schema: ServiceRequestFormSchema },
    );
    expect(errorsOf(result)).toMatchObject({
      description: ["spaces.errors.request_description"],
      preferredDate: ["spaces.errors.preferred_date"],
    });
  });

  it("reads financing as yuan into fen and refuses negative counts", () => {
    const ok = parseWithZod(
      form({
        year: "2025",
        incubated: "3",
        mentors: "2",
        trainingsHeld: "4",
        peopleTrained: "120",
        jobsCreated: "9",
        financing: "1500000.50",
      }),
      { schema: KpiReportSchema },
    );
    expect(ok).toMatchObject({ status: "success", value: { financingFen: 150_000_050, incubated: 3 } });
    const bad = parseWithZod(
      form({
        year: "2025",
        incubated: "-1",
        mentors: "2",
        trainingsHeld: "4",
        peopleTrained: "120",
        jobsCreated: "9",
      }),
      { schema: KpiReportSchema },
    );
    expect(errorsOf(bad)).toMatchObject({ incubated: ["spaces.errors.kpi_count"] });
  });

  it("names every request status and level in both languages", () => {
    const keys = [
      ...REQUEST_STATUSES.map((status) => `spaces.requestStatus.${status}`),
      ...SPACE_LEVELS.map((level) => `spaces.level.${level}`),
    ];
    // Keys built at run time: index the catalogues as plain tables, a missing key reads undefined.
    const zhTable: Record<string, string> = zh;
    const enTable: Record<string, string> = en;
    for (const key of keys) {
      expect(zhTable[key], key).toBeTruthy();
      expect(enTable[key], key).toBeTruthy();
    }
  });
});
