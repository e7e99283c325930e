import { db } from "~/db.server";
import { createBase, createCourse } from "~/modules/bases/bases.server";
import { createSpace } from "./spaces-factories";

/** A space with a base (capacity 30) and a course of `seats` seats running into next year. */
export async function createSpaceWithCourse(seats = 2) {
  const space = await createSpace();
  const base = await createBase(space.actor, space.organisation.id, {
    name: "嵩县创业实训基地",
    place: "城关镇产业园",
    countyCode: "410325",
    capacity: 30,
    facilities: "直播间、冷库",
  });
  const year = new Date().getUTCFullYear();
  const course = await createCourse(space.actor, space.organisation.id, {
    baseId: base.id,
    title: "农产品电商直播",
    description: "",
    startsOn: `${year}-01-01`,
    endsOn: `${year + 1}-12-31`,
    seats,
  });
  return { space, base, course };
}

export const activeTrainees = (courseId: string) =>
  db.baseTrainee.count({ where: { courseId, withdrawnAt: null } });
