import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  acknowledgePairingReport,
  agreePairing,
  endPairing,
  filePairingReport,
  proposePairing,
} from "~/modules/pairings/pairings.server";
import { pairingPage, publicPairings } from "~/modules/pairings/pairings.queries.server";
import {
  confirmTalentCandidate,
  dismissTalentCandidate,
  listLocalTalent,
  listTalentCandidates,
  recordLocalTalent,
  setTalentServing,
} from "~/modules/pairings/talent.server";
import { loader as pairingsApi } from "~/routes/api/v1/api.v1.pairings";
import { createCountyOfficer } from "../support/county-factories";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { actorOf, createBureau, meta } from "../support/needs-factories";
import {
  createPairingInstitution,
  createTrainingWith,
  createVillageRecord,
  proposal,
} from "../support/pairings-factories";

useTestDatabase();

// Each test works in a county of its own, so counts by county are the test's own rows.

describe("pairings", () => {
  it("an institution proposes, only that county's officer agrees, the institution reports and the officer acknowledges", async () => {
    const { actor: institution, organisation } = await createPairingInstitution();
    const { officer } = await createCountyOfficer("410305");
    const { officer: otherCounty } = await createCountyOfficer("410323");
    const village = await createVillageRecord("410305");
    const pairing = await proposePairing(
      institution,
      proposal(organisation.id, "410305", { villageId: village.id }),
      meta,
    );
    const stored = await db.pairing.findUniqueOrThrow({
      where: { id: pairing.id },
      select: { status: true, villageId: true, commitments: { select: { kind: true, targetPerYear: true } } },
    });
    expect(stored.status).toBe("PROPOSED");
    expect(stored.villageId).toBe(village.id);
    // Funding is entered in yuan and kept in fen; kinds left at 0 are not commitments.
    expect(stored.commitments.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: "EXPERTS_SENT", targetPerYear: 3 },
      { kind: "FUNDING_FEN", targetPerYear: 5_000_000 },
      { kind: "TRAININGS", targetPerYear: 4 },
    ]);
    // A second proposal for the same place (a retry) is refused, not duplicated.
    await expect(
      proposePairing(institution, proposal(organisation.id, "410305", { villageId: village.id }), meta),
    ).rejects.toMatchObject({ code: "pairings.already_paired" });
    expect(await db.pairing.count({ where: { organisationId: organisation.id } })).toBe(1);

    // Reports wait for the agreement; another county's officer and the institution cannot agree.
    const report = { year: 2026, half: 1, narrative: "派出三名专家开展核桃修剪指导。", figures: [] };
    await expect(filePairingReport(institution, pairing.id, report)).rejects.toMatchObject({
      code: "pairings.not_active",
    });
    await expect(agreePairing(otherCounty, pairing.id, meta)).rejects.toMatchObject({
      code: "pairings.forbidden",
    });
    await expect(agreePairing(institution, pairing.id, meta)).rejects.toMatchObject({
      code: "pairings.forbidden",
    });
    await agreePairing(officer, pairing.id, meta);
    await expect(agreePairing(officer, pairing.id, meta)).rejects.toMatchObject({
      code: "pairings.not_proposed",
    });
    expect(
      await db.pairing.findUniqueOrThrow({
        where: { id: pairing.id },
        select: { status: true, agreedById: true },
      }),
    ).toEqual({ status: "ACTIVE", agreedById: officer.id });

    const commitments = await db.pairingCommitment.findMany({ where: { pairingId: pairing.id } });
    const experts = commitments.find((c) => c.kind === "EXPERTS_SENT")!;
    const funding = commitments.find((c) => c.kind === "FUNDING_FEN")!;
    const filed = await filePairingReport(
      institution,
      pairing.id,
      {
        ...report,
        figures: [
          { commitmentId: experts.id, achieved: 2 },
          { commitmentId: funding.id, achieved: 12_000 },
        ],
      },
      [],
      meta,
      new Date("2026-07-02T00:00:00Z"),
    );
    await expect(
      filePairingReport(institution, pairing.id, report, [], meta, new Date("2026-07-02T00:00:00Z")),
    ).rejects.toMatchObject({ code: "pairings.report_filed" });
    await expect(
      filePairingReport(
        institution,
        pairing.id,
        { ...report, half: 2 },
        [],
        meta,
        new Date("2026-05-01T00:00:00Z"),
      ),
    ).rejects.toMatchObject({ code: "pairings.report_future" });
    // Another county's officer neither files nor sees nor acknowledges it.
    await expect(filePairingReport(otherCounty, pairing.id, { ...report, year: 2025 })).rejects.toMatchObject(
      {
        code: "pairings.not_found",
      },
    );
    await expect(pairingPage(otherCounty, pairing.id)).rejects.toMatchObject({ code: "pairings.not_found" });
    await expect(acknowledgePairingReport(otherCounty, pairing.id, filed.id, meta)).rejects.toMatchObject({
      code: "pairings.forbidden",
    });
    await acknowledgePairingReport(officer, pairing.id, filed.id, meta);
    await expect(acknowledgePairingReport(officer, pairing.id, filed.id, meta)).rejects.toMatchObject({
      code: "pairings.already_acknowledged",
    });

    const page = await pairingPage(officer, pairing.id);
    expect(page.oversees).toBe(true);
    expect(page.member).toBe(false);
    expect(page.pairing.commitments.find((c) => c.kind === "FUNDING_FEN")!.achievedTotal).toBe(1_200_000);
    const audit = await db.auditLog.findMany({
      where: { OR: [{ subjectId: pairing.id }, { subjectId: filed.id }] },
      select: { action: true, actorId: true },
      orderBy: { id: "asc" },
    });
    expect(audit).toEqual([
      { action: "pairing.proposed", actorId: institution.id },
      { action: "pairing.agreed", actorId: officer.id },
      { action: "pairing.report_filed", actorId: institution.id },
      { action: "pairing.report_acknowledged", actorId: officer.id },
    ]);

    const listed = await publicPairings({ countyCode: "410305", limit: 10 });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({
      status: "ACTIVE",
      institution: { id: organisation.id },
      village: { id: village.id },
      reportsFiled: 1,
    });
    expect(listed.data[0]!.commitments.find((c) => c.kind === "EXPERTS_SENT")).toEqual({
      kind: "EXPERTS_SENT",
      targetPerYear: 3,
      reportedTotal: 2,
    });

    // The open API answers without a token, and a bad filter is a 400, never a 5xx.
    const call = (query: string) =>
      pairingsApi({
        request: new Request(`http://localhost/api/v1/pairings${query}`),
        params: {},
        context: { cspNonce: "t", clientIp: "10.6.0.2" },
      } as never);
    const answer = await call("?countyCode=410305");
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data: { id: string; reportsFiled: number }[] };
    expect(body.data.map((p) => [p.id, p.reportsFiled])).toEqual([[pairing.id, 1]]);
    expect((await call("?status=PROPOSED")).status).toBe(400);
  });

  it("only universities and research institutes propose, for their own organisation, with a village of the county", async () => {
    const { actor: enterprise, organisation: company } = await createPairingInstitution("ENTERPRISE");
    await expect(proposePairing(enterprise, proposal(company.id, "410324"), meta)).rejects.toMatchObject({
      code: "pairings.not_institution",
    });
    const { actor: institute, organisation } = await createPairingInstitution("RESEARCH_INSTITUTE");
    const farmer = await actorOf((await createUser({ role: "FARMER" })).id);
    await expect(proposePairing(farmer, proposal(organisation.id, "410324"), meta)).rejects.toMatchObject({
      code: "pairings.not_institution",
    });
    const elsewhere = await createVillageRecord("410325");
    await expect(
      proposePairing(institute, proposal(organisation.id, "410324", { villageId: elsewhere.id }), meta),
    ).rejects.toMatchObject({ code: "pairings.village_elsewhere" });
    const made = await proposePairing(institute, proposal(organisation.id, "410324"), meta);
    // The city bureau agrees for any county; a proposal is not public until agreed.
    expect((await publicPairings({ countyCode: "410324", limit: 10 })).data).toHaveLength(0);
    await agreePairing(await createBureau(), made.id, meta);
    expect((await publicPairings({ countyCode: "410324", limit: 10 })).data).toHaveLength(1);
    await endPairing(institute, made.id, meta);
    await expect(endPairing(institute, made.id, meta)).rejects.toMatchObject({ code: "pairings.not_active" });
    // Once ended, the institution may pair with the county again.
    await proposePairing(institute, proposal(organisation.id, "410324"), meta);
    expect(await db.pairing.count({ where: { organisationId: organisation.id } })).toBe(2);
  });
});

