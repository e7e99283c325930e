import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  addHouseholdLink,
  addVillageStatus,
  changeHouseholdStatus,
  createVillage,
  endHouseholdLink,
  getHousehold,
  getVillage,
  householdReachOf,
  listPublicVillages,
  listVillages,
  recordHousehold,
  setOrganisationVillage,
  type HouseholdReach,
} from "~/modules/households/households.server";
import { RecordHouseholdSchema } from "~/modules/households/households.schema";
import { loader as householdPage } from "~/routes/villages/households.$id";
import type { SessionUser } from "~/modules/users/session.server";
import { isDomainError } from "~/utils/errors";
import { useTestDatabase } from "../support/database";
import { createOrganisation, createUser } from "../support/factories";
import { insertHousehold, insertVillage } from "../support/households-factories";
import { actorOf, meta } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";

const database = useTestDatabase();

/** Resolves once `count` sessions wait for a lock on the table (polling pg_locks, no fixed sleep). */
async function waitForLockWaiters(client: pg.Client, table: string, count: number) {
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
       WHERE c.relname = $1 AND NOT l.granted`,
      [table],
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const HERE = "410324";
const THERE = "410325";

/** The DomainError code a promise rejects with (or "resolved"). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

const input = (code: string, extra: Partial<Parameters<typeof recordHousehold>[3]> = {}) => ({
  code,
  headName: "张三丰",
  idLast4: "123X",
  size: 3,
  status: "POOR" as const,
  year: 2024,
  measures: ["INDUSTRY" as const],
  ...extra,
});

let bureau: SessionUser;
let officer: SessionUser;
let officerThere: SessionUser;
let finance: SessionUser;
let farmer: SessionUser;
let informant: SessionUser;
let informantAll: SessionUser;
let revokedInformant: SessionUser;
let north: { id: string; countyCode: string; name: string };
let south: { id: string; countyCode: string; name: string };
let elsewhere: { id: string; countyCode: string; name: string };
const reach = (actor: SessionUser) => householdReachOf(actor) as Promise<HouseholdReach>;

async function appoint(user: SessionUser, countyCode: string, villages: string[], revoked = false) {
  await db.informant.create({
    data: {
      userId: user.id,
      countyCode,
      villages,
      appointedById: bureau.id,
      revokedAt: revoked ? new Date() : null,
    },
  });
}

beforeAll(async () => {
  bureau = await actorOf((await createUser({ role: "BUREAU" })).id);
  officer = await actorOf((await createUser({ role: "COUNTY", countyCode: HERE })).id);
  officerThere = await actorOf((await createUser({ role: "COUNTY", countyCode: THERE })).id);
  finance = await actorOf((await createUser({ role: "FINANCE" })).id);
  farmer = await actorOf((await createUser({ role: "FARMER" })).id);
  informant = await actorOf((await createUser({ role: "FARMER" })).id);
  informantAll = await actorOf((await createUser({ role: "VILLAGE" })).id);
  revokedInformant = await actorOf((await createUser({ role: "FARMER" })).id);
  north = await insertVillage({ countyCode: HERE, createdById: officer.id, name: "北村" });
  south = await insertVillage({ countyCode: HERE, createdById: officer.id, name: "南村" });
  elsewhere = await insertVillage({ countyCode: THERE, createdById: officerThere.id, name: "西村" });
  await appoint(informant, HERE, ["北村"]);
  await appoint(informantAll, HERE, []);
  await appoint(revokedInformant, HERE, []);
  await db.informant.updateMany({ where: { userId: revokedInformant.id }, data: { revokedAt: new Date() } });
});

describe("who reaches households", () => {
  it("gives each role its reach, and none to anyone else or a revoked informant", async () => {
    expect(await householdReachOf(bureau)).toEqual({ kind: "city" });
    expect(await householdReachOf(officer)).toEqual({ kind: "county", countyCode: HERE });
    expect(await householdReachOf(finance)).toEqual({ kind: "aggregates" });
    expect(await householdReachOf(informant)).toEqual({
      kind: "informant",
      countyCode: HERE,
      villages: ["北村"],
    });
    expect(await householdReachOf(farmer)).toBeNull();
    expect(await householdReachOf(revokedInformant)).toBeNull();
  });

  it("lets an informant record only in the villages of the appointment, and any village of the county without a list", async () => {
    const before = await db.household.count();
    expect(
      await codeOf(recordHousehold(informant, await reach(informant), north.id, input("INF-1"), meta)),
    ).toBe("resolved");
    expect(
      await codeOf(recordHousehold(informant, await reach(informant), south.id, input("INF-2"), meta)),
    ).toBe("households.not_found");
    expect(
      await codeOf(recordHousehold(informantAll, await reach(informantAll), south.id, input("INF-3"), meta)),
    ).toBe("resolved");
    expect(
      await codeOf(
        recordHousehold(informantAll, await reach(informantAll), elsewhere.id, input("INF-4"), meta),
      ),
    ).toBe("households.not_found");
    expect(await codeOf(recordHousehold(finance, await reach(finance), north.id, input("FIN-1"), meta))).toBe(
      "households.forbidden",
    );
    expect(await db.household.count()).toBe(before + 2);
  });

  it("scopes county officers to their county: another county's village and household are not found", async () => {
    const there = await insertHousehold({
      villageId: elsewhere.id,
      countyCode: THERE,
      recordedById: officerThere.id,
    });
    expect(await codeOf(getHousehold(officer, await reach(officer), there.id))).toBe("households.not_found");
    expect(await codeOf(getVillage(await reach(officer), elsewhere.id))).toBe("households.not_found");
    expect(await codeOf(getHousehold(officerThere, await reach(officerThere), there.id))).toBe("resolved");
    const listed = await listVillages(await reach(officer), { countyCode: THERE });
    expect(listed.map((village) => village.countyCode)).not.toContain(THERE);
    expect(listed.map((village) => village.id)).toEqual(expect.arrayContaining([north.id, south.id]));
    // The informant with a list sees only the listed village.
    expect((await listVillages(await reach(informant), {})).map((village) => village.id)).toEqual([north.id]);
  });

  it("shows the finance bureau counts, never a household row", async () => {
    const village = await getVillage(await reach(finance), north.id);
    expect(village.households).toEqual([]);
    expect(village.householdCount).toBe(await db.household.count({ where: { villageId: north.id } }));
    expect(village.householdCount).toBeGreaterThan(0);
    const any = await db.household.findFirstOrThrow({ where: { villageId: north.id }, select: { id: true } });
    expect(await codeOf(getHousehold(finance, await reach(finance), any.id))).toBe("households.forbidden");
  });
});

describe("household records", () => {
  it("refuses a duplicate household number in the county, but allows it in another county", async () => {
    await recordHousehold(officer, await reach(officer), north.id, input("DUP-1"), meta);
    expect(await codeOf(recordHousehold(officer, await reach(officer), south.id, input("dup-1"), meta))).toBe(
      "households.duplicate_code",
    );
    expect(
      await codeOf(
        recordHousehold(officerThere, await reach(officerThere), elsewhere.id, input("DUP-1"), meta),
      ),
    ).toBe("resolved");
    expect(await db.household.count({ where: { code: "DUP-1" } })).toBe(2);
  });

  it("keeps only the ID's last four, validated, and writes no name into the audit log", async () => {
    const parse = (idLast4: string) =>
      RecordHouseholdSchema.safeParse({ ...input("V-1"), idLast4, measures: [], size: "3", year: "2024" });
    expect(parse("123x").success).toBe(true);
    expect(parse("12X4").success).toBe(false);
    expect(parse("12345").success).toBe(false);
    const id = await recordHousehold(officer, await reach(officer), north.id, input("AUD-1"), meta);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "household.recorded", subjectId: id },
    });
    expect(JSON.stringify(audit.after)).not.toContain("张三丰");
    expect(await db.householdStatusChange.count({ where: { householdId: id, from: null, to: "POOR" } })).toBe(
      1,
    );
  });

  it("masks the head's name, and shows it in full only on request, with a household.viewed audit row", async () => {
    const id = await recordHousehold(officer, await reach(officer), north.id, input("MASK-1"), meta);
    const masked = await getHousehold(officer, await reach(officer), id);
    expect(masked.headName).toBe("张**");
    expect(masked.idLast4).toBeNull();
    expect(await db.auditLog.count({ where: { action: "household.viewed", subjectId: id } })).toBe(0);

    // Through the page, as the county officer asks with ?reveal=household.
    const response = (await householdPage({
      request: new Request(`http://localhost/households/${id}?reveal=household`, {
        headers: { cookie: await sessionCookieFor(officer.id) },
      }),
      params: { id },
      context: { cspNonce: "test", clientIp: "10.9.9.9" },
    })) as { household: { headName: string; idLast4: string | null; revealed: boolean } };
    expect(response.household).toMatchObject({ headName: "张三丰", idLast4: "123X", revealed: true });
    const rows = await db.auditLog.findMany({
      where: { action: "household.viewed", subjectId: id },
      select: { actorId: true, subjectType: true, ip: true },
    });
    expect(rows).toEqual([{ actorId: officer.id, subjectType: "Household", ip: "10.9.9.9" }]);

    // Another county's officer gets a 404 from the page, and no row is written.
    const outsider = await householdPage({
      request: new Request(`http://localhost/households/${id}?reveal=household`, {
        headers: { cookie: await sessionCookieFor(officerThere.id) },
      }),
      params: { id },
      context: { cspNonce: "test", clientIp: "10.9.9.8" },
    }).catch((thrown: unknown) => thrown);
    expect(outsider).toBeInstanceOf(Response);
    expect((outsider as Response).status).toBe(404);
    expect(await db.auditLog.count({ where: { action: "household.viewed", subjectId: id } })).toBe(1);
  });

  it("changes status only along POOR→LIFTED→RELAPSED→LIFTED, keeping the history", async () => {
    const r = await reach(officer);
    const id = await recordHousehold(officer, r, north.id, input("ST-1", { year: 2020 }), meta);
    expect(
      await codeOf(changeHouseholdStatus(officer, r, id, { to: "RELAPSED", year: 2021, reason: "试" }, meta)),
    ).toBe("households.transition");
    await changeHouseholdStatus(officer, r, id, { to: "LIFTED", year: 2021, reason: "产业增收" }, meta);
    // A retry of the same change is refused: the household is already lifted.
    expect(
      await codeOf(changeHouseholdStatus(officer, r, id, { to: "LIFTED", year: 2021, reason: "重复" }, meta)),
    ).toBe("households.transition");
    expect(
      await codeOf(
        changeHouseholdStatus(officer, r, id, { to: "RELAPSED", year: 2019, reason: "早于" }, meta),
      ),
    ).toBe("households.change_year");
    await changeHouseholdStatus(officer, r, id, { to: "RELAPSED", year: 2023, reason: "因病" }, meta);
    await changeHouseholdStatus(officer, r, id, { to: "LIFTED", year: 2024, reason: "兜底" }, meta);
    const history = await db.householdStatusChange.findMany({
      where: { householdId: id },
      orderBy: { createdAt: "asc" },
      select: { from: true, to: true, year: true },
    });
    expect(history).toEqual([
      { from: null, to: "POOR", year: 2020 },
      { from: "POOR", to: "LIFTED", year: 2021 },
      { from: "LIFTED", to: "RELAPSED", year: 2023 },
      { from: "RELAPSED", to: "LIFTED", year: 2024 },
    ]);
    expect((await db.household.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe(
      "LIFTED",
    );
  });

  it("links only existing targets of the household's county, once while open, and ends a link once", async () => {
    const r = await reach(officer);
    const id = await recordHousehold(officer, r, north.id, input("LINK-1"), meta);
    const trainingHere = await db.training.create({
      data: {
        hostId: officer.id,
        title: "核桃嫁接",
        description: "",
        countyCode: HERE,
        place: "村委",
        startsAt: new Date(),
        capacity: 10,
      },
      select: { id: true },
    });
    const trainingThere = await db.training.create({
      data: {
        hostId: officer.id,
        title: "嵩县培训",
        description: "",
        countyCode: THERE,
        place: "镇",
        startsAt: new Date(),
        capacity: 10,
      },
      select: { id: true },
    });
    const link = (kind: "TRAINING" | "ENTERPRISE" | "PROJECT", targetId: string) =>
      codeOf(addHouseholdLink(officer, r, id, { kind, targetId }, meta));
    expect(await link("TRAINING", "nope")).toBe("households.target_missing");
    expect(await link("PROJECT", trainingHere.id)).toBe("households.target_missing");
    expect(await link("TRAINING", trainingThere.id)).toBe("households.target_county");
    expect(await link("TRAINING", trainingHere.id)).toBe("resolved");
    expect(await link("TRAINING", trainingHere.id)).toBe("households.link_exists");
    const university = await createOrganisation("UNIVERSITY");
    expect(await link("ENTERPRISE", university.id)).toBe("households.target_type");
    const enterprise = await createOrganisation("ENTERPRISE");
    expect(await link("ENTERPRISE", enterprise.id)).toBe("resolved");
    expect(await db.householdLink.count({ where: { householdId: id } })).toBe(2);

    const open = await db.householdLink.findFirstOrThrow({ where: { householdId: id, kind: "TRAINING" } });
    await endHouseholdLink(officer, r, id, open.id, meta);
    expect(await codeOf(endHouseholdLink(officer, r, id, open.id, meta))).toBe("households.link_ended");
    // Ended, the same training may be linked again.
    expect(await link("TRAINING", trainingHere.id)).toBe("resolved");
    expect(await db.householdLink.count({ where: { householdId: id, endedAt: null } })).toBe(2);
  });

  it("lets only one of two simultaneous submissions of the same link through, the other told it is linked", async () => {
    const r = await reach(officer);
    const id = await recordHousehold(officer, r, north.id, input("RACE-1"), meta);
    const enterprise = await createOrganisation("COOPERATIVE");
    const same = () =>
      codeOf(addHouseholdLink(officer, r, id, { kind: "ENTERPRISE", targetId: enterprise.id }, meta));
    // A SHARE lock lets both submissions read (and find no open link) but holds their INSERTs
    // until both are waiting on it: the interleaving that let both through before the index.
    const locker = new pg.Client({ connectionString: database.url() });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query('LOCK TABLE "HouseholdLink" IN SHARE MODE');
      const both = Promise.all([same(), same()]);
      await waitForLockWaiters(locker, "HouseholdLink", 2);
      await locker.query("COMMIT");
      const outcomes = await both;
      expect(outcomes.sort()).toEqual(["households.link_exists", "resolved"]);
    } finally {
      await locker.end();
    }
    expect(await same()).toBe("households.link_exists");
    expect(await db.householdLink.count({ where: { householdId: id, organisationId: enterprise.id } })).toBe(
      1,
    );
    expect(await db.auditLog.count({ where: { action: "household.linked", subjectId: id } })).toBe(1);
  });

  it("refuses a second open link in the database itself, whoever writes it", async () => {
    const r = await reach(officer);
    const id = await recordHousehold(officer, r, north.id, input("RACE-2"), meta);
    const enterprise = await createOrganisation("ENTERPRISE");
    const row = {
      householdId: id,
      kind: "ENTERPRISE" as const,
      organisationId: enterprise.id,
      createdById: officer.id,
    };
    await db.householdLink.create({ data: row });
    await expect(db.householdLink.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
    await db.householdLink.updateMany({ where: { householdId: id }, data: { endedAt: new Date() } });
    await db.householdLink.create({ data: row });
    expect(await db.householdLink.count({ where: { householdId: id } })).toBe(2);
  });
});

