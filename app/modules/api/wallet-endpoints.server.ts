import { z } from "zod";
import { DomainError } from "~/utils/errors";
import { StatementFiltersSchema } from "~/modules/ledger/ledger.schema";
import { getAccountStatement, myAccounts } from "~/modules/wallet/wallet.server";
import { getLocale } from "~/i18n/i18n.server";
import * as s from "./api.schema";
import { decodeCursor, defineEndpoint, encodeCursor, pageOf } from "./endpoint.server";

export const listWalletsEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/wallets",
    tag: "wallets",
    scope: "statements:read",
    summary: "api.op.getWallets",
    description: "api.op.getWallets.detail",
    response: pageOf(s.WalletSchema),
  },
  async ({ actor }) => ({ data: await myAccounts(actor!), nextCursor: null }),
);

export const statementEndpoint = defineEndpoint(
  {
    method: "GET",
    path: "/api/v1/wallets/{accountId}/statement",
    tag: "wallets",
    scope: "statements:read",
    summary: "api.op.getWalletsAccountIdStatement",
    description: "api.op.getWalletsAccountIdStatement.detail",
    params: z.object({ accountId: z.string().min(1).max(120) }),
    query: StatementFiltersSchema.omit({ page: true }).extend({ cursor: z.string().max(200).optional() }),
    response: s.StatementSchema,
  },
  async ({ actor, params, query, request }) => {
    // The statement is paged like the page; the cursor carries the next page's number.
    let page = 1;
    if (query.cursor) {
      const { sort } = decodeCursor(query.cursor);
      if (typeof sort !== "number" || !Number.isInteger(sort) || sort < 1)
        throw new DomainError("api.invalid_cursor");
      page = sort;
    }
    const { cursor: _cursor, ...filters } = query;
    const result = await getAccountStatement(
      actor!,
      params.accountId,
      { ...filters, page },
      await getLocale(request),
    );
    return {
      account: result.account,
      total: result.total,
      data: result.lines,
      nextCursor: page < result.pages ? encodeCursor(page + 1, params.accountId) : null,
    };
  },
);
