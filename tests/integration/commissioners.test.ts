import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isMessageKey } from "~/i18n/i18n";
import { ServiceLogSchema, TrainingSchema } from "~/modules/commissioners/commissioners.schema";
import {
  cancelSignup,
  cancelTraining,
  commissionerReport,
  createCohort,
  createTraining,
  deleteServiceLog,
  dispatch,
  listServiceLogs,
  logService,
  markAttendance,
  signUp,
} from "~/modules/commissioners/commissioners.server";
import { action as bureauAction } from "~/routes/bureau/bureau.commissioners";
import { action as logAction } from "~/routes/commissioners/commissioners.logs.new";
import { action as trainingsAction } from "~/routes/commissioners/trainings._index";
import { action as trainingAction } from "~/routes/commissioners/trainings.$id";
import { DomainError } from "~/utils/errors";
import {
  createCohortWithBureau,
  createCommissioner,
  dayFromToday,
  dispatchFields,
  logFields,
  startTraining,
  trainingFields,
} from "../support/commissioners-factories";
import { useTestDatabase } from "../support/database";
import { jpegFile } from "../support/escrow-factories";
import { actorOf, createExpert } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createUser } from "../support/factories";

useTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

async function farmer() {
  return actorOf((await createUser({ role: "FARMER" })).id);
}

describe("cohorts and dispatch", () => {
  it("refuses a second cohort for the same year and cohorts made by non-bureau users", async () => {
    const { bureau, cohort } = await createCohortWithBureau();
    expect(await refusal(createCohort(bureau, { year: cohort.year, name: "重复", targetCount: 20 }))).toBe(
      "commissioner.cohort_exists",
    );
    expect(
      await refusal(createCohort(await createExpert(), { year: 2099, name: "专家建的", targetCount: 20 })),
    ).toBe("commissioner.forbidden");
  });

  it("dispatches a verified expert once per cohort, marks them a commissioner and queues re-indexing", async () => {
    const { bureau, cohort } = await createCohortWithBureau();
    const expert = await createExpert();
    const assignment = await dispatch(
      bureau,
      dispatchFields(cohort.id, expert.id, { villages: ["上河村", "下河村"] }),
    );

    expect(assignment.villages).toEqual(["上河村", "下河村"]);
    const profile = await db.expertProfile.findUniqueOrThrow({
      where: { userId: expert.id },
      select: { isCommissioner: true },
    });
    expect(profile.isCommissioner).toBe(true);
    expect(await db.searchOutbox.count({ where: { index: "experts", documentId: expert.id } })).toBe(1);
    expect(
      await db.auditLog.count({
        where: { action: "commissioner.dispatched", subjectId: assignment.id, actorId: bureau.id },
      }),
    ).toBe(1);

    expect(await refusal(dispatch(bureau, dispatchFields(cohort.id, expert.id)))).toBe(
      "commissioner.already_dispatched",
    );
    expect(await db.commissionerAssignment.count({ where: { userId: expert.id } })).toBe(1);
  });

  it("refuses unverified experts, non-experts, non-bureau dispatchers and an end before the start", async () => {
    const { bureau, cohort } = await createCohortWithBureau();
    const unverified = await createExpert({ verified: false });
    const someone = await farmer();
    const expert = await createExpert();
    expect(await refusal(dispatch(bureau, dispatchFields(cohort.id, unverified.id)))).toBe(
      "commissioner.not_verified_expert",
    );
    expect(await refusal(dispatch(bureau, dispatchFields(cohort.id, someone.id)))).toBe(
      "commissioner.not_verified_expert",
    );
    expect(await refusal(dispatch(expert, dispatchFields(cohort.id, expert.id)))).toBe(
      "commissioner.forbidden",
    );
    expect(
      await refusal(
        dispatch(
          bureau,
          dispatchFields(cohort.id, expert.id, { startDate: dayFromToday(5), endDate: dayFromToday(1) }),
        ),
      ),
    ).toBe("commissioner.end_before_start");
    expect(await db.commissionerAssignment.count({ where: { cohortId: cohort.id } })).toBe(0);
  });
});

