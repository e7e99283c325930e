import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { AgreementTerms, ComponentTerms } from "~/modules/agreements/terms";
import type { ContractView } from "./contract-document";

vi.mock("@remix-run/react", () => ({
  Link: ({ children, to }: { children: ReactNode; to: string }) => createElement("a", { href: to }, children),
  useRouteLoaderData: () => ({ locale: "zh" }),
}));

const { ContractDocument } = await import("./contract-document");

const milestones = [
  {
    title: "现场诊断",
    deliverables: "诊断报告",
    acceptanceCriteria: "污染率降到 5% 以下",
    amountFen: 3_000_000,
  },
  {
    title: "技术培训",
    deliverables: "培训社员 12 人",
    acceptanceCriteria: "合作社签收培训记录",
    amountFen: 2_000_000,
  },
];

const COMPONENTS: Record<ComponentTerms["type"], ComponentTerms> = {
  TECH_CONTRACT: { type: "TECH_CONTRACT", feeFen: 5_000_000, milestones },
  PAID_SERVICE: { type: "PAID_SERVICE", description: "菌种检测与配方咨询", feeFen: 5_000_000, milestones },
  TECH_EQUITY: {
    type: "TECH_EQUITY",
    enterpriseName: "栾川协心菌业有限公司",
    valuationFen: 50_000_000,
    equityBp: 500,
    vestingStart: "2026-05-01",
    vestingMonths: 36,
    cliffMonths: 12,
  },
  REVENUE_SHARE: {
    type: "REVENUE_SHARE",
    shareBp: 1000,
    base: "REVENUE",
    period: "QUARTER",
    startDate: "2026-07-01",
    termMonths: 24,
    floorFen: 100_000,
    capFen: 2_000_000,
  },
  GRANT_FUNDED: { type: "GRANT_FUNDED", programmeName: "洛阳市科技扶贫专项", amountFen: 10_000_000 },
};

function terms(components: ComponentTerms[], legal: Partial<AgreementTerms> = {}): AgreementTerms {
  return {
    title: "香菇菌棒污染防治",
    startDate: "2026-05-01",
    endDate: "2027-04-30",
    reviewWindowDays: 14,
    components,
    ...legal,
  };
}

const coop = {
  organisation: {
    name: "栾川县协心香菇专业合作社",
    creditCode: "93410324MA0XK0001Q",
    address: "河南省洛阳市栾川县陶湾镇协心村",
    legalRepresentative: "王建国",
    verified: true,
  },
  person: { name: "王建国", verified: false, idLast4: null },
};
const university = {
  organisation: {
    name: "河南科技大学",
    creditCode: null,
    address: null,
    legalRepresentative: null,
    verified: true,
  },
  person: { name: "张明 教授", verified: true, idLast4: "0025" },
};
const person = { organisation: null, person: { name: "张明 教授", verified: true, idLast4: "0025" } };

function render(agreementTerms: AgreementTerms, payee: ContractView["payee"] = university) {
  const view: ContractView = {
    number: "XK-2026-000123",
    version: {
      version: 1,
      status: "SIGNED",
      termsHash: "a".repeat(64),
      terms: agreementTerms,
      signatures: [
        { party: "PAYER", name: "王建国", verified: false, signedAt: "2026-05-01T02:00:00Z" },
        { party: "PAYEE", name: "张明 教授", verified: true, signedAt: "2026-05-01T03:00:00Z" },
      ],
    },
    payer: coop,
    payee,
  };
  // React escapes text; the assertions read it as people do.
  return renderToString(createElement(ContractDocument, { view }))
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "\n");
}

/** What every contract states, whatever its components. */
function expectStandingClauses(text: string) {
  for (const clause of ["合同标的", "合同期限", "保密", "知识产权归属", "违约责任", "争议解决", "签署与生效"])
    expect(text).toMatch(new RegExp(`第[一二三四五六七八九十]+条 ${clause}`));
  expect(text).toContain("统一社会信用代码：93410324MA0XK0001Q");
  expect(text).toContain("住所（通讯地址）：河南省洛阳市栾川县陶湾镇协心村");
  expect(text).toContain("法定代表人（负责人）：王建国");
  expect(text).toContain("委托代理人（项目负责人）：王建国（未通过平台认证）");
  expect(text).toContain("保密期限为 3 年");
  expect(text).toContain("背景知识产权");
  expect(text).toContain("后续改进");
  expect(text).toContain("每逾期一日，应按逾期部分金额的 0.05% 向对方支付违约金");
  expect(text).toContain("违约金总额以本合同价款（或当期应付金额）的 20% 为限");
  expect(text).toContain("洛阳市科学技术局调解");
  expect(text).toContain("提交洛阳仲裁委员会");
  expect(text).toContain("甲方（盖章）：栾川县协心香菇专业合作社");
  expect(text).toContain("法定代表人或委托代理人（签字）");
  expect(text).toContain("电子签署人：王建国（未通过平台认证）");
  expect(text).toContain("电子签署人：张明 教授（已通过平台认证）");
  expect(text).toContain("日期：");
  expect(text).not.toContain("双方经平台验证身份");
}

