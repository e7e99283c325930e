import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone } from "~/modules/privacy/masking";
import { db } from "~/db.server";
import { action as editOrganisationAction } from "~/routes/account/account.organisations.$id";
import { action as editProfileAction, loader as editProfileLoader } from "~/routes/account/account.profile";
import { action as expertPageAction, loader as expertPageLoader } from "~/routes/profiles/experts.$id";
import {
  action as organisationPageAction,
  loader as organisationPageLoader,
} from "~/routes/profiles/orgs.$id";
import {
  getExpertPage,
  getOrganisationPage,
  moderateProfile,
  saveExpertProfile,
  updateOrganisationProfile,
} from "~/modules/profiles/profiles.server";
import { createOrganisation } from "../support/factories";
import { useTestDatabase } from "../support/database";
import {
  actorOf,
  context,
  cookieFor,
  createActor,
  createMember,
  createOrganisationWithMember,
  get,
  meta,
  post,
  type Reply,
} from "../support/profiles-factories";

useTestDatabase();

const contactFields = {
  contactPhone: "0379-64282345",
  contactEmail: "coop@example.cn",
  address: "栾川县庙子镇",
};

async function organisationWithContact() {
  const { organisation, member } = await createOrganisationWithMember();
  await db.organisation.update({
    where: { id: organisation.id },
    data: { ...contactFields, mainProducts: ["香菇"] },
    select: { id: true },
  });
  return { organisation, member };
}

const expertForm = {
  title: "教授",
  fields: ["PLANTING", "AGRI_PROCESSING"],
  specialties: "香菇栽培与深加工",
  bio: "从事食用菌研究二十年。",
  countiesServed: ["410324", "410325"],
  availability: "LIMITED",
  languages: ["zh", "en"],
  contactPhone: "138 0000 0009",
  contactEmail: "Zhang@Example.cn",
};

