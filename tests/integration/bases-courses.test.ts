import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { CourseManageActionSchema } from "~/modules/bases/bases.schema";
import { enrolOnCourse, withdrawFromCourse } from "~/modules/bases/bases.server";
import { cancelCourse, editCourse } from "~/modules/bases/courses.server";
import { action as courseEditAction } from "~/routes/spaces/bases.courses.$id_.edit";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { activeTrainees, createSpaceWithCourse } from "../support/issue23-spaces-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createFarmer, createSpace } from "../support/spaces-factories";

useTestDatabase();

const context = { cspNonce: "test", clientIp: "10.8.0.1" };
const year = new Date().getUTCFullYear();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

const notices = (courseId: string, type: string) =>
  db.notification.findMany({
    where: { type, payload: { path: ["href"], equals: `/bases/courses/${courseId}` } },
    select: { userId: true, payload: true },
  });

const edit = (overrides: Partial<Parameters<typeof editCourse>[2]> = {}) => ({
  title: "农产品电商直播",
  description: "",
  startsOn: `${year}-01-01`,
  endsOn: `${year + 1}-12-31`,
  seats: 5,
  ...overrides,
});

describe("the space edits a course", () => {
  it("changes title, dates and seats, never below those enrolled nor above the base, and tells the enrolled of new dates", async () => {
    const { course, space } = await createSpaceWithCourse(5);
    const [first, second, gone] = [await createFarmer(), await createFarmer(), await createFarmer()];
    for (const farmer of [first!, second!, gone!]) await enrolOnCourse(farmer, course.id, "GRADUATE");
    await withdrawFromCourse(gone!, course.id);

    expect(await refusal(editCourse(space.actor, course.id, edit({ seats: 1 })))).toBe(
      "base.seats_below_enrolled",
    );
    expect(await refusal(editCourse(space.actor, course.id, edit({ seats: 31 })))).toBe(
      "base.seats_over_capacity",
    );
    const stranger = await createSpace();
    expect(await refusal(editCourse(stranger.actor, course.id, edit()))).toBe("base.forbidden");
    expect(await refusal(editCourse(first!, course.id, edit()))).toBe("base.forbidden");

    // Seats alone (down to exactly those enrolled): nobody needs telling.
    await editCourse(space.actor, course.id, edit({ seats: 2 }));
    expect(await notices(course.id, "course.changed")).toHaveLength(0);
    await editCourse(
      space.actor,
      course.id,
      edit({ seats: 2, title: "直播带货实训", endsOn: `${year + 1}-06-30` }),
    );
    const stored = await db.baseCourse.findUniqueOrThrow({
      where: { id: course.id },
      select: { title: true, seats: true, endsOn: true },
    });
    expect(stored).toEqual({
      title: "直播带货实训",
      seats: 2,
      endsOn: new Date(`${year + 1}-06-30T00:00:00Z`),
    });
    const told = await notices(course.id, "course.changed");
    expect(told.map((row) => row.userId).sort()).toEqual([first!.id, second!.id].sort());
    expect(told[0]!.payload).toMatchObject({ params: { course: "直播带货实训", end: `${year + 1}-06-30` } });
    expect(await db.auditLog.count({ where: { subjectId: course.id, action: "base.course_edited" } })).toBe(
      2,
    );
    // Full now: the seat freed by nobody stays taken.
    expect(await refusal(enrolOnCourse(await createFarmer(), course.id, "MAKER"))).toBe("base.course_full");
  });

  it("checks the form: dates in order, seats a whole number, a reason to cancel", () => {
    const parse = (fields: Record<string, string | number>) => CourseManageActionSchema.safeParse(fields);
    const base = {
      intent: "edit",
      title: "直播实训",
      startsOn: "2026-05-02",
      endsOn: "2026-05-01",
      seats: 3,
    };
    const order = parse(base);
    expect(order.success).toBe(false);
    expect(order.error?.issues.map((issue) => issue.message)).toContain("bases.errors.date_order");
    const cancel = parse({ intent: "cancel", reason: "停" });
    expect(cancel.error?.issues.map((issue) => issue.message)).toContain("bases.errors.reason_length");
  });
});