describe("service logs", () => {
  it("records a log with photos on one's own assignment", async () => {
    const { expert, assignment } = await createCommissioner();
    const log = await logService(expert, logFields(assignment.id, { farmersReached: 40 }), [
      await jpegFile(),
    ]);
    const stored = await db.serviceLog.findUniqueOrThrow({
      where: { id: log.id },
      select: { farmersReached: true, photoIds: true },
    });
    expect(stored.farmersReached).toBe(40);
    expect(stored.photoIds).toHaveLength(1);
    expect(await db.upload.count({ where: { id: stored.photoIds[0], ownerId: expert.id } })).toBe(1);
  });

  it("refuses a date in the future, a date outside the assignment, a negative count and someone else's assignment", async () => {
    const { expert, assignment } = await createCommissioner();
    const other = await createExpert();
    expect(await refusal(logService(expert, logFields(assignment.id, { date: dayFromToday(2) })))).toBe(
      "commissioner.date_in_future",
    );
    expect(await refusal(logService(expert, logFields(assignment.id, { date: dayFromToday(-45) })))).toBe(
      "commissioner.date_outside_assignment",
    );
    expect(await refusal(logService(expert, logFields(assignment.id, { farmersReached: -3 })))).toBe(
      "commissioner.farmers_range",
    );
    expect(await refusal(logService(other, logFields(assignment.id)))).toBe("commissioner.forbidden");
    expect(await db.serviceLog.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("removes the photos already stored when a later photo is refused", async () => {
    const { expert, assignment } = await createCommissioner();
    const before = await db.upload.count();
    const notAnImage = new File([new TextEncoder().encode("not a photo")], "notes.jpg", {
      type: "image/jpeg",
    });
    expect(await refusal(logService(expert, logFields(assignment.id), [await jpegFile(), notAnImage]))).toBe(
      "upload.unsupported_type",
    );
    expect(await db.upload.count()).toBe(before);
    expect(await db.serviceLog.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("answers a negative or non-numeric count in the form with a message key", () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      assignmentId: "a1",
      date: "2026-01-05",
      countyCode: "410324",
      place: "上河村",
      kind: "VISIT",
      farmersReached: "-1",
    })) {
      form.set(name, value);
    }
    const submission = parseWithZod(form, { schema: ServiceLogSchema });
    expect(submission.status).toBe("error");
    const message = submission.status === "error" ? submission.error?.farmersReached?.[0] : undefined;
    expect(message).toBe("commissioners.errors.farmers_range");
    expect(isMessageKey(message!)).toBe(true);
  });
});

describe("trainings", () => {
  it("lets only commissioners create trainings, starting in the future", async () => {
    const { expert } = await createCommissioner();
    expect(await refusal(createTraining(await createExpert(), trainingFields()))).toBe(
      "commissioner.not_commissioner",
    );
    expect(
      await refusal(createTraining(expert, trainingFields({ startsAt: new Date(Date.now() - 1000) }))),
    ).toBe("commissioner.starts_in_past");
    const training = await createTraining(expert, trainingFields());
    expect(training.capacity).toBe(5);
  });

  it("reads the form's start time as Beijing time", () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      title: "苹果树修剪",
      description: "现场讲解修剪要点并示范操作。",
      countyCode: "410324",
      place: "广场",
      startsAt: "2030-03-01T09:00",
      capacity: "0",
    })) {
      form.set(name, value);
    }
    const submission = parseWithZod(form, { schema: TrainingSchema });
    expect(submission.status === "error" ? submission.error?.capacity : null).toEqual([
      "commissioners.errors.capacity",
    ]);
    form.set("capacity", "30");
    const valid = parseWithZod(form, { schema: TrainingSchema });
    expect(valid.status === "success" && valid.value.startsAt.toISOString()).toBe("2030-03-01T01:00:00.000Z");
  });

  it("never lets 20 parallel sign-ups exceed a capacity of 5", async () => {
    const { expert } = await createCommissioner();
    const training = await createTraining(expert, trainingFields({ capacity: 5 }));
    const people = await Promise.all(Array.from({ length: 20 }, () => farmer()));
    const results = await Promise.allSettled(people.map((person) => signUp(person, training.id)));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    const reasons = results.flatMap((result) =>
      result.status === "rejected" ? [(result.reason as DomainError).code] : [],
    );
    expect(new Set(reasons)).toEqual(new Set(["commissioner.training_full"]));
    expect(await db.trainingSignup.count({ where: { trainingId: training.id } })).toBe(5);
  });

  it("takes one sign-up per person, frees the place on cancel, and refuses the host", async () => {
    const { expert } = await createCommissioner();
    const training = await createTraining(expert, trainingFields({ capacity: 1 }));
    const [first, second] = [await farmer(), await farmer()];
    await signUp(first, training.id);
    expect(await refusal(signUp(first, training.id))).toBe("commissioner.already_signed_up");
    expect(await refusal(signUp(second, training.id))).toBe("commissioner.training_full");
    expect(await refusal(signUp(expert, training.id))).toBe("commissioner.training_closed");
    await cancelSignup(first, training.id);
    expect(await refusal(cancelSignup(first, training.id))).toBe("commissioner.not_signed_up");
    await signUp(second, training.id);
    expect(
      await db.trainingSignup.findMany({ where: { trainingId: training.id }, select: { userId: true } }),
    ).toEqual([{ userId: second.id }]);
  });

  it("lets only the host mark attendance, once the training has started", async () => {
    const { expert } = await createCommissioner();
    const training = await createTraining(expert, trainingFields());
    const [came, stayedHome] = [await farmer(), await farmer()];
    await signUp(came, training.id);
    await signUp(stayedHome, training.id);
    expect(await refusal(markAttendance(expert, training.id, [came.id]))).toBe("commissioner.not_started");
    await startTraining(training.id);
    expect(await refusal(markAttendance(came, training.id, [came.id]))).toBe("commissioner.forbidden");
    await markAttendance(expert, training.id, [came.id]);
    const rows = await db.trainingSignup.findMany({
      where: { trainingId: training.id },
      select: { userId: true, attended: true },
    });
    expect(Object.fromEntries(rows.map((row) => [row.userId, row.attended]))).toEqual({
      [came.id]: true,
      [stayedHome.id]: false,
    });
    expect(
      (await db.training.findUniqueOrThrow({ where: { id: training.id }, select: { status: true } })).status,
    ).toBe("HELD");
  });

  it("signs up through the /trainings form and shows a full training as an error toast", async () => {
    const { expert } = await createCommissioner();
    const training = await createTraining(expert, trainingFields({ capacity: 1 }));
    const post = async (userId: string) =>
      trainingsAction({
        request: new Request("http://localhost:3000/trainings", {
          method: "POST",
          body: new URLSearchParams({ intent: "signUp", trainingId: training.id }),
          headers: {
            cookie: await sessionCookieFor(userId),
            "content-type": "application/x-www-form-urlencoded",
          },
        }),
        params: {},
        context: { cspNonce: "test", clientIp: "10.7.0.1" },
      });
    const first = (await post((await farmer()).id)) as Response;
    expect(first.status).toBe(302);
    const second = (await post((await farmer()).id)) as Response;
    expect(second.status).toBe(302);
    expect(second.headers.get("set-cookie")).toContain("xk_toast");
    expect(await db.trainingSignup.count({ where: { trainingId: training.id } })).toBe(1);
  });
});