describe("the local-talent register", () => {
  it("queues only attended trainees of held trainings who live in the county, and confirming records the training", async () => {
    const county = "410326";
    const { officer } = await createCountyOfficer(county);
    const { officer: otherOfficer } = await createCountyOfficer("410327");
    const attended = await createUser({ role: "FARMER", countyCode: county, displayName: "王小军" });
    const absent = await createUser({ role: "FARMER", countyCode: county });
    const elsewhere = await createUser({ role: "FARMER", countyCode: "410327" });
    const nowhere = await createUser({ role: "FARMER" });
    const held = await createTrainingWith(county, [
      { userId: attended.id, attended: true },
      { userId: absent.id, attended: false },
      { userId: elsewhere.id, attended: true },
      { userId: nowhere.id, attended: true },
    ]);
    const open = await createTrainingWith(county, [{ userId: absent.id, attended: true }], "OPEN");

    const queue = await listTalentCandidates(officer);
    expect(queue.map((c) => [c.trainingId, c.userId])).toEqual([[held.id, attended.id]]);
    expect((await listTalentCandidates(otherOfficer)).map((c) => c.userId)).toEqual([elsewhere.id]);
    // The trainee of another county, and one of an open training, cannot be confirmed here.
    await expect(
      confirmTalentCandidate(officer, { trainingId: held.id, userId: elsewhere.id }, meta),
    ).rejects.toMatchObject({ code: "pairings.not_candidate" });
    await expect(
      confirmTalentCandidate(officer, { trainingId: open.id, userId: absent.id }, meta),
    ).rejects.toMatchObject({ code: "pairings.not_candidate" });
    // Not automatic: nobody is in the register until the officer confirms.
    expect(await db.localTalent.count({ where: { countyCode: county } })).toBe(0);

    const village = await createVillageRecord(county);
    const talent = await confirmTalentCandidate(
      officer,
      { trainingId: held.id, userId: attended.id, villageId: village.id },
      meta,
    );
    await expect(
      confirmTalentCandidate(officer, { trainingId: held.id, userId: attended.id }, meta),
    ).rejects.toMatchObject({ code: "pairings.not_candidate" });
    expect(await db.localTalent.count({ where: { countyCode: county } })).toBe(1);
    expect(
      await db.localTalentTraining.findMany({ where: { talentId: talent.id }, select: { trainingId: true } }),
    ).toEqual([{ trainingId: held.id }]);
    expect(await listTalentCandidates(officer)).toEqual([]);
    // A second held training of the same person joins the same register entry.
    const second = await createTrainingWith(county, [{ userId: attended.id, attended: true }]);
    await confirmTalentCandidate(officer, { trainingId: second.id, userId: attended.id }, meta);
    expect(await db.localTalent.count({ where: { countyCode: county } })).toBe(1);
    expect(await db.localTalentTraining.count({ where: { talentId: talent.id } })).toBe(2);

    await dismissTalentCandidate(otherOfficer, { trainingId: held.id, userId: elsewhere.id }, meta);
    expect(await listTalentCandidates(otherOfficer)).toEqual([]);
    expect(await db.localTalent.count({ where: { countyCode: "410327" } })).toBe(0);

    await setTalentServing(
      officer,
      { talentId: talent.id, role: "TECHNICIAN", work: "全村核桃修剪技术员" },
      meta,
    );
    await expect(
      setTalentServing(otherOfficer, { talentId: talent.id, role: "INFORMANT", work: "信息员" }, meta),
    ).rejects.toMatchObject({ code: "pairings.talent_not_found" });
    const { rows } = await listLocalTalent(officer);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "王小军",
      hasAccount: true,
      status: "SERVING",
      role: "TECHNICIAN",
    });
    expect(rows[0]!.trainings.map((t) => t.id).sort()).toEqual([held.id, second.id].sort());
  });

  it("masks people without an account to everyone, and an officer's reveal is logged", async () => {
    const county = "410328";
    const { officer } = await createCountyOfficer(county);
    const talent = await recordLocalTalent(
      officer,
      {
        name: "李秀兰",
        phone: "13800138000",
        skills: "电商直播",
        status: "SERVING",
        role: "ECOMMERCE",
        work: "村电商服务站",
      },
      meta,
    );
    const masked = await listLocalTalent(officer);
    expect(masked.rows[0]).toMatchObject({ name: "李**", phone: "138****8000", revealed: false });
    expect(await db.auditLog.count({ where: { subjectId: talent.id, action: "contact.viewed" } })).toBe(0);

    const shown = await listLocalTalent(officer, { reveal: talent.id, ip: "10.0.0.9" });
    expect(shown.rows[0]).toMatchObject({ name: "李秀兰", phone: "13800138000", revealed: true });
    const logged = await db.auditLog.findMany({
      where: { subjectType: "LocalTalent", subjectId: talent.id, action: "contact.viewed" },
      select: { actorId: true, ip: true },
    });
    expect(logged).toEqual([{ actorId: officer.id, ip: "10.0.0.9" }]);

    // A commissioner working in the county keeps the register but sees it masked, even when asking.
    const expert = await createUser({ role: "EXPERT" });
    const cohort = await db.commissionerCohort.create({
      data: { year: 2026, name: "2026 年科技特派员", createdById: officer.id },
    });
    await db.commissionerAssignment.create({
      data: {
        cohortId: cohort.id,
        userId: expert.id,
        countyCode: county,
        startDate: new Date("2020-01-01"),
        endDate: new Date("2099-01-01"),
        createdById: officer.id,
      },
    });
    const commissioner = await actorOf(expert.id);
    const seen = await listLocalTalent(commissioner, { reveal: talent.id });
    expect(seen.rows[0]).toMatchObject({ name: "李**", phone: "138****8000", revealed: false });
    await expect(listTalentCandidates(commissioner)).rejects.toMatchObject({ code: "pairings.forbidden" });
    await recordLocalTalent(
      commissioner,
      { countyCode: county, name: "赵四", skills: "", status: "TRAINED", work: "" },
      meta,
    );
    await expect(
      recordLocalTalent(
        commissioner,
        { countyCode: "410329", name: "赵五", skills: "", status: "TRAINED", work: "" },
        meta,
      ),
    ).rejects.toMatchObject({ code: "pairings.forbidden" });
    // A farmer keeps no register.
    const farmer = await actorOf((await createUser({ role: "FARMER", countyCode: county })).id);
    await expect(listLocalTalent(farmer)).rejects.toMatchObject({ code: "pairings.forbidden" });
    expect(await db.localTalent.count({ where: { countyCode: county } })).toBe(2);
    expect(await db.auditLog.count({ where: { subjectId: talent.id, action: "contact.viewed" } })).toBe(1);
  });
});
