import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  createBase,
  createCourse,
  completeTrainee,
  enrolOnCourse,
  withdrawFromCourse,
} from "~/modules/bases/bases.server";
import { getSpaceAudiences } from "~/modules/spaces/audiences.server";
import { upsertKpiReport } from "~/modules/spaces/kpis.server";
import { requestService } from "~/modules/spaces/service-requests.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { activeTrainees, createSpaceWithCourse } from "../support/issue23-spaces-factories";
import { createFarmer, createSpace, insertService, requestFields } from "../support/spaces-factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

describe("who a space serves", () => {
  it("records the requester's group and counts requests by group, old requests as unknown", async () => {
    const space = await createSpace();
    const service = await insertService({
      organisationId: space.organisation.id,
      postedById: space.actor.id,
    });
    const migrant = await createFarmer();
    const graduate = await createFarmer();
    await requestService(migrant, service.id, requestFields({ audienceGroup: "RETURNING_MIGRANT" }));
    await requestService(graduate, service.id, requestFields({ audienceGroup: "GRADUATE" }));
    // A request made before groups were asked.
    const old = await createFarmer();
    const { id } = await requestService(old, service.id, requestFields());
    await db.serviceRequest.update({ where: { id }, data: { audienceGroup: null } });

    expect(
      await db.serviceRequest.count({
        where: { organisationId: space.organisation.id, audienceGroup: "RETURNING_MIGRANT" },
      }),
    ).toBe(1);
    const [year] = await getSpaceAudiences(space.organisation.id);
    expect(year?.requested).toEqual({ RETURNING_MIGRANT: 1, GRADUATE: 1, UNKNOWN: 1 });
  });

  it("keeps the people served by group with the year's KPI report, replacing them on a second report", async () => {
    const space = await createSpace();
    const figures = {
      year: 2025,
      incubated: 1,
      mentors: 2,
      trainingsHeld: 3,
      peopleTrained: 40,
      jobsCreated: 5,
      financingFen: 0,
    };
    await upsertKpiReport(space.actor, space.organisation.id, {
      ...figures,
      served_RETURNING_MIGRANT: 12,
      served_MAKER: 3,
    });
    await upsertKpiReport(space.actor, space.organisation.id, { ...figures, served_RETURNING_MIGRANT: 15 });
    const rows = await db.spaceKpiAudience.findMany({
      where: { organisationId: space.organisation.id },
      select: { year: true, group: true, people: true },
    });
    expect(rows).toEqual([{ year: 2025, group: "RETURNING_MIGRANT", people: 15 }]);
    const other = await createSpace();
    expect(
      await refusal(upsertKpiReport(other.actor, space.organisation.id, { ...figures, served_MAKER: 1 })),
    ).toBe("space.forbidden");
  });
});

describe("training bases", () => {
  it("refuses a course with more seats than the base holds and a second base of the same name", async () => {
    const space = await createSpace();
    const base = await createBase(space.actor, space.organisation.id, {
      name: "实训基地",
      place: "城关镇",
      countyCode: "410325",
      capacity: 5,
      facilities: "",
    });
    const course = {
      baseId: base.id,
      title: "食用菌栽培",
      description: "",
      startsOn: "2026-03-01",
      endsOn: "2026-03-05",
    };
    expect(await refusal(createCourse(space.actor, space.organisation.id, { ...course, seats: 6 }))).toBe(
      "base.seats_over_capacity",
    );
    expect(
      await refusal(
        createBase(space.actor, space.organisation.id, {
          name: "实训基地",
          place: "别处",
          countyCode: "410325",
          capacity: 5,
          facilities: "",
        }),
      ),
    ).toBe("base.duplicate");
    const stranger = await createSpace();
    expect(await refusal(createCourse(stranger.actor, space.organisation.id, { ...course, seats: 2 }))).toBe(
      "base.forbidden",
    );
    expect(await db.baseCourse.count({ where: { baseId: base.id } })).toBe(0);
  });

  it("enrols once per person, fills the last seat only once under concurrent enrolments", async () => {
    const { course, space } = await createSpaceWithCourse(2);
    const farmers = await Promise.all(Array.from({ length: 5 }, () => createFarmer()));
    // A double tap of one person is one enrolment.
    await Promise.all([
      enrolOnCourse(farmers[0]!, course.id, "RETURNING_MIGRANT"),
      enrolOnCourse(farmers[0]!, course.id, "RETURNING_MIGRANT"),
    ]);
    expect(await activeTrainees(course.id)).toBe(1);
    const results = await Promise.allSettled(
      farmers.slice(1).map((farmer) => enrolOnCourse(farmer, course.id, "GRADUATE")),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected"))
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "base.course_full" });
    expect(await activeTrainees(course.id)).toBe(2);
    // The space's own staff cannot take a seat.
    expect(await refusal(enrolOnCourse(space.actor, course.id, "OTHER"))).toBe("base.forbidden");
    // A withdrawal frees the seat for someone else: one of those the full course refused (which of
    // the four won the race differs from run to run; the winner enrolling again is no new seat).
    const refused = farmers.slice(1).find((_, i) => results[i]!.status === "rejected")!;
    await withdrawFromCourse(farmers[0]!, course.id);
    await enrolOnCourse(refused, course.id, "MAKER");
    expect(await activeTrainees(course.id)).toBe(2);
  });

  it("lets the space record completion and outcome, and nobody else", async () => {
    const { course, space } = await createSpaceWithCourse(3);
    const farmer = await createFarmer();
    await enrolOnCourse(farmer, course.id, "RETURNING_MIGRANT");
    expect(await refusal(completeTrainee(farmer, course.id, farmer.id, "STARTED_BUSINESS", ""))).toBe(
      "base.forbidden",
    );
    await completeTrainee(space.actor, course.id, farmer.id, "STARTED_BUSINESS", "开了网店");
    const row = await db.baseTrainee.findUniqueOrThrow({
      where: { courseId_userId: { courseId: course.id, userId: farmer.id } },
      select: { completedAt: true, outcome: true },
    });
    expect(row.outcome).toBe("STARTED_BUSINESS");
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(await refusal(withdrawFromCourse(farmer, course.id))).toBe("base.already_completed");
    expect(
      await db.auditLog.count({ where: { subjectId: course.id, action: "base.trainee_completed" } }),
    ).toBe(1);
  });
});