describe("the space cancels a course", () => {
  it("records the reason, tells every enrolled trainee, and takes no enrolment or change after", async () => {
    const { course, space } = await createSpaceWithCourse(5);
    const enrolled = [await createFarmer(), await createFarmer()];
    for (const farmer of enrolled) await enrolOnCourse(farmer, course.id, "RETURNING_MIGRANT");

    expect(await refusal(cancelCourse(enrolled[0]!, course.id, "不办了"))).toBe("base.forbidden");
    await cancelCourse(space.actor, course.id, "场地检修，下月另开");
    const stored = await db.baseCourse.findUniqueOrThrow({
      where: { id: course.id },
      select: { cancelledAt: true, cancelReason: true, cancelledById: true },
    });
    expect(stored.cancelledAt).not.toBeNull();
    expect(stored).toMatchObject({ cancelReason: "场地检修，下月另开", cancelledById: space.actor.id });
    const told = await notices(course.id, "course.cancelled");
    expect(told.map((row) => row.userId).sort()).toEqual(enrolled.map((farmer) => farmer.id).sort());
    expect(told[0]!.payload).toMatchObject({ params: { reason: "场地检修，下月另开" } });

    expect(await refusal(enrolOnCourse(await createFarmer(), course.id, "MAKER"))).toBe("base.course_closed");
    expect(await refusal(cancelCourse(space.actor, course.id, "再取消一次"))).toBe("base.course_cancelled");
    expect(await refusal(editCourse(space.actor, course.id, edit()))).toBe("base.course_cancelled");
    expect(await activeTrainees(course.id)).toBe(2);
    expect(await notices(course.id, "course.cancelled")).toHaveLength(2);
  });

  it("tells whoever enrolled in the same moment as the cancel, or refuses their enrolment", async () => {
    const { course, space } = await createSpaceWithCourse(5);
    const farmer = await createFarmer();
    const [enrolment] = await Promise.allSettled([
      enrolOnCourse(farmer, course.id, "GRADUATE"),
      cancelCourse(space.actor, course.id, "天气原因"),
    ]);
    const told = (await notices(course.id, "course.cancelled")).map((row) => row.userId);
    if (enrolment.status === "fulfilled") expect(told).toEqual([farmer.id]);
    else {
      expect(enrolment.reason).toMatchObject({ code: "base.course_closed" });
      expect(told).toEqual([]);
      expect(await activeTrainees(course.id)).toBe(0);
    }
  });

  it("answers the edit page's forms with translated refusals, and outsiders with 403", async () => {
    const { course, space } = await createSpaceWithCourse(5);
    for (const farmer of [await createFarmer(), await createFarmer()])
      await enrolOnCourse(farmer, course.id, "GRADUATE");
    const post = async (userId: string, fields: Record<string, string>) => {
      const request = new Request(`http://localhost/bases/courses/${course.id}/edit`, {
        method: "POST",
        headers: { cookie: await sessionCookieFor(userId) },
        body: new URLSearchParams(fields),
      });
      try {
        return (await courseEditAction({ request, context, params: { id: course.id } })) as unknown as {
          init: { status: number } | null;
          data: { reply: { error: Record<string, string[]> } };
        };
      } catch (thrown) {
        if (thrown instanceof Response) return { init: { status: thrown.status }, data: null };
        throw thrown;
      }
    };
    const tooFew = await post(space.actor.id, {
      intent: "edit",
      title: "直播实训",
      startsOn: `${year}-01-01`,
      endsOn: `${year + 1}-01-01`,
      seats: "1",
    });
    expect(tooFew.init?.status).toBe(409);
    expect(tooFew.data?.reply.error.seats).toEqual(["已有 2 人报名，名额不能少于 2"]);
    const outsider = await createFarmer();
    expect((await post(outsider.id, { intent: "cancel", reason: "捣乱" })).init?.status).toBe(403);
    expect(await db.baseCourse.count({ where: { id: course.id, cancelledAt: { not: null } } })).toBe(0);
  });
});
