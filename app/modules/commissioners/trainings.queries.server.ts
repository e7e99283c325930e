import { db } from "~/db.server";
import { DomainError } from "~/utils/errors";

const trainingCardSelect = {
  id: true,
  title: true,
  countyCode: true,
  place: true,
  startsAt: true,
  capacity: true,
  status: true,
  hostId: true,
  _count: { select: { signups: true } },
} as const;

/** Open trainings that have not started, soonest first, with whether the viewer signed up. */
export async function listUpcomingTrainings(viewerId: string) {
  const trainings = await db.training.findMany({
    // Cancelled ones stay listed (marked) until their date, so people who planned to come see it.
    where: { status: { in: ["OPEN", "CANCELLED"] }, startsAt: { gt: new Date() } },
    orderBy: { startsAt: "asc" },
    take: 100,
    select: { ...trainingCardSelect, signups: { where: { userId: viewerId }, select: { userId: true } } },
  });
  const hosts = await hostNames(trainings.map((training) => training.hostId));
  return trainings.map(({ signups, _count, ...training }) => ({
    ...training,
    hostName: hosts.get(training.hostId) ?? "",
    signupCount: _count.signups,
    signedUp: signups.length > 0,
  }));
}

async function hostNames(ids: string[]) {
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, displayName: true },
  });
  return new Map(users.map((user) => [user.id, user.displayName]));
}

/** One training; the list of who signed up is for its host only. */
export async function getTraining(trainingId: string, viewerId: string) {
  const training = await db.training.findUnique({
    where: { id: trainingId },
    select: {
      ...trainingCardSelect,
      description: true,
      signups: { orderBy: { createdAt: "asc" }, select: { userId: true, attended: true } },
    },
  });
  if (!training) throw new DomainError("commissioner.not_found");
  const { signups, _count, ...rest } = training;
  const isHost = training.hostId === viewerId;
  const names = await hostNames([training.hostId, ...(isHost ? signups.map((signup) => signup.userId) : [])]);
  return {
    ...rest,
    hostName: names.get(training.hostId) ?? "",
    signupCount: _count.signups,
    signedUp: signups.some((signup) => signup.userId === viewerId),
    isHost,
    signups: isHost
      ? signups.map((signup) => ({ ...signup, displayName: names.get(signup.userId) ?? "" }))
      : [],
  };
}