describe("the printed contract", () => {
  it("is a 技术服务合同 for a technology contract: deliverables, acceptance and escrow payment", () => {
    const text = render(terms([COMPONENTS.TECH_CONTRACT]));
    expect(text).toContain("技术服务合同");
    expectStandingClauses(text);
    expect(text).toContain("交付成果：诊断报告；验收标准：污染率降到 5% 以下");
    expect(text).toContain("托管至乡科平台");
    expect(text).toContain("本合同价款合计人民币 50,000.00 元（大写：伍万元整）");
    expect(text).toContain("在 14 日内按约定的验收标准验收");
  });

  it("is a 技术服务合同 for a paid service, with the service described", () => {
    const text = render(terms([COMPONENTS.PAID_SERVICE]));
    expect(text).toContain("技术服务合同");
    expectStandingClauses(text);
    expect(text).toContain("乙方向甲方提供以下服务：菌种检测与配方咨询");
  });

  it("is a 技术入股协议 that contributes technology as capital, never a commission for support", () => {
    const text = render(terms([COMPONENTS.TECH_EQUITY]));
    expect(text).toContain("技术入股协议");
    expectStandingClauses(text);
    expect(text).toContain("作价出资（技术入股），投入「栾川协心菌业有限公司」");
    expect(text).toContain(
      "乙方以技术作价人民币 500,000.00 元（大写：伍拾万元整），向「栾川协心菌业有限公司」出资，占该企业注册资本（股权）的 5%",
    );
    expect(text).toContain("在 36 个月内按月归属，其中前 12 个月为锁定期");
    expect(text).toContain("股东名册");
    expect(text).toContain("作价出资的技术不适用前款");
    expect(text).not.toContain("提供技术支持");
    expect(text).not.toContain("委托乙方");
  });

  it("is a 收益分成协议 with base, rate, floor, cap, settlement period, term, reporting and audit", () => {
    const text = render(terms([COMPONENTS.REVENUE_SHARE]));
    expect(text).toContain("收益分成协议");
    expectStandingClauses(text);
    expect(text).toContain("分成基数为甲方实施本合同技术所取得的营业收入，分成比例为 10%");
    expect(text).toContain("结算周期：按季度");
    expect(text).not.toContain("合作期限");
    expect(text).toContain("分成期限：自 2026年7月1日 起共 24 个月");
    expect(text).toContain("不低于人民币 1,000.00 元");
    expect(text).toContain("不高于人民币 20,000.00 元");
    expect(text).toContain("报告义务：甲方应建立真实、完整的账簿");
    expect(text).toContain("审计权：乙方有权在提前 15 日书面通知甲方后");
    expect(text).toContain("少报、漏报");
  });

  it("names a grant-funded project's programme and amount", () => {
    const text = render(terms([COMPONENTS.GRANT_FUNDED]));
    expect(text).toContain("财政资助项目实施协议");
    expectStandingClauses(text);
    expect(text).toContain("本项目由「洛阳市科技扶贫专项」资助，资助金额为人民币 100,000.00 元");
  });

  it("titles a composite agreement by all its components", () => {
    const text = render(terms([COMPONENTS.TECH_CONTRACT, COMPONENTS.TECH_EQUITY, COMPONENTS.REVENUE_SHARE]));
    expect(text).toContain("技术服务、技术入股及收益分成协议");
  });

  it("names the organisation as 乙方 and the person acting for it on a separate line", () => {
    const text = render(terms([COMPONENTS.TECH_CONTRACT]));
    expect(text).toContain("乙方（受托方、技术方）：河南科技大学（已通过平台认证）");
    expect(text).toContain("委托代理人（项目负责人）：张明 教授（已通过平台认证）");
    expect(text).not.toContain("张明 教授（河南科技大学）");
    expect(text).toContain("统一社会信用代码：未提供");
    expect(text).toContain("乙方（盖章）：河南科技大学");
  });

  it("shows a person's ID number masked, and signs them by hand rather than seal", () => {
    const text = render(terms([COMPONENTS.TECH_CONTRACT]), person);
    expect(text).toContain("身份证号码：**************0025");
    expect(text).toContain("乙方（签字）：张明 教授");
  });

  it("states the agreed clauses, and the defaults as defaults when old terms leave them open", () => {
    const agreed = render(
      terms([COMPONENTS.TECH_CONTRACT], {
        confidentialityYears: 5,
        resultsIp: "JOINT",
        penaltyPerDayBp: 10,
        penaltyCapBp: 1000,
        disputeForum: "COURT",
        courtPlace: "栾川县",
      }),
    );
    expect(agreed).toContain("保密期限为 5 年");
    expect(agreed).toContain("归双方共有");
    expect(agreed).toContain("逾期部分金额的 0.1%");
    expect(agreed).toContain("的 10% 为限");
    expect(agreed).toContain("向栾川县有管辖权的人民法院提起诉讼");
    expect(agreed).not.toContain("仲裁");
    expect(agreed).not.toContain("平台默认条款");
    const old = render(terms([COMPONENTS.TECH_CONTRACT]));
    expect(old.match(/按平台默认条款执行/g)).toHaveLength(4);
    expect(old).toContain("归乙方所有；甲方有权在本项目范围内免费实施");
  });
});
