import { createHash } from "node:crypto";
import { expect, test, type Cookie, type Locator, type Page } from "@playwright/test";
import type { Role } from "../../app/generated/prisma/enums";
import { DEMO_PASSWORD } from "../../app/modules/demo/demo-accounts";
import { agreeOnConsentPage, fillNeed, logInAs, uniqueMobile } from "../e2e/helpers";
import { login, network, query, visit, watchCommits } from "./field";

/*
 * No swallowed clicks after a validation error, on every form the browser checks. Each row: open
 * the form on a phone, leave one field empty or wrong, tap submit — the error shows and nothing is
 * sent — type the correction (the focus stays in the field, so the tap is also its blur), and one
 * tap on a laggy link must send it: the row reaches the database, or the action's toast shows.
 *
 * Forms with client validation (grep -rl "use-form" app, plus the users of useSchemaForm), each
 * reached as a demo role; state a form needs is made with SQL. "-" marks the ones not covered yet.
 *
 * | form (file)                                      | route                                   | role        |
 * | ------------------------------------------------ | --------------------------------------- | ----------- |
 * | account/register.tsx                             | /register                               | visitor     |
 * | account/login.tsx (useSchemaForm)                | /login                                  | visitor     |
 * | account/account.password.tsx (useSchemaForm)     | /account/password                       | new farmer  |
 * | account/account.tokens.tsx                       | /account/tokens                         | INSTITUTION |
 * | profiles/expert-profile-form                     | /account/profile                        | EXPERT      |
 * | profiles/organisation-profile-form               | /account/organisations/:id              | VILLAGE     |
 * | verification/verification-form (person)          | /account/verification?person=1          | new farmer  |
 * | needs/need-form                                  | /needs/new, /needs/:id/edit             | VILLAGE     |
 * | needs/need-form + informant fields               | /informant/new                          | informant   |
 * | needs/apply-form                                 | /needs/:id                              | EXPERT      |
 * | revision-thread (counter-offer)                  | /needs/:id/applications                 | VILLAGE     |
 * | offers/offer-form                                | /offers/new, /offers/:id/edit           | EXPERT      |
 * | spaces/service-form                              | /services/new, /services/:id/edit       | SPACE       |
 * | spaces/services.$id_.request.tsx                 | /services/:id/request                   | VILLAGE     |
 * | spaces/spaces.$id_.kpis.tsx                      | /spaces/:id/kpis                        | SPACE       |
 * | spaces/spaces.$id_.profile.tsx                   | /spaces/:id/profile                     | SPACE       |
 * | programmes/programme-form                        | /bureau/programmes/new, /:id/edit       | BUREAU      |
 * | bureau/bureau.programmes.$id.tsx (top-up)        | /bureau/programmes/:id                  | BUREAU      |
 * | programmes/programmes.$id_.apply.tsx             | /programmes/:id/apply                   | VILLAGE     |
 * | bureau/+programme-bureau-forms: review, approve, | /bureau/programmes/applications/:id     | BUREAU      |
 * |   reject, propose a payment, evaluate            |                                         |             |
 * | programmes/cosign-forms (refuse a payment)       | /bureau/finance/applications/:id        | FINANCE     |
 * | programmes/completion-report-form                | /programmes/applications/:id            | VILLAGE     |
 * | sanctions/sanction-form (suspend, clawback)      | /bureau/sanctions/new?application=:id   | BUREAU      |
 * | bureau/bureau.sanctions.$id.tsx (lift)           | /bureau/sanctions/:id                   | BUREAU      |
 * | commissioners/commissioner-forms (cohort, dispatch) | /bureau/commissioners                | BUREAU      |
 * | commissioners/trainings.new.tsx                  | /trainings/new                          | EXPERT      |
 * | commissioners/commissioners.logs.new.tsx         | /commissioners/logs/new                 | EXPERT      |
 * | profiles/orgs.$id_.webhooks.tsx                  | /orgs/:id/webhooks                      | INSTITUTION |
 * | profiles/reviews.$id.tsx (reply)                 | /reviews/:id                            | EXPERT      |
 * | profiles/profile-sections (moderation)           | /orgs/:id                               | BUREAU      |
 * | wallet/wallet._index.tsx (withdraw)              | /wallet                                 | VILLAGE     |
 * | wallet/finance-desk (deposit)                    | /admin/finance                          | ADMIN       |
 * | creative/demo-form                               | /bureau/demos/new                       | BUREAU      |
 * | agreements/agreements.$id.sign.tsx               | /agreements/:id/sign                    | VILLAGE     |
 * | agreements/+agreement-terms-form                 | /agreements/:id/edit                    | VILLAGE     |
 * | reviews/review-form                              | /agreements/:id/review                  | EXPERT      |
 * | agreements/dispute-card                          | /bureau/disputes                        | BUREAU      |
 * | cofunding/funders                                | /agreements/:id/milestones/:mid/funders | VILLAGE     |
 * | creative/brands.new.tsx                          | /brands/new?need=:id                    | VILLAGE     |
 * | bureau/bureau.verifications.$id.tsx (reject)     | /bureau/verifications/:id               | BUREAU      |
 * | bureau/bureau.reviews.tsx (moderation)           | /bureau/reviews                         | BUREAU      |
 * | - the same forms' second routes: demo-form edit, sanction-form ban without an application |   |
 *
 * The agreements those rows act on are copies of the demo's own (agreementCopy), put in the state
 * the form needs; a disputed milestone's escrow is paid in through the ledger as the app pays it.
 * The review is written by the expert: a review about the expert would be one more row that the
 * "reply to a review" row's UPDATE matches. The forms in the grep without client
 * checks (conform without onValidate: listings/listing-controls, bureau.triage_.$needId,
 * bureau.informants, reach/claim-form, spaces/request-answer-forms, spaces/requests.tsx,
 * counties/officers, counties/prescreen) are
 * checked by the server only, so there is no client error to swallow a tap.
 */

type Who = Role | "INFORMANT" | "visitor";
/** The informant the demo seed appoints (app/modules/demo/seed-reach.server.ts). */
const INFORMANT_LOGIN = "informant@demo.xiangke.cn";