describe("the commissioner report", () => {
  it("adds up exactly what the database holds", async () => {
    const { expert, assignment } = await createCommissioner();
    await logService(expert, logFields(assignment.id, { kind: "VISIT", farmersReached: 10 }));
    await logService(expert, logFields(assignment.id, { kind: "VISIT", farmersReached: 7 }));
    await logService(expert, logFields(assignment.id, { kind: "DEMONSTRATION", farmersReached: 30 }));
    const held = await createTraining(expert, trainingFields({ capacity: 10 }));
    await createTraining(expert, trainingFields({ capacity: 10 }));
    const people = [await farmer(), await farmer(), await farmer()];
    for (const person of people) await signUp(person, held.id);
    await startTraining(held.id);
    await markAttendance(expert, held.id, [people[0]!.id, people[1]!.id]);

    const report = await commissionerReport(expert.id);
    const logs = await db.serviceLog.findMany({
      where: { assignment: { userId: expert.id } },
      select: { kind: true, farmersReached: true },
    });
    const sumOf = (kind: string) =>
      logs.filter((log) => log.kind === kind).reduce((sum, log) => sum + log.farmersReached, 0);

    expect(report.logCount).toBe(logs.length);
    expect(report.farmersByKind).toEqual({
      VISIT: sumOf("VISIT"),
      TRAINING: sumOf("TRAINING"),
      CONSULTATION: sumOf("CONSULTATION"),
      DEMONSTRATION: sumOf("DEMONSTRATION"),
    });
    expect(report.farmersTotal).toBe(47);
    expect(report.assignments.map((row) => row.id)).toEqual([assignment.id]);
    expect(report.trainingsHeld).toBe(
      await db.training.count({ where: { hostId: expert.id, status: "HELD" } }),
    );
    expect(report.signups).toBe(
      await db.trainingSignup.count({ where: { training: { hostId: expert.id } } }),
    );
    expect(report.attended).toBe(
      await db.trainingSignup.count({ where: { training: { hostId: expert.id }, attended: true } }),
    );
    expect([report.trainingsHeld, report.signups, report.attended]).toEqual([1, 3, 2]);

    const otherYear = await commissionerReport(expert.id, 1999);
    expect([otherYear.assignments.length, otherYear.logCount]).toEqual([0, 0]);
  });
});