describe("organisation pages", () => {
  it("hides contact details from anonymous and unverified viewers, masks them for verified ones, and reveals them on request", async () => {
    const { organisation } = await organisationWithContact();
    expect((await getOrganisationPage(organisation.id, null)).contact).toBeNull();
    const unverified = await createActor("FARMER");
    expect((await getOrganisationPage(organisation.id, unverified, { reveal: true })).contact).toBeNull();

    const verifiedPerson = await createActor("EXPERT", { verified: true });
    expect((await getOrganisationPage(organisation.id, verifiedPerson)).contact).toEqual({
      phone: maskPhone(contactFields.contactPhone),
      email: maskEmail(contactFields.contactEmail),
      address: contactFields.address,
    });
    expect((await getOrganisationPage(organisation.id, verifiedPerson, { reveal: true })).contact).toEqual({
      phone: contactFields.contactPhone,
      email: contactFields.contactEmail,
      address: contactFields.address,
    });
    const verifiedOrganisation = await createOrganisation("COOPERATIVE", true);
    const memberOfVerified = await createMember(verifiedOrganisation.id);
    expect(
      (await getOrganisationPage(organisation.id, memberOfVerified, { reveal: true })).contact?.phone,
    ).toBe(contactFields.contactPhone);
    expect(
      await db.auditLog.findMany({
        where: { action: "contact.viewed", subjectId: organisation.id },
        select: { actorId: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual([{ actorId: verifiedPerson.id }, { actorId: memberOfVerified.id }]);
  });

  it("serves the public page without a login, without contact details", async () => {
    const { organisation, member } = await organisationWithContact();
    const page = await organisationPageLoader({
      request: get(`/orgs/${organisation.id}`),
      context,
      params: { id: organisation.id },
    });
    expect(page.organisation).toMatchObject({
      name: organisation.name,
      mainProducts: ["香菇"],
      verifiedAt: null,
    });
    expect(page.contact).toBeNull();
    expect(JSON.stringify(page)).not.toContain(contactFields.contactPhone);
    expect(page.members).toEqual([
      { id: member.id, displayName: "测试用户", verified: false, role: "VILLAGE", hasProfile: false },
    ]);
    expect(page.canEdit).toBe(false);
  });

  it("lists an institution's experts", async () => {
    const { organisation } = await createOrganisationWithMember("UNIVERSITY", "INSTITUTION");
    const expert = await createMember(organisation.id, "EXPERT");
    await saveExpertProfile({
      actor: await actorOf(expert.id),
      fields: { ...baseExpert(), affiliationId: organisation.id },
      meta,
    });
    const page = await getOrganisationPage(organisation.id, null);
    expect(page.experts.map((row) => row.userId)).toEqual([expert.id]);
    expect(page.members.find((row) => row.id === expert.id)?.hasProfile).toBe(true);
  });

  it("lets members edit and refuses everyone else with 403", async () => {
    const { organisation, member } = await createOrganisationWithMember();
    const outsider = await createActor("VILLAGE");
    const fields = {
      description: "合作社简介",
      mainProducts: "香菇、木耳\n核桃",
      countyCode: "410324",
      village: "庙子镇",
      contactPhone: "13800000001",
    };

    const refused = editOrganisationAction({
      request: post(`/account/organisations/${organisation.id}`, fields, await cookieFor(outsider.id)),
      context,
      params: { id: organisation.id },
    });
    await expect(refused).rejects.toMatchObject({ status: 403 });
    await expect(
      updateOrganisationProfile({
        actor: outsider,
        organisationId: organisation.id,
        fields: { mainProducts: [], contactPhone: undefined, contactEmail: undefined },
        meta,
      }),
    ).rejects.toMatchObject({ status: 403 });

    const saved = (await editOrganisationAction({
      request: post(`/account/organisations/${organisation.id}`, fields, await cookieFor(member.id)),
      context,
      params: { id: organisation.id },
    })) as Response;
    expect(saved.status).toBe(302);
    const row = await db.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { description: true, mainProducts: true, contactPhone: true, name: true },
    });
    expect(row).toEqual({
      description: "合作社简介",
      mainProducts: ["香菇", "木耳", "核桃"],
      contactPhone: "+8613800000001",
      name: organisation.name,
    });
    const audit = await db.auditLog.findMany({
      where: { subjectId: organisation.id },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual([{ action: "organisation.updated", actorId: member.id }]);
  });

  it("answers an invalid organisation form with field errors", async () => {
    const { organisation, member } = await createOrganisationWithMember();
    const result = (await editOrganisationAction({
      request: post(
        `/account/organisations/${organisation.id}`,
        { contactPhone: "12345", contactEmail: "not-mail", countyCode: "999999" },
        await cookieFor(member.id),
      ),
      context,
      params: { id: organisation.id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      contactPhone: ["profiles.errors.phone"],
      contactEmail: ["profiles.errors.email"],
      countyCode: ["errors.county_invalid"],
    });
  });
});

function baseExpert() {
  return {
    title: "教授",
    fields: ["PLANTING" as const],
    specialties: "香菇栽培",
    countiesServed: [],
    availability: "AVAILABLE" as const,
    languages: ["zh" as const],
    contactPhone: undefined as string | undefined,
    contactEmail: undefined as string | undefined,
  };
}

describe("expert profiles", () => {
  it("refuses invalid input with field errors", async () => {
    const expert = await createActor("EXPERT");
    const result = (await editProfileAction({
      request: post(
        "/account/profile",
        { title: "", specialties: "x", contactPhone: "12", availability: "SOMETIMES" },
        await cookieFor(expert.id),
      ),
      context,
      params: {},
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error).toMatchObject({
      title: ["errors.required"],
      fields: ["profiles.errors.fields"],
      specialties: ["profiles.errors.specialties"],
      languages: ["profiles.errors.languages"],
      contactPhone: ["profiles.errors.phone"],
      availability: ["profiles.errors.availability"],
    });
    expect(await db.expertProfile.count({ where: { userId: expert.id } })).toBe(0);
  });

  it("creates the profile on the first save and updates it afterwards, audited", async () => {
    const expert = await createActor("EXPERT");
    const cookie = await cookieFor(expert.id);
    const created = (await editProfileAction({
      request: post("/account/profile", expertForm, cookie),
      context,
      params: {},
    })) as Response;
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe(`/experts/${expert.id}`);
    const row = await db.expertProfile.findUniqueOrThrow({
      where: { userId: expert.id },
      select: {
        title: true,
        fields: true,
        countiesServed: true,
        availability: true,
        languages: true,
        contactPhone: true,
        contactEmail: true,
        isCommissioner: true,
      },
    });
    expect(row).toEqual({
      title: "教授",
      fields: ["PLANTING", "AGRI_PROCESSING"],
      countiesServed: ["410324", "410325"],
      availability: "LIMITED",
      languages: ["zh", "en"],
      contactPhone: "+8613800000009",
      contactEmail: "zhang@example.cn",
      isCommissioner: false,
    });
    const updated = (await editProfileAction({
      request: post("/account/profile", { ...expertForm, title: "研究员", isCommissioner: "on" }, cookie),
      context,
      params: {},
    })) as Response;
    expect(updated.status).toBe(302);
    // Commissioner status is the bureau's to give, not a box the expert ticks.
    expect(
      await db.expertProfile.findUniqueOrThrow({
        where: { userId: expert.id },
        select: { title: true, isCommissioner: true },
      }),
    ).toEqual({ title: "研究员", isCommissioner: false });
    const audit = await db.auditLog.findMany({
      where: { subjectId: expert.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["expertProfile.created", "expertProfile.updated"]);
  });

  it("is only for experts, and only to organisations they belong to", async () => {
    const farmer = await createActor("FARMER");
    await expect(
      editProfileLoader({
        request: get("/account/profile", await cookieFor(farmer.id)),
        context,
        params: {},
      }),
    ).rejects.toMatchObject({ status: 403 });
    const expert = await createActor("EXPERT");
    const stranger = await createOrganisation("UNIVERSITY", true);
    const result = (await editProfileAction({
      request: post(
        "/account/profile",
        { ...expertForm, affiliationId: stranger.id },
        await cookieFor(expert.id),
      ),
      context,
      params: {},
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.error?.affiliationId).toHaveLength(1);
  });

  it("shows the expert's contact details only to verified viewers", async () => {
    const expert = await createActor("EXPERT");
    await saveExpertProfile({
      actor: expert,
      fields: { ...baseExpert(), contactPhone: "+8613800000009" },
      meta,
    });
    const anonymous = await expertPageLoader({
      request: get(`/experts/${expert.id}`),
      context,
      params: { id: expert.id },
    });
    expect(anonymous.profile?.title).toBe("教授");
    expect(anonymous.contact).toBeNull();
    expect((await getExpertPage(expert.id, await createActor("FARMER"))).contact).toBeNull();
    const verified = await createActor("VILLAGE", { verified: true });
    expect((await getExpertPage(expert.id, verified)).contact).toEqual({ phone: "138****0009", email: null });
    expect((await getExpertPage(expert.id, verified, { reveal: true })).contact).toEqual({
      phone: "+8613800000009",
      email: null,
    });
    expect((await getExpertPage(expert.id, expert)).contact?.phone).toBe("+8613800000009");
  });

  it("has no public page before the expert fills it in", async () => {
    const expert = await createActor("EXPERT");
    await expect(getExpertPage(expert.id, null)).rejects.toMatchObject({ status: 404 });
    expect((await getExpertPage(expert.id, expert)).profile).toBeNull();
  });
});

describe("bureau moderation of profiles", () => {
  it("hides an organisation with a reason: 404 for the public, a notice for members and the bureau", async () => {
    const { organisation, member } = await createOrganisationWithMember();
    const bureau = await createActor("BUREAU");
    const cookie = await cookieFor(bureau.id);
    const noReason = (await organisationPageAction({
      request: post(`/orgs/${organisation.id}`, { intent: "hide" }, cookie),
      context,
      params: { id: organisation.id },
    })) as unknown as Reply;
    expect(noReason.init.status).toBe(400);
    expect(noReason.data.error?.reason).toEqual(["profiles.errors.reason_required"]);

    const hidden = (await organisationPageAction({
      request: post(`/orgs/${organisation.id}`, { intent: "hide", reason: "虚假宣传" }, cookie),
      context,
      params: { id: organisation.id },
    })) as Response;
    expect(hidden.status).toBe(302);
    await expect(
      organisationPageLoader({
        request: get(`/orgs/${organisation.id}`),
        context,
        params: { id: organisation.id },
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await getOrganisationPage(organisation.id, member)).hidden).toMatchObject({ reason: "虚假宣传" });
    expect((await getOrganisationPage(organisation.id, bureau)).canModerate).toBe(true);

    await moderateProfile({
      actor: bureau,
      target: { kind: "organisation", id: organisation.id },
      moderation: { intent: "unhide" },
      meta,
    });
    expect((await getOrganisationPage(organisation.id, null)).hidden).toBeNull();
    const audit = await db.auditLog.findMany({
      where: { subjectId: organisation.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: "organisation.hidden", actorId: bureau.id },
      { action: "organisation.unhidden", actorId: bureau.id },
    ]);
  });

  it("refuses moderation by anyone but the bureau", async () => {
    const expert = await createActor("EXPERT");
    await saveExpertProfile({ actor: expert, fields: baseExpert(), meta });
    const other = await createActor("VILLAGE", { verified: true });
    const result = (await expertPageAction({
      request: post(
        `/experts/${expert.id}`,
        { intent: "hide", reason: "不当内容" },
        await cookieFor(other.id),
      ),
      context,
      params: { id: expert.id },
    })) as unknown as Reply;
    expect(result.init.status).toBe(403);
    expect(
      (await db.expertProfile.findUniqueOrThrow({ where: { userId: expert.id }, select: { hiddenAt: true } }))
        .hiddenAt,
    ).toBeNull();
  });

  it("hides an expert profile from the public but not from the expert", async () => {
    const expert = await createActor("EXPERT");
    await saveExpertProfile({ actor: expert, fields: baseExpert(), meta });
    const bureau = await createActor("BUREAU");
    await moderateProfile({
      actor: bureau,
      target: { kind: "expert", id: expert.id },
      moderation: { intent: "hide", reason: "资料不实" },
      meta,
    });
    await expect(getExpertPage(expert.id, null)).rejects.toMatchObject({ status: 404 });
    expect((await getExpertPage(expert.id, expert)).hidden).toMatchObject({ reason: "资料不实" });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { subjectId: expert.id, action: "expertProfile.hidden" },
      select: { after: true },
    });
    expect(audit.after).toMatchObject({ hiddenReason: "资料不实" });
  });
});