interface FormCase {
  form: string;
  as: Who;
  /** Goes to the form and fills every field but the one refused; may return the id of what it acts on ($2). */
  open(page: Page): Promise<string | void>;
  /** The field refused, then corrected: its label, or where it is when the label repeats. */
  field: string | ((page: Page) => Locator);
  /** What is typed first; the field is left empty without it. */
  wrong?: string;
  /** The correction; unique values also mark the row the submission writes. */
  right: string;
  submit: string;
  /** Where the form is, when the page lists one per item (other tests' items may be there too). */
  within?: (page: Page, subject: string) => Locator;
  /** The submission's effect: a count of rows holding `right` ($1, with open's id as $2), or its toast. */
  sent: { rows: string } | { toast: string };
}

const stamp = () => `${Date.now()}`.slice(-7);
const one = async (sql: string, params: unknown[] = []) => (await query<{ id: string }>(sql, params))[0]!.id;

/** A copy of one row of `table` with `changes` (a need, an offer… to edit without touching the demo's own). */
async function copyOf(table: string, where: string, changes: Record<string, unknown>) {
  const id = `copy${stamp()}${Math.random().toString(36).slice(2, 8)}`;
  return one(
    `INSERT INTO "${table}" SELECT (jsonb_populate_record(NULL::"${table}", to_jsonb(t) || $1::jsonb)).*
     FROM "${table}" t WHERE ${where} LIMIT 1 RETURNING id`,
    [JSON.stringify({ id, ...changes })],
  );
}

/** A commissioner cohort of its own (a year no other row uses); its label in the cohort select. */
function dispatchForm(page: Page): Locator {
  return page.locator("form").filter({ has: page.getByRole("button", { name: "派驻特派员", exact: true }) });
}

async function cohort() {
  const year = 3000 + Math.floor(Math.random() * 5000);
  const bureau = await one(`SELECT id FROM "User" WHERE email = $1`, [login("BUREAU")]);
  await query(`INSERT INTO "CommissionerCohort" (id, year, name, "createdById") VALUES ($1, $2, $3, $4)`, [
    `cohort${year}`,
    year,
    `${year} 年度特派员`,
    bureau,
  ]);
  // Cohorts are listed with their kind (科技特派员 or 三区人才专项); the column's default is the former.
  return { id: `cohort${year}`, label: `${year} · 科技特派员 · ${year} 年度特派员`, bureau };
}

/** A commissioner assignment for the demo expert, running today. */
async function assignExpert() {
  const { id, bureau } = await cohort();
  await query(
    `INSERT INTO "CommissionerAssignment" (id, "cohortId", "userId", "countyCode", villages, "startDate", "endDate", "createdById")
     SELECT $1, $2, id, '410325', ARRAY['车村镇天桥沟村'], now() - interval '30 days', now() + interval '300 days', $3
     FROM "User" WHERE email = $4`,
    [`assign-${id}`, id, bureau, login("EXPERT")],
  );
}

/** An application from the demo cooperative to an open programme, in `status`, with `changes`. */
/** An application of the demo cooperative to an open call for organisations (not the commissioners' call). */
async function programmeApplication(status: string, changes = "", programme = "%") {
  const id = await one(
    `INSERT INTO "ProgrammeApplication" (id, "programmeId", "organisationId", "applicantId", title, summary,
       "countyCode", industry, "requestedFen", status, "updatedAt" ${changes ? `, ${changes.split("=")[0]}` : ""})
     SELECT $1, p.id, o.id, u.id, '协心村香菇菌棒标准化', '推广菌棒标准化流程，培训 40 户农户，降低污染率。',
       '410324', 'PLANTING', 6000000, $2::"ProgrammeApplicationStatus", now() ${changes ? `, ${changes.split("=")[1]}` : ""}
     FROM "Programme" p, "Organisation" o, "User" u
     WHERE p.status = 'OPEN' AND p.title LIKE $4 AND 'ORGANISATION' = ANY(p."applicantKinds")
       AND o.name = '栾川县协心香菇专业合作社' AND u.phone = $3
     ORDER BY p."createdAt" LIMIT 1 RETURNING id`,
    [`app${stamp()}${Math.random().toString(36).slice(2, 6)}`, status, `+86${login("VILLAGE")}`, programme],
  );
  // 栾川县 has a county officer in the demo: the city reviews and decides after its pre-screening.
  await query(
    `INSERT INTO "CountyOpinion" ("applicationId", "countyCode", "officerId", recommend, note)
     SELECT $1, '410324', id, true, '同意推荐' FROM "User" WHERE email = $2`,
    [id, login("COUNTY")],
  );
  return id;
}

/** The demo's agreements that rows copy: in force with a co-funded milestone, and completed with both reviews. */
const COFUNDED = "香菇大棚夏季出菇改造技术承包";
const REVIEWED = "核桃高接换优技术指导";
const suffix = () => `${stamp()}${Math.random().toString(36).slice(2, 6)}`;

/**
 * A copy of a demo agreement with `changes` (a contract number of its own, no application: both
 * are unique) and of its first version with `version`, without signatures, milestones or reviews.
 */
async function agreementCopy(
  title: string,
  changes: Record<string, unknown>,
  version: Record<string, unknown>,
) {
  const source = await one(`SELECT id FROM "Agreement" WHERE title = $1 AND number NOT LIKE 'XK-T-%'`, [
    title,
  ]);
  const id = await copyOf("Agreement", `id = '${source}'`, {
    number: `XK-T-${suffix()}`,
    applicationId: null,
    ...changes,
  });
  await copyOf("AgreementVersion", `"agreementId" = '${source}'`, { agreementId: id, ...version });
  return { id, source };
}

/** A copy of the co-funded agreement with a ¥10,000 milestone of its own (the demo's second) with `milestone`. */
async function cofundedCopy(status: string, milestone: Record<string, unknown>) {
  const { id, source } = await agreementCopy(COFUNDED, { status }, {});
  const milestoneId = await copyOf("Milestone", `"agreementId" = '${source}' AND position = 2`, {
    agreementId: id,
    ...milestone,
  });
  return { agreementId: id, milestoneId };
}

/** One ledger transfer and its two entries, in one statement (the ledger checks the pair at commit). */
async function transfer(from: string, to: string, amountFen: number, reason: string, refs: string[] = []) {
  await query(
    `WITH t AS (INSERT INTO "LedgerTransfer" (id, "fromAccountId", "toAccountId", "amountFen", reason, "agreementId", "milestoneId")
       VALUES ($1, $2, $3, $4, $5::"LedgerReason", $6, $7) RETURNING id)
     INSERT INTO "LedgerEntry" ("transferId", "accountId", "amountFen")
     SELECT id, $2, -$4::int FROM t UNION ALL SELECT id, $3, $4::int FROM t`,
    [`transfer${suffix()}`, from, to, amountFen, reason, refs[0] ?? null, refs[1] ?? null],
  );
}