describe("the forms", () => {
  const context = { cspNonce: "test", clientIp: "10.7.0.2" };
  async function post(path: string, userId: string, body: FormData | URLSearchParams) {
    return new Request(`http://localhost:3000${path}`, {
      method: "POST",
      body,
      headers: { cookie: await sessionCookieFor(userId) },
    });
  }

  it("dispatches through /bureau/commissioners and answers a duplicate on the expert field", async () => {
    const { bureau, cohort } = await createCohortWithBureau();
    const expert = await createExpert();
    const form = () =>
      new URLSearchParams({
        intent: "dispatch",
        cohortId: cohort.id,
        userId: expert.id,
        countyCode: "410324",
        villages: "上河村\n下河村",
        startDate: "2030-01-01",
        endDate: "2030-12-31",
      });
    const ok = (await bureauAction({
      request: await post("/bureau/commissioners", bureau.id, form()),
      params: {},
      context,
    })) as Response;
    expect(ok.status).toBe(302);
    const row = await db.commissionerAssignment.findFirstOrThrow({
      where: { userId: expert.id },
      select: { villages: true, startDate: true },
    });
    expect(row).toEqual({ villages: ["上河村", "下河村"], startDate: new Date("2030-01-01T00:00:00.000Z") });

    const again = (await bureauAction({
      request: await post("/bureau/commissioners", bureau.id, form()),
      params: {},
      context,
    })) as unknown as {
      data: { intent: string; reply: { error?: Record<string, string[]> } };
      init: { status: number };
    };
    expect(again.init.status).toBe(409);
    expect(again.data.intent).toBe("dispatch");
    expect(again.data.reply.error?.userId).toHaveLength(1);
  });

  it("refuses a future date from the multipart service-log form without storing the photo", async () => {
    const { expert, assignment } = await createCommissioner();
    const body = new FormData();
    const fields = {
      assignmentId: assignment.id,
      date: dayFromToday(3).toISOString().slice(0, 10),
      countyCode: "410324",
      place: "上河村",
      kind: "VISIT",
      farmersReached: "8",
    };
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    body.append("photos", await jpegFile());
    const before = await db.upload.count();
    const reply = (await logAction({
      request: await post("/commissioners/logs/new", expert.id, body),
      params: {},
      context,
    })) as unknown as {
      data: { error?: Record<string, string[]> };
      init: { status: number };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error?.date).toHaveLength(1);
    expect(await db.upload.count()).toBe(before);
  });
});

describe("notifications", () => {
  it("tells the commissioner they were dispatched and the host who signs up or steps back", async () => {
    const { expert, cohort } = await createCommissioner();
    const dispatched = await db.notification.findFirstOrThrow({
      where: { userId: expert.id, type: "commissioner.dispatched" },
      select: { payload: true },
    });
    expect(dispatched.payload).toMatchObject({ params: { cohort: cohort.name } });
    const training = await createTraining(expert, trainingFields());
    const person = await farmer();
    await signUp(person, training.id);
    await cancelSignup(person, training.id);
    const types = await db.notification.findMany({
      where: { userId: expert.id, type: { startsWith: "training." } },
      orderBy: { createdAt: "asc" },
      select: { type: true },
    });
    expect(types.map((row) => row.type)).toEqual(["training.signed_up", "training.signup_cancelled"]);
  });
});

