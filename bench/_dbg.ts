import { startAppProcess } from "../tests/support/app-process";
const app = await startAppProcess({ LOG_LEVEL: "error" });
try {
  const login = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ identifier: "13800000001", password: "xiangke2026" }), redirect: "manual", headers: { origin: app.url } });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const html = await (await fetch(`${app.url}/needs/new`, { headers: { cookie } })).text();
  const key = html.match(/name="_submission" value="([^"]+)"/)?.[1];
  const org = html.match(/name="organisationId"[^>]*value="([^"]+)"/)?.[1] ?? html.match(/<option value="(c[a-z0-9]{20,})"/)?.[1];
  console.log("key", key, "org", org);
  const form = () => { const f = new FormData(); f.append("_submission", key!); for (const [k, v] of Object.entries({ title: "调试双击需求标题" + Date.now(), description: "合作社养殖肉牛 120 头，冬季青贮饲料霉变，需要专家指导青贮制作和饲料配方调整。", industry: "BREEDING", countyCode: "410325", budgetMax: "12000", arrangements: "PAID_SERVICE", urgency: "NORMAL", kind: "TECHNICAL", intent: "publish" })) f.append(k, v); if (org) f.append("organisationId", org); return f; };
  const f1 = form(); const title = f1.get("title");
  const f2 = new FormData(); for (const [k, v] of f1.entries()) f2.append(k, v);
  const ac = new AbortController();
  const a = fetch(`${app.url}/needs/new`, { method: "POST", body: f1, headers: { cookie, origin: app.url }, redirect: "manual", signal: ac.signal }).catch((e) => "aborted");
  await new Promise((r) => setTimeout(r, Number(process.env.ABORT_MS ?? 5)));
  ac.abort();
  await new Promise((r) => setTimeout(r, 60));
  const b = await fetch(`${app.url}/needs/new`, { method: "POST", body: f2, headers: { cookie, origin: app.url }, redirect: "manual" });
  console.log(await a, b.status, b.headers.get("location"), b.headers.get("x-submission-replayed"));
  await new Promise((r) => setTimeout(r, 1500));
  const list = await (await fetch(`${app.url}/needs?q=${encodeURIComponent(String(title))}`)).text();
  console.log("needs with title in list:", (list.match(new RegExp(String(title), "g")) ?? []).length);
} finally { await app.stop(); }