/** A milestone of a copied agreement under dispute, its ¥10,000 paid into escrow by the cooperative. */
async function disputedMilestone() {
  const coop = await one(`SELECT id FROM "Organisation" WHERE name = '栾川县协心香菇专业合作社'`);
  const { agreementId, milestoneId } = await cofundedCopy("DISPUTED", {
    status: "DISPUTED",
    fundedAt: new Date().toISOString(),
    disputedAt: new Date().toISOString(),
    disputeReason: "遮阳网只装了一半，棚内午间仍超过 30℃。",
  });
  const escrow = `escrow:${milestoneId}`;
  await query(`INSERT INTO "LedgerAccount" (id, kind, "milestoneId") VALUES ($1, 'ESCROW', $2)`, [
    escrow,
    milestoneId,
  ]);
  await transfer("platform:clearing", `wallet:org:${coop}`, 1_000_000, "DEPOSIT");
  await transfer(`wallet:org:${coop}`, escrow, 1_000_000, "MILESTONE_FUND", [agreementId, milestoneId]);
  return milestoneId;
}

/** The form that holds the button named `submit`, for fields whose label repeats on the page. */
const inFormOf = (submit: string, label: string) => (page: Page) =>
  page
    .locator("form", { has: page.getByRole("button", { name: submit, exact: true }) })
    .getByLabel(label, { exact: true });

async function deposit(page: Page, wallet: string, yuan: string) {
  await page.getByLabel("收款钱包编号").fill(wallet);
  await page.getByLabel("到账金额（元）").fill(yuan);
  await page.getByLabel("付款户名").fill("王建国");
}

async function registerFarmer(page: Page) {
  await visit(page, "/register");
  await page.getByLabel("我是").selectOption({ label: "农民" });
  await page.getByLabel("手机号或邮箱").fill(uniqueMobile());
  await page.getByLabel("姓名或称呼").fill("赵大山");
  await page.getByLabel("密码", { exact: true }).fill("shiitake2026");
  await page.getByLabel("再次输入密码").fill("shiitake2026");
  await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByRole("status")).toHaveText("注册成功，欢迎使用乡科");
}

