import { db } from "~/db.server";

/** What the account page shows about its owner. */
export function getAccountOverview(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      email: true,
      phone: true,
      primaryRole: true,
      countyCode: true,
      createdAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          role: true,
          organisation: { select: { id: true, name: true, type: true, countyCode: true, verifiedAt: true } },
        },
      },
    },
  });
}