describe("cancelling a training", () => {
  it("notifies everyone signed up with the reason and blocks new sign-ups", async () => {
    const { expert } = await createCommissioner();
    const training = await createTraining(expert, trainingFields());
    const people = [await farmer(), await farmer(), await farmer()];
    for (const person of people) await signUp(person, training.id);
    await cancelTraining(expert, training.id, "暴雨预警，改期另行通知");
    expect(
      (await db.training.findUniqueOrThrow({ where: { id: training.id }, select: { status: true } })).status,
    ).toBe("CANCELLED");
    const told = await db.notification.findMany({
      where: { type: "training.cancelled" },
      select: { userId: true, payload: true },
    });
    expect(told.map((row) => row.userId).sort()).toEqual(people.map((person) => person.id).sort());
    expect(
      told.every(
        (row) => (row.payload as { params: { reason: string } }).params.reason === "暴雨预警，改期另行通知",
      ),
    ).toBe(true);
    expect(await refusal(signUp(await farmer(), training.id))).toBe("commissioner.training_closed");
    expect(await refusal(cancelTraining(expert, training.id, "再次取消"))).toBe(
      "commissioner.training_closed",
    );
    expect(await db.auditLog.count({ where: { action: "training.cancelled", subjectId: training.id } })).toBe(
      1,
    );
  });

  it("is for the host or the bureau only, and needs a reason", async () => {
    const { expert, bureau } = await createCommissioner();
    const training = await createTraining(expert, trainingFields());
    expect(await refusal(cancelTraining(await farmer(), training.id, "不想办了"))).toBe(
      "commissioner.forbidden",
    );
    expect(await refusal(cancelTraining(expert, training.id, " "))).toBe("commissioner.reason_required");
    await cancelTraining(bureau, training.id, "场地临时征用");
    expect(
      (await db.training.findUniqueOrThrow({ where: { id: training.id }, select: { status: true } })).status,
    ).toBe("CANCELLED");
  });

  it("answers a missing reason on the training page with an error toast and keeps the training open", async () => {
    const { expert } = await createCommissioner();
    const training = await createTraining(expert, trainingFields());
    const response = (await trainingAction({
      request: new Request(`http://localhost:3000/trainings/${training.id}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "cancelTraining", trainingId: training.id, reason: "" }),
        headers: { cookie: await sessionCookieFor(expert.id) },
      }),
      params: { id: training.id },
      context: { cspNonce: "test", clientIp: "10.7.0.3" },
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toContain("xk_toast");
    expect(
      (await db.training.findUniqueOrThrow({ where: { id: training.id }, select: { status: true } })).status,
    ).toBe("OPEN");
  });
});

describe("service log list and deletion", () => {
  it("lists a commissioner's logs newest first, 20 to a page", async () => {
    const { expert, assignment } = await createCommissioner();
    await db.serviceLog.createMany({
      data: Array.from({ length: 21 }, (_, i) => ({
        ...logFields(assignment.id, { date: dayFromToday(-1 - i) }),
        farmersReached: i,
      })),
    });
    const first = await listServiceLogs(expert.id, 1);
    expect(first.logs).toHaveLength(20);
    expect(first.pages).toBe(2);
    expect(first.logs[0]!.farmersReached).toBe(0);
    const second = await listServiceLogs(expert.id, 2);
    expect(second.logs.map((log) => log.farmersReached)).toEqual([20]);
  });

  it("lets the commissioner delete their own log with its photos within 7 days of writing it", async () => {
    const { expert, assignment } = await createCommissioner();
    const log = await logService(expert, logFields(assignment.id), [await jpegFile()]);
    const photoIds = (
      await db.serviceLog.findUniqueOrThrow({ where: { id: log.id }, select: { photoIds: true } })
    ).photoIds;
    expect(await refusal(deleteServiceLog(await farmer(), log.id))).toBe("commissioner.forbidden");
    await deleteServiceLog(expert, log.id);
    expect(await db.serviceLog.count({ where: { id: log.id } })).toBe(0);
    expect(await db.upload.count({ where: { id: { in: photoIds } } })).toBe(0);
    expect(
      await db.auditLog.count({ where: { action: "commissioner.service_log_deleted", subjectId: log.id } }),
    ).toBe(1);

    const old = await logService(expert, logFields(assignment.id));
    await db.serviceLog.update({
      where: { id: old.id },
      data: { createdAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) },
    });
    expect(await refusal(deleteServiceLog(expert, old.id))).toBe("commissioner.log_locked");
    expect(await db.serviceLog.count({ where: { id: old.id } })).toBe(1);
  });
});
