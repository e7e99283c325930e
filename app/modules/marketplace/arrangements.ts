import { ArrangementType } from "~/generated/prisma/enums";

/**
 * The ways of working together, in the order forms list them. Kept apart from the zod schemas, so
 * a page that only lists them (a filter) does not download the validation library.
 */
export const ARRANGEMENT_TYPES = Object.values(ArrangementType) as [ArrangementType, ...ArrangementType[]];
