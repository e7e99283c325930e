import { describe, expect, it } from "vitest";
import { listMyProgrammeProjects } from "~/modules/programmes/programmes.queries.server";
import { withdrawApplication } from "~/modules/programmes/programmes.server";
import { loader as workspace } from "~/routes/site/workspace";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { actorOf } from "../support/needs-factories";
import { sessionCookieFor } from "../support/offers-factories";
import { createApplication, createOpenProgramme } from "../support/programmes-factories";

useTestDatabase();

describe("a project's way back from the workspace", () => {
  it("lists the organisation's programme projects for its members only, without withdrawn ones", async () => {
    const { programme } = await createOpenProgramme();
    const { application, head } = await createApplication(programme.id, { title: "菌渣还田示范项目" });
    const { application: withdrawn, head: otherHead } = await createApplication(programme.id, {
      title: "已撤回的申报",
    });
    await withdrawApplication(otherHead, withdrawn.id);

    expect((await listMyProgrammeProjects(head)).map((project) => project.id)).toEqual([application.id]);
    expect(await listMyProgrammeProjects(otherHead)).toEqual([]);
    const outsider = await actorOf((await createUser({ role: "FARMER" })).id);
    expect(await listMyProgrammeProjects(outsider)).toEqual([]);

    // The workspace page carries it, with its status, to the application page.
    const request = new Request("http://localhost/workspace", {
      headers: { cookie: await sessionCookieFor(head.id) },
    });
    const data = (await workspace({
      request,
      params: {},
      context: { cspNonce: "test", clientIp: "10.9.0.1" },
    })) as {
      programmeProjects: { id: string; title: string; status: string }[];
    };
    expect(data.programmeProjects).toEqual([
      expect.objectContaining({ id: application.id, title: "菌渣还田示范项目", status: "SUBMITTED" }),
    ]);
  });
});