const cases: FormCase[] = [
  {
    form: "register",
    as: "visitor",
    async open(page) {
      await visit(page, "/register");
      await page.getByLabel("我是").selectOption({ label: "农民" });
      await page.getByLabel("手机号或邮箱").fill(uniqueMobile());
      await page.getByLabel("密码", { exact: true }).fill("shiitake2026");
      await page.getByLabel("再次输入密码").fill("shiitake2026");
      await page.getByLabel("我已阅读并同意《个人信息保护政策》").check();
    },
    field: "姓名或称呼",
    right: `赵大山${stamp()}`,
    submit: "注册",
    sent: { rows: `SELECT count(*) AS n FROM "User" WHERE "displayName" = $1` },
  },
  {
    form: "login",
    as: "visitor",
    async open(page) {
      await visit(page, "/login");
      await page.getByLabel("手机号或邮箱").fill(login("FARMER"));
    },
    field: "密码",
    right: DEMO_PASSWORD,
    submit: "登录",
    sent: { toast: "登录成功" },
  },
  {
    form: "change password",
    as: "visitor",
    async open(page) {
      await registerFarmer(page);
      await visit(page, "/account/password");
      await page.getByLabel("当前密码").fill("shiitake2026");
      await page.getByLabel("新密码", { exact: true }).fill("walnut-2027");
    },
    field: "再次输入新密码",
    wrong: "walnut-2028",
    right: "walnut-2027",
    submit: "保存新密码",
    sent: { toast: "密码已修改，其他设备上的登录已退出" },
  },
  {
    form: "API token",
    as: "INSTITUTION",
    async open(page) {
      await visit(page, "/account/tokens");
      await page.getByRole("group", { name: "权限范围" }).getByRole("checkbox").first().check();
    },
    field: "名称",
    right: `小程序${stamp()}`,
    submit: "创建令牌",
    sent: { rows: `SELECT count(*) AS n FROM "ApiToken" WHERE name = $1` },
  },
  {
    form: "expert profile",
    as: "EXPERT",
    async open(page) {
      await visit(page, "/account/profile");
    },
    field: "专长",
    right: `香菇、木耳栽培与菌种选育；菌棒污染防治 ${stamp()}`,
    submit: "保存",
    sent: { rows: `SELECT count(*) AS n FROM "ExpertProfile" WHERE specialties = $1` },
  },
  {
    form: "organisation profile",
    as: "VILLAGE",
    async open(page) {
      const id = await one(`SELECT id FROM "Organisation" WHERE name = '栾川县协心香菇专业合作社'`);
      await visit(page, `/account/organisations/${id}`);
    },
    field: "邮箱 (选填)",
    wrong: "xiexin-at-163",
    right: `xiexin${stamp()}@163.com`,
    submit: "保存",
    sent: { rows: `SELECT count(*) AS n FROM "Organisation" WHERE "contactEmail" = $1` },
  },
  {
    form: "need (new)",
    as: "VILLAGE",
    async open(page) {
      await visit(page, "/needs/new");
      await fillNeed(page, "");
    },
    field: "标题",
    right: `肉牛青贮饲料霉变 ${stamp()}`,
    submit: "发布",
    sent: { rows: `SELECT count(*) AS n FROM "Need" WHERE title = $1` },
  },
  {
    form: "programme application",
    as: "VILLAGE",
    async open(page) {
      const id = await one(`SELECT id FROM "Programme" WHERE title LIKE '%特色产业科技扶贫项目后补助'`);
      await visit(page, `/programmes/${id}/apply`);
      await page
        .getByLabel("项目简介")
        .fill("推广菌棒灭菌、接种和发菌标准化流程，培训 40 户农户，降低菌棒污染率。");
      await page.getByLabel("实施县区").selectOption({ label: "栾川县" });
      await page.getByLabel("产业").selectOption({ label: "种植" });
      await page.getByLabel("申请金额（元）").fill("60000");
      await page.getByLabel("设备费").fill("60000");
    },
    field: "项目名称",
    right: `菌棒标准化 ${stamp()}`,
    submit: "提交申报",
    sent: { rows: `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE title = $1` },
  },
  {
    form: "offer (new)",
    as: "EXPERT",
    async open(page) {
      await visit(page, "/offers/new");
      await page.getByLabel("供给类型").selectOption({ index: 1 });
      await page.getByLabel("详细说明").fill("香菇菌棒灭菌、接种和发菌全流程指导，已在栾川推广三年。");
      await page.getByLabel("产业").selectOption({ label: "种植" });
      await page.getByRole("group", { name: "服务县区" }).getByLabel("嵩县").check();
      await page.getByRole("group", { name: "可接受的合作方式" }).getByRole("checkbox").first().check();
    },
    field: "标题",
    right: `香菇菌棒污染防治技术 ${stamp()}`,
    submit: "发布",
    sent: { rows: `SELECT count(*) AS n FROM "Offer" WHERE title = $1` },
  },
  {
    form: "space service (new)",
    as: "SPACE",
    async open(page) {
      await visit(page, "/services/new");
      await page.getByLabel("服务类别").selectOption({ label: "质量检测" });
      await page.getByLabel("服务名称").fill("食用菌农残与重金属检测");
      await page.getByLabel("服务说明").fill("食用菌农残与重金属检测，三个工作日出具报告，可上门取样。");
      await page.getByRole("group", { name: "服务县区" }).getByLabel("嵩县").check();
    },
    field: "最低收费（元）",
    wrong: "二百",
    right: "200",
    submit: "发布",
    sent: { toast: "服务已发布" },
  },
  {
    form: "programme (new)",
    as: "BUREAU",
    async open(page) {
      await visit(page, "/bureau/programmes/new");
      await page.getByLabel("项目类型").selectOption({ label: "后补助" });
      await page.getByLabel("年度").fill("2026");
      await page.getByLabel("项目说明").fill("对已完成的香菇种植技术推广项目，经绩效考评合格后给予后补助。");
      await page.getByLabel("总预算（元）").fill("200000");
      await page.getByLabel("申报截止").fill("2099-12-31");
    },
    field: "项目名称",
    right: `香菇技术推广后补助 ${stamp()}`,
    submit: "保存草稿",
    sent: { rows: `SELECT count(*) AS n FROM "Programme" WHERE title = $1` },
  },
  {
    form: "commissioner cohort",
    as: "BUREAU",
    async open(page) {
      await visit(page, "/bureau/commissioners");
      await page.getByLabel("年度").fill("2031");
      await page.getByLabel("目标人数").fill("25");
    },
    field: "批次名称",
    right: `2031 年度洛阳市科技特派员 ${stamp()}`,
    submit: "新建批次",
    sent: { rows: `SELECT count(*) AS n FROM "CommissionerCohort" WHERE name = $1` },
  },
  {
    form: "training (new)",
    as: "EXPERT",
    async open(page) {
      await visit(page, "/trainings/new");
      await page.getByLabel("培训内容").fill("香菇越夏管理：遮阳、通风、补水和病虫害防治，现场演示。");
      await page.getByLabel("县区").selectOption({ label: "嵩县" });
      await page.getByLabel("地点").fill("车村镇天桥沟村委会");
      await page.getByLabel("开始时间").fill("2099-06-20T09:00");
      await page.getByLabel("名额").fill("30");
    },
    field: "培训主题",
    right: `香菇越夏管理 ${stamp()}`,
    submit: "发布培训",
    sent: { rows: `SELECT count(*) AS n FROM "Training" WHERE title = $1` },
  },
  {
    form: "webhook endpoint",
    as: "INSTITUTION",
    async open(page) {
      const id = await one(`SELECT id FROM "Organisation" WHERE name = '河南科技大学'`);
      await visit(page, `/orgs/${id}/webhooks`);
      await page.getByRole("group", { name: "订阅的事件" }).getByRole("checkbox").first().check();
    },
    field: "接收地址（https://）",
    right: `https://hooks.example.com/xk-${stamp()}`,
    submit: "登记",
    sent: { rows: `SELECT count(*) AS n FROM "WebhookEndpoint" WHERE url = $1` },
  },
  {
    form: "space KPIs",
    as: "SPACE",
    async open(page) {
      const id = await one(`SELECT id FROM "Organisation" WHERE name = '嵩县伊河星创天地'`);
      await visit(page, `/spaces/${id}/kpis`);
      for (const label of ["孵化企业和项目", "创业导师", "培训场次", "培训人数", "带动就业"])
        await page.getByLabel(label, { exact: true }).fill("3");
    },
    field: "年份",
    wrong: "1999",
    right: "2025",
    submit: "保存年度数据",
    sent: { toast: "年度数据已保存" },
  },
  {
    form: "space profile",
    as: "SPACE",
    async open(page) {
      const id = await one(`SELECT id FROM "Organisation" WHERE name = '嵩县伊河星创天地'`);
      await visit(page, `/spaces/${id}/profile`);
    },
    field: "纬度（北纬）",
    wrong: "40.1",
    right: "34.15",
    submit: "保存",
    sent: { toast: "简介已保存" },
  },
  {
    form: "withdrawal",
    as: "VILLAGE",
    async open(page) {
      const coop = await one(`SELECT id FROM "Organisation" WHERE name = '栾川县协心香菇专业合作社'`);
      await asAnother(page, "ADMIN", async (admin) => {
        await admin.goto("/admin/finance");
        await deposit(admin, `wallet:org:${coop}`, "100");
        await admin.getByLabel("银行流水号").fill(`ABC${stamp()}`);
        await admin.getByRole("button", { name: "登记入账" }).click();
        await expect(admin.getByRole("status")).toBeVisible();
      });
      await visit(page, "/wallet");
      await page.getByLabel("从哪个钱包提现").selectOption({ value: `wallet:org:${coop}` });
      await page.getByLabel("开户银行").fill("中国农业银行栾川支行");
      await page.getByLabel("户名").fill("栾川县协心香菇专业合作社");
      await page.getByLabel("银行卡号").fill("6228480402564890018");
    },
    field: "提现金额（元）",
    wrong: "一百",
    right: "1.5",
    submit: "提交提现申请",
    sent: { toast: "提现申请已提交，款项已冻结，等待平台付款" },
  },
  {
    form: "offline deposit",
    as: "ADMIN",
    async open(page) {
      await visit(page, "/admin/finance");
      await deposit(page, await one(`SELECT id FROM "LedgerAccount" WHERE kind = 'WALLET' LIMIT 1`), "500");
    },
    field: "银行流水号",
    right: `BOC${stamp()}`,
    submit: "登记入账",
    sent: { rows: `SELECT count(*) AS n FROM "OfflineDeposit" WHERE "bankReference" = $1` },
  },
  {
    form: "demonstration site (new)",
    as: "BUREAU",
    async open(page) {
      await visit(page, "/bureau/demos/new");
      await page.getByLabel("类型").selectOption({ index: 1 });
      await page.getByLabel("县区").selectOption({ label: "嵩县" });
      await page.getByLabel("村", { exact: true }).fill("车村镇天桥沟村");
      await page.getByLabel("介绍").fill("林下香菇与民宿结合的创意农业示范点，年接待游客两万人次。");
    },
    field: "示范点名称",
    right: `天桥沟林下香菇示范园 ${stamp()}`,
    submit: "保存",
    sent: { rows: `SELECT count(*) AS n FROM "DemoSite" WHERE name = $1` },
  },
  {
    form: "need (edit)",
    as: "VILLAGE",
    async open(page) {
      const id = await copyOf("Need", `status = 'OPEN' AND "organisationId" IS NOT NULL`, {});
      await visit(page, `/needs/${id}/edit`);
    },
    field: "详细说明",
    right: `合作社养殖肉牛 120 头，冬季青贮饲料霉变，需要专家指导青贮制作。${stamp()}`,
    submit: "保存修改",
    sent: { rows: `SELECT count(*) AS n FROM "Need" WHERE description = $1` },
  },
  {
    form: "need for a farmer (informant)",
    as: "INFORMANT",
    async open(page) {
      await visit(page, "/informant/new");
      await fillNeed(page, "");
      await page.getByLabel("农户姓名").fill("李老汉");
      await page.getByLabel("农户手机号").fill(uniqueMobile());
      await page.getByLabel("征得同意的方式").selectOption({ label: "当面同意（写明见证人）" });
      await page.getByLabel("同意说明 (选填)").fill("见证人 村会计 王某某");
      await page.getByLabel("我已征得农户同意").check();
    },
    field: "标题",
    right: `土鸡养殖鸡瘟预防 ${stamp()}`,
    submit: "代农户发布",
    sent: { rows: `SELECT count(*) AS n FROM "Need" WHERE title = $1` },
  },
  {
    form: "offer (edit)",
    as: "EXPERT",
    async open(page) {
      const expert = await one(`SELECT id FROM "User" WHERE email = $1`, [login("EXPERT")]);
      const id = await copyOf("Offer", `"expertId" = '${expert}'`, {});
      await visit(page, `/offers/${id}/edit`);
    },
    field: "标题",
    right: `香菇菌棒污染防治 ${stamp()}`,
    submit: "保存修改",
    sent: { rows: `SELECT count(*) AS n FROM "Offer" WHERE title = $1` },
  },
  {
    form: "space service (edit)",
    as: "SPACE",
    async open(page) {
      const id = await copyOf("SpaceService", "true", {});
      await visit(page, `/services/${id}/edit`);
    },
    field: "服务名称",
    right: `食用菌检测 ${stamp()}`,
    submit: "保存修改",
    sent: { rows: `SELECT count(*) AS n FROM "SpaceService" WHERE title = $1` },
  },
  {
    form: "programme (edit)",
    as: "BUREAU",
    async open(page) {
      const id = await copyOf("Programme", "true", { status: "DRAFT" });
      await visit(page, `/bureau/programmes/${id}/edit`);
    },
    field: "项目名称",
    right: `星创天地建设资助 ${stamp()}`,
    submit: "保存草稿",
    sent: { rows: `SELECT count(*) AS n FROM "Programme" WHERE title = $1` },
  },
  {
    form: "programme budget top-up",
    as: "BUREAU",
    async open(page) {
      const id = await one(`SELECT id FROM "Programme" WHERE status = 'OPEN' LIMIT 1`);
      await visit(page, `/bureau/programmes/${id}`);
    },
    field: "追加金额（元）",
    wrong: "一万",
    right: "10000",
    submit: "追加预算",
    sent: { toast: "预算已追加。" },
  },
  {
    form: "application to a need",
    as: "EXPERT",
    async open(page) {
      const id = await copyOf("Need", `status = 'OPEN' AND "organisationId" IS NOT NULL`, {});
      await visit(page, `/needs/${id}`);
      await page
        .getByLabel("技术方案")
        .fill("先到现场查看青贮窖，取样化验，再制定青贮制作规程并培训饲养员。");
      await page.getByLabel("合作方式").selectOption({ index: 1 });
      await page.getByLabel("报价（元）").fill("5000");
    },
    field: "时间安排",
    right: `一周内到场，一个月内完成 ${stamp()}`,
    submit: "提交申请",
    sent: { rows: `SELECT count(*) AS n FROM "Application" WHERE timeline = $1` },
  },
  {
    form: "counter-offer (revision thread)",
    as: "VILLAGE",
    async open(page) {
      const need = await one(
        `SELECT a."needId" AS id FROM "Application" a JOIN "ApplicationRevision" r ON r."applicationId" = a.id LIMIT 1`,
      );
      await visit(page, `/needs/${need}/applications`);
      await page.getByText("提出新条件").click();
      await page.getByLabel("时间安排").fill("下周二到合作社");
    },
    field: "报价（元）",
    wrong: "三千",
    right: "3000",
    submit: "发送还价",
    sent: { toast: "还价已发送" },
  },
  {
    form: "commissioner dispatch",
    as: "BUREAU",
    async open(page) {
      const { id, label } = await cohort();
      await visit(page, "/bureau/commissioners");
      // The page also records 停薪留职, with its own expert and dates: the dispatch form only.
      const form = dispatchForm(page);
      await form.getByLabel("批次", { exact: true }).selectOption({ label });
      await form.getByLabel("专家（已认证）").selectOption({ label: "张明 教授" });
      await form.getByLabel("县区").selectOption({ label: "嵩县" });
      await form.getByLabel("服务村").fill("德亭镇杨湾村");
      await form.getByLabel("结束日期").fill("2026-12-31");
      return id;
    },
    within: (page) => dispatchForm(page),
    field: "开始日期",
    right: "2026-03-01",
    submit: "派驻特派员",
    sent: { toast: "已派驻" },
  },
  {
    form: "commissioner service log",
    as: "EXPERT",
    async open(page) {
      await assignExpert();
      await visit(page, "/commissioners/logs/new");
      await page.getByLabel("派驻任务").selectOption({ index: 1 });
      await page.getByLabel("服务日期").fill(new Date().toISOString().slice(0, 10));
      await page.getByLabel("县区").selectOption({ label: "嵩县" });
      await page.getByLabel("服务类型").selectOption({ index: 1 });
      await page.getByLabel("服务农户数").fill("12");
    },
    field: "地点",
    right: `车村镇天桥沟村 ${stamp()}`,
    submit: "提交",
    sent: { rows: `SELECT count(*) AS n FROM "ServiceLog" WHERE place = $1` },
  },
  {
    form: "verification (person)",
    as: "visitor",
    async open(page) {
      await registerFarmer(page);
      await visit(page, "/account/verification?person=1");
      await agreeOnConsentPage(page, "身份证号（实名认证）");
      await page.getByLabel("真实姓名").fill("赵大山");
      await page.getByLabel("情况说明").fill("在栾川县陶湾镇种植香菇十年，希望对接菌棒技术。");
    },
    field: "居民身份证号",
    wrong: "41032419800101",
    right: "11010519491231002X",
    submit: "提交认证申请",
    sent: { toast: "认证申请已提交，请等待市科技局审核" },
  },
  {
    form: "programme review (score)",
    as: "BUREAU",
    async open(page) {
      const id = await programmeApplication("SUBMITTED");
      await visit(page, `/bureau/programmes/applications/${id}`);
      await page.getByLabel("评审意见").fill("技术路线清楚，带动农户明确。");
      await page.getByLabel("本人与申报单位、申报人及关联合同各方无利益冲突").check();
      return id;
    },
    field: "评分（0–100）",
    wrong: "120",
    right: "85",
    submit: "提交评分",
    sent: {
      rows: `SELECT count(*) AS n FROM "ProgrammeReview" WHERE score = $1::int AND "applicationId" = $2`,
    },
  },
  {
    form: "programme decision (approve)",
    as: "BUREAU",
    async open(page) {
      const id = await programmeApplication("SUBMITTED");
      await query(
        `INSERT INTO "ProgrammeReview" ("applicationId", "reviewerId", score, comment)
         SELECT $1, id, 85, '同意' FROM "User" WHERE email = ANY($2)`,
        [id, [login("BUREAU"), "reviewer@demo.xiangke.cn"]],
      );
      await visit(page, `/bureau/programmes/applications/${id}`);
      return id;
    },
    field: "批准金额（元）",
    wrong: "五万",
    right: "50000",
    submit: "批准",
    sent: {
      rows: `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE "approvedFen" = $1::int * 100 AND id = $2`,
    },
  },
  {
    form: "programme decision (reject)",
    as: "BUREAU",
    async open(page) {
      const id = await programmeApplication("SUBMITTED");
      await visit(page, `/bureau/programmes/applications/${id}`);
      return id;
    },
    field: inFormOf("不予批准", "说明"),
    right: `带动农户不明确 ${stamp()}`,
    submit: "不予批准",
    sent: { rows: `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE "decisionNote" = $1 AND id = $2` },
  },
  {
    // 拨付 is proposed by the science bureau and paid when finance signs (decision 037).
    form: "programme disbursement proposal",
    as: "BUREAU",
    async open(page) {
      // A post-subsidy pays only after evaluation: this one is the space-building grant.
      const id = await programmeApplication("APPROVED", `"approvedFen"=100000`, "%星创天地%");
      await visit(page, `/bureau/programmes/applications/${id}`);
      return id;
    },
    field: "拨付金额（元，留空则为可申请的全部余额）",
    wrong: "三百",
    right: "300",
    submit: "提交拨付申请",
    sent: {
      rows: `SELECT count(*) AS n FROM "DisbursementProposal" WHERE "amountFen" = $1::int * 100 AND "applicationId" = $2`,
    },
  },
  {
    form: "finance co-sign (refuse a payment)",
    as: "FINANCE",
    async open(page) {
      const id = await programmeApplication("APPROVED", `"approvedFen"=100000`, "%星创天地%");
      await query(
        `INSERT INTO "DisbursementProposal" (id, "applicationId", "amountFen", "proposedById")
         SELECT $1, $2, 30000, id FROM "User" WHERE email = $3`,
        [`proposal${stamp()}`, id, login("BUREAU")],
      );
      await visit(page, `/bureau/finance/applications/${id}`);
      return id;
    },
    field: "不同意的理由",
    right: `缺少资金使用计划 ${stamp()}`,
    submit: "不同意",
    sent: {
      rows: `SELECT count(*) AS n FROM "DisbursementProposal" WHERE "refusalReason" = $1 AND "applicationId" = $2`,
    },
  },
  {
    form: "completion report",
    as: "VILLAGE",
    async open(page) {
      const id = await programmeApplication("APPROVED", `"approvedFen"=100000`);
      await visit(page, `/programmes/applications/${id}`);
      await page.getByLabel("户均年收入变化（元，可为负）").fill("3800");
      await page.getByLabel("带动就业（人）").fill("6");
      await page.getByLabel("销售额（元）").fill("860000");
      await page.getByLabel("项目简介").fill("菌棒污染率由 32% 降到 6%，42 户农户掌握标准化流程。");
      return id;
    },
    field: "培训农民（人）",
    wrong: "四十二",
    right: "42",
    submit: "提交结题报告",
    sent: {
      rows: `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE "completedAt" IS NOT NULL AND id = $2 AND $1 <> ''`,
    },
  },
  {
    form: "performance evaluation",
    as: "BUREAU",
    async open(page) {
      const id = await programmeApplication("APPROVED", `"completedAt"=now()`);
      await query(
        `INSERT INTO "ProgrammeOutcome" ("applicationId", summary, "farmersTrained", "incomeChangeFen",
           "jobsCreated", "salesFen", "reportedById")
         SELECT $1, '菌棒污染率由 32% 降到 6%。', 42, 380000, 6, 86000000, id FROM "User" WHERE phone = $2`,
        [id, `+86${login("VILLAGE")}`],
      );
      await visit(page, `/bureau/programmes/applications/${id}`);
      await page.getByLabel("考评意见").fill("目标全部完成，推广价值高。");
      return id;
    },
    field: "评分（0–100）",
    wrong: "120",
    right: "88",
    submit: "提交考评",
    // The science bureau's evaluation waits for finance's opinion (decision 037).
    sent: {
      rows: `SELECT count(*) AS n FROM "EvaluationSignOff" WHERE score = $1::int AND "applicationId" = $2`,
    },
  },
  ...(["暂停拨款", "追缴资金"] as const).map((action): FormCase => ({
    form: `sanction (${action})`,
    as: "BUREAU",
    async open(page) {
      const id = await programmeApplication("DISBURSED", `"approvedFen"=100000`);
      await query(`UPDATE "ProgrammeApplication" SET "disbursedFen" = 100000 WHERE id = $1`, [id]);
      await visit(page, `/bureau/sanctions/new?application=${id}`);
      const form = page.locator("form", { has: page.getByRole("button", { name: action }) });
      if (action === "追缴资金") await form.getByLabel("追缴金额（元）").fill("200");
      return id;
    },
    field: inFormOf(action, "原因"),
    right: `挪用专项资金 ${stamp()}`,
    submit: action,
    sent: {
      rows: `SELECT count(*) AS n FROM "Sanction" WHERE reason = $1 AND "programmeApplicationId" = $2`,
    },
  })),
  {
    form: "sanction lifted",
    as: "BUREAU",
    async open(page) {
      const id = await one(
        `INSERT INTO "Sanction" (id, kind, "userId", reason, "createdById", "endsAt")
         SELECT $1, 'BAN', u.id, '虚报材料', b.id, now() + interval '3 years' FROM "User" u, "User" b WHERE u.phone = $2 AND b.email = $3
         RETURNING id`,
        [`sanction${stamp()}`, `+86${login("FARMER")}`, login("BUREAU")],
      );
      await visit(page, `/bureau/sanctions/${id}`);
      return id;
    },
    field: "解除原因",
    right: `材料已补正 ${stamp()}`,
    submit: "解除",
    sent: { rows: `SELECT count(*) AS n FROM "Sanction" WHERE "liftReason" = $1 AND id = $2` },
  },
  {
    form: "reply to a review",
    as: "EXPERT",
    async open(page) {
      const expert = await one(`SELECT id FROM "User" WHERE email = $1`, [login("EXPERT")]);
      const id = await one(
        `UPDATE "Review" SET reply = NULL, "repliedAt" = NULL WHERE "subjectUserId" = $1 RETURNING id`,
        [expert],
      );
      await visit(page, `/reviews/${id}`);
      return id;
    },
    field: "回复内容",
    right: `感谢合作社的认可，明年继续跟进。${stamp()}`,
    submit: "发表回复",
    sent: { rows: `SELECT count(*) AS n FROM "Review" WHERE reply = $1 AND id = $2` },
  },
  {
    form: "profile moderation (hide)",
    as: "BUREAU",
    async open(page) {
      const id = await copyOf("Organisation", `name = '河南科技大学'`, {
        name: `河南科技大学（副本 ${stamp()}）`,
      });
      await visit(page, `/orgs/${id}`);
      return id;
    },
    field: "隐藏原因",
    right: `冒用他人名义 ${stamp()}`,
    submit: "隐藏此页面",
    sent: { rows: `SELECT count(*) AS n FROM "Organisation" WHERE "hiddenReason" = $1 AND id = $2` },
  },
  {
    form: "space service request",
    as: "VILLAGE",
    async open(page) {
      const id = await one(`SELECT id FROM "SpaceService" WHERE status = 'PUBLISHED' LIMIT 1`);
      await visit(page, `/services/${id}/request`);
      await page.getByLabel("所在县区").selectOption({ label: "栾川县" });
      await page.getByLabel("您是").selectOption({ label: "职业农民" });
    },
    field: "需求说明",
    right: `香菇菌棒需要农残检测，合作社 40 户。${stamp()}`,
    submit: "提交申请",
    sent: { rows: `SELECT count(*) AS n FROM "ServiceRequest" WHERE description = $1` },
  },
  {
    form: "signing an agreement",
    as: "VILLAGE",
    async open(page) {
      const { id } = await agreementCopy(
        COFUNDED,
        { status: "PROPOSED", activatedAt: null },
        { status: "PROPOSED", signedAt: null },
      );
      await visit(page, `/agreements/${id}/sign`);
      return id;
    },
    field: "登录密码",
    right: DEMO_PASSWORD,
    submit: "确认签署",
    sent: {
      rows: `SELECT count(*) AS n FROM "AgreementSignature" s JOIN "AgreementVersion" v ON v.id = s."versionId"
             WHERE v."agreementId" = $2 AND $1 <> ''`,
    },
  },
  {
    form: "agreement terms (draft)",
    as: "VILLAGE",
    async open(page) {
      const { id } = await agreementCopy(
        COFUNDED,
        { status: "DRAFT", activatedAt: null },
        { status: "DRAFT", proposedAt: null, signedAt: null },
      );
      await visit(page, `/agreements/${id}/edit`);
      return id;
    },
    field: "协议名称",
    right: `香菇大棚出菇改造 ${stamp()}`,
    submit: "保存条款",
    sent: {
      rows: `SELECT count(*) AS n FROM "AgreementVersion" WHERE terms->>'title' = $1 AND "agreementId" = $2`,
    },
  },
  {
    form: "review of a completed agreement",
    as: "EXPERT",
    async open(page) {
      // Completed just now: the demo's own completion may be older than the review window.
      const { id } = await agreementCopy(REVIEWED, { completedAt: new Date().toISOString() }, {});
      await visit(page, `/agreements/${id}/review`);
      const form = page.locator("form#review");
      for (const group of await form.getByRole("group").all())
        await group.getByLabel("5 分", { exact: true }).check();
      return id;
    },
    field: "评价内容",
    wrong: "很好",
    right: `合作社组织得好，社员学习积极，砧木和接穗都提前备好。${stamp()}`,
    submit: "提交评价",
    sent: { rows: `SELECT count(*) AS n FROM "Review" WHERE text = $1 AND "agreementId" = $2` },
  },
  {
    form: "dispute ruling",
    as: "BUREAU",
    async open(page) {
      const id = await disputedMilestone();
      await visit(page, "/bureau/disputes");
      await page
        .locator(`form[id="resolve-${id}"]`)
        .getByLabel("裁决说明")
        .fill("遮阳设备已装齐，超温因当日极端高温，成果达到验收标准。");
      return id;
    },
    within: (page, id) => page.locator(`form[id="resolve-${id}"]`),
    field: "付给技术方的金额（元）",
    wrong: "一万",
    right: "10000",
    submit: "提交裁决",
    sent: {
      rows: `SELECT count(*) AS n FROM "Milestone" WHERE "resolutionPayeeFen" = $1::int * 100 AND id = $2`,
    },
  },
  {
    form: "milestone payers (co-funding)",
    as: "VILLAGE",
    async open(page) {
      const { agreementId, milestoneId } = await cofundedCopy("ACTIVE", {});
      await visit(page, `/agreements/${agreementId}/milestones/${milestoneId}/funders`);
      await page.getByLabel("出资方 1", { exact: true }).selectOption({ index: 1 });
      return milestoneId;
    },
    field: "出资方 1 的份额",
    wrong: "一万",
    right: "10000",
    submit: "保存出资方",
    sent: {
      rows: `SELECT count(*) AS n FROM "MilestoneFunder" WHERE "shareFen" = $1::int * 100 AND "milestoneId" = $2`,
    },
  },
  {
    form: "brand project (start)",
    as: "VILLAGE",
    async open(page) {
      const id = await copyOf("Need", `kind = 'BRANDING' AND "organisationId" IS NOT NULL`, {
        status: "OPEN",
      });
      await visit(page, `/brands/new?need=${id}`);
      await page.getByLabel("孵化机构").selectOption({ index: 1 });
    },
    field: "品牌名称",
    right: `伏牛山花菇 ${stamp()}`,
    submit: "启动项目",
    sent: { rows: `SELECT count(*) AS n FROM "BrandProject" WHERE name = $1` },
  },
  {
    form: "verification (reject)",
    as: "BUREAU",
    async open(page) {
      const details = {
        realName: "李秀英",
        idLast4: "002X",
        idSha256: createHash("sha256").update("11010519491231002X").digest("hex"),
        statement: "在栾川县陶湾镇种植香菇十年，希望对接菌棒技术。",
      };
      const id = await one(
        `INSERT INTO "VerificationRequest" (id, subject, "personId", "submittedById", details)
         SELECT $1, 'PERSON', id, id, $2::jsonb FROM "User" WHERE phone = $3 RETURNING id`,
        [`verify${suffix()}`, JSON.stringify(details), `+86${login("FARMER")}`],
      );
      await visit(page, `/bureau/verifications/${id}`);
      return id;
    },
    field: "驳回原因",
    right: `身份证照片不清晰，请重新上传 ${stamp()}`,
    submit: "驳回",
    sent: { rows: `SELECT count(*) AS n FROM "VerificationRequest" WHERE reason = $1 AND id = $2` },
  },
  {
    form: "review report (moderation)",
    as: "BUREAU",
    async open(page) {
      const { id: agreementId, source } = await agreementCopy(REVIEWED, {}, {});
      const review = await copyOf("Review", `"agreementId" = '${source}' AND "authorSide" = 'PAYEE'`, {
        agreementId,
      });
      const id = await one(
        `INSERT INTO "ReviewReport" (id, "reviewId", "reporterId", reason)
         SELECT $1, $2, id, '评价与事实不符，砧木是专家要求临时更换的。' FROM "User" WHERE phone = $3 RETURNING id`,
        [`report${suffix()}`, review, `+86${login("VILLAGE")}`],
      );
      await visit(page, "/bureau/reviews");
      return id;
    },
    within: (page, id) => page.locator(`form[id="decide-${id}"]`),
    field: "处理理由",
    right: `评价属实，予以保留 ${stamp()}`,
    submit: "保留评价",
    sent: { rows: `SELECT count(*) AS n FROM "ReviewReport" WHERE "decisionNote" = $1 AND id = $2` },
  },
];

