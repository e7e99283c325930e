/**
 * The app modules the HTTP/socket server (server/*.ts) uses, by the specifier it imports them with.
 *
 * The built server (`npm run build` → build/server-node/index.js, scripts/build-server.ts) does not
 * carry its own copy of these: every `~/…` import of server/ is resolved to the module of the same
 * name inside the Remix server build, through this table (exported by app/entry.server.tsx). One
 * copy of each module in the process: one Prisma client, one search engine and indexer, one set
 * of message catalogues (docs/decisions/043). The build fails when server/ imports an app module
 * that is not listed here.
 */
import * as db from "~/db.server";
import * as env from "~/env.server";
import * as i18n from "~/i18n/i18n";
import * as i18nServer from "~/i18n/i18n.server";
import * as chatSocket from "~/modules/chat/chat.socket.server";
import * as chat from "~/modules/chat/chat.server";
import * as chatReceipts from "~/modules/chat/receipts.server";
import * as demoCounts from "~/modules/demo/demo-counts.server";
import * as demoSeed from "~/modules/demo/seed.server";
import * as escrow from "~/modules/escrow/escrow.server";
import * as indexingEngine from "~/modules/indexing/engine.server";
import * as tokenizer from "~/modules/indexing/tokenizer.server";
import * as needs from "~/modules/needs/needs.server";
import * as notificationDelivery from "~/modules/notifications/delivery.server";
import * as notifications from "~/modules/notifications/notifications.server";
import * as privacyJobs from "~/modules/privacy/retention.jobs.server";
import * as realtimeBus from "~/modules/realtime/bus.server";
import * as realtimeEvents from "~/modules/realtime/events";
import * as reference from "~/modules/reference/reference.server";
import * as reportJobs from "~/modules/reports/reports.jobs.server";
import * as revenue from "~/modules/revenue/revenue.server";
import * as reviews from "~/modules/reviews/reviews.server";
import * as indexer from "~/modules/search/indexer.server";
import * as savedSearches from "~/modules/search/saved-searches.server";
import * as submissionGuard from "~/modules/submissions/submission-guard.server";
import * as submissions from "~/modules/submissions/submissions.server";
import * as session from "~/modules/users/session.server";
import * as webhookDelivery from "~/modules/webhooks/delivery.server";
import * as requestScope from "~/utils/request-scope.server";

export const serverModules: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "~/db.server": db,
  "~/env.server": env,
  "~/i18n/i18n": i18n,
  "~/i18n/i18n.server": i18nServer,
  "~/modules/chat/chat.socket.server": chatSocket,
  "~/modules/chat/chat.server": chat,
  "~/modules/chat/receipts.server": chatReceipts,
  "~/modules/demo/demo-counts.server": demoCounts,
  "~/modules/demo/seed.server": demoSeed,
  "~/modules/escrow/escrow.server": escrow,
  "~/modules/indexing/engine.server": indexingEngine,
  "~/modules/indexing/tokenizer.server": tokenizer,
  "~/modules/needs/needs.server": needs,
  "~/modules/notifications/delivery.server": notificationDelivery,
  "~/modules/notifications/notifications.server": notifications,
  "~/modules/privacy/retention.jobs.server": privacyJobs,
  "~/modules/realtime/bus.server": realtimeBus,
  "~/modules/realtime/events": realtimeEvents,
  "~/modules/reference/reference.server": reference,
  "~/modules/reports/reports.jobs.server": reportJobs,
  "~/modules/revenue/revenue.server": revenue,
  "~/modules/reviews/reviews.server": reviews,
  "~/modules/search/indexer.server": indexer,
  "~/modules/search/saved-searches.server": savedSearches,
  "~/modules/submissions/submission-guard.server": submissionGuard,
  "~/modules/submissions/submissions.server": submissions,
  "~/modules/users/session.server": session,
  "~/modules/webhooks/delivery.server": webhookDelivery,
  "~/utils/request-scope.server": requestScope,
};