describe("villages", () => {
  it("creates villages in the officer's county only, refusing a duplicate name in the township", async () => {
    const id = await createVillage(
      officer,
      await reach(officer),
      { countyCode: THERE, township: "合峪镇", name: "东村" },
      meta,
    );
    expect((await db.village.findUniqueOrThrow({ where: { id } })).countyCode).toBe(HERE);
    expect(
      await codeOf(createVillage(officer, await reach(officer), { township: "合峪镇", name: "东村" }, meta)),
    ).toBe("households.village_exists");
    expect(
      await codeOf(
        createVillage(informant, await reach(informant), { township: "合峪镇", name: "新村" }, meta),
      ),
    ).toBe("households.forbidden");
    expect(
      await codeOf(createVillage(bureau, await reach(bureau), { township: "合峪镇", name: "新村" }, meta)),
    ).toBe("households.village_county");
  });

  it("appends a year's status in order, lifted only after a poor year, never rewriting a year", async () => {
    const r = await reach(officer);
    const v = await insertVillage({ countyCode: HERE, createdById: officer.id });
    const add = (year: number, status: "POOR" | "LIFTED" | "NOT_POOR") =>
      codeOf(addVillageStatus(officer, r, v.id, { year, status }, meta, new Date("2026-06-01T00:00:00Z")));
    expect(await add(2016, "LIFTED")).toBe("households.lifted_needs_poor");
    expect(await add(2016, "POOR")).toBe("resolved");
    expect(await add(2016, "NOT_POOR")).toBe("households.year_recorded");
    expect(await add(2015, "POOR")).toBe("households.year_order");
    expect(await add(2027, "POOR")).toBe("households.year_order");
    expect(await add(2019, "LIFTED")).toBe("resolved");
    expect(await add(2020, "LIFTED")).toBe("households.lifted_needs_poor");
    const rows = await db.villageStatusYear.findMany({
      where: { villageId: v.id },
      orderBy: { year: "asc" },
    });
    expect(rows.map((row) => [row.year, row.status])).toEqual([
      [2016, "POOR"],
      [2019, "LIFTED"],
    ]);
    expect(await db.auditLog.count({ where: { action: "village.status_recorded", subjectId: v.id } })).toBe(
      2,
    );
    expect(
      await codeOf(
        addVillageStatus(officerThere, await reach(officerThere), v.id, { year: 2020, status: "POOR" }, meta),
      ),
    ).toBe("households.not_found");
  });

  it("links an organisation of the village's county to it, and refuses one of another county", async () => {
    const r = await reach(officer);
    const coop = await createOrganisation("COOPERATIVE");
    await setOrganisationVillage(officer, r, north.id, { organisationId: coop.id, link: true }, meta);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: coop.id } })).villageId).toBe(north.id);
    const far = await db.organisation.create({
      data: { type: "COOPERATIVE", name: "嵩县合作社", countyCode: THERE },
      select: { id: true },
    });
    expect(
      await codeOf(
        setOrganisationVillage(officer, r, north.id, { organisationId: far.id, link: true }, meta),
      ),
    ).toBe("households.organisation_county");
    expect((await getVillage(r, north.id)).organisations.map((o) => o.id)).toContain(coop.id);
  });

  it("publishes villages with their status by year and nothing of households", async () => {
    await db.villageStatusYear.create({
      data: { villageId: south.id, year: 2018, status: "POOR", recordedById: officer.id },
    });
    const { items } = await listPublicVillages({ county: HERE }, { skip: 0, take: 100 });
    const row = items.find((item) => item.id === south.id)!;
    expect(row).toEqual({
      id: south.id,
      countyCode: HERE,
      township: "城关镇",
      name: "南村",
      statuses: [{ year: 2018, status: "POOR" }],
    });
    expect(items.every((item) => item.countyCode === HERE)).toBe(true);
    expect(JSON.stringify(items)).not.toContain("张三丰");
  });
});