/** A session per demo role, logged in once: later rows reuse its cookies. */
const sessions = new Map<Who, Cookie[]>();
async function enter(page: Page, who: Who) {
  if (who === "visitor") return;
  const saved = sessions.get(who);
  if (saved) return page.context().addCookies(saved);
  await logInAs(page, who === "INFORMANT" ? INFORMANT_LOGIN : login(who), DEMO_PASSWORD);
  sessions.set(who, await page.context().cookies());
}

/** Sets something up as another person, in a browser context of their own. */
async function asAnother(page: Page, who: Role, act: (other: Page) => Promise<void>) {
  const context = await page.context().browser()!.newContext({ locale: "zh-CN" });
  const other = await context.newPage();
  await enter(other, who);
  await act(other);
  await context.close();
}

/** Form submissions this page sends (socket.io's long polling is not one). */
function countPosts(page: Page) {
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && !request.url().includes("/socket.io")) posts += 1;
  });
  return () => posts;
}

async function expectRefused(field: Locator) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const id = await field.getAttribute("id");
  await expect(field.page().locator(`[id="${id}-error"]`)).toBeVisible();
}

const LINK = { latencyMs: 300, downBytesPerSecond: -1, upBytesPerSecond: -1 };

for (const row of cases) {
  test(`${row.form}: refused, corrected, the first tap on ${row.submit} sends it`, async ({ page }) => {
    test.setTimeout(45_000);
    await watchCommits(page);
    await enter(page, row.as);
    const subject = await row.open(page);
    const within = row.within && subject ? row.within(page, subject) : null;
    const scope = within ?? page;
    const field =
      typeof row.field === "string" ? scope.getByLabel(row.field, { exact: true }) : row.field(page);
    const button = scope.getByRole("button", { name: row.submit, exact: true });
    // Conform turns the browser's own check off (novalidate) in the commit after hydration; a tap
    // before that gets the browser's bubble on the empty field instead of the form's message.
    await expect(within ?? page.locator("form").filter({ has: button })).toHaveAttribute("novalidate", "");
    await field.fill(row.wrong ?? "");
    const posts = countPosts(page);
    await button.click();
    await expectRefused(field);
    expect(posts()).toBe(0);

    await field.fill(row.right);
    const link = await network(page, page.context());
    await link.shape(LINK);
    await button.click();
    if ("toast" in row.sent) await expect(page.getByRole("status")).toHaveText(row.sent.toast);
    else {
      const sql = row.sent.rows;
      await expect
        .poll(async () =>
          Number((await query<{ n: string }>(sql, subject ? [row.right, subject] : [row.right]))[0]!.n),
        )
        .toBe(1);
    }
    expect(posts()).toBe(1);
  });
}
