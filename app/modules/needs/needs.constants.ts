import { BrandService, NeedKind, Urgency } from "~/generated/prisma/enums";

/*
 * A need's fixed lists, apart from the zod schemas: a page that only shows or filters them (the
 * needs list) does not download the validation library.
 */
export const MAX_NEED_PHOTOS = 6;
export const NEED_KINDS = Object.values(NeedKind) as [NeedKind, ...NeedKind[]];
export const URGENCIES = Object.values(Urgency) as [Urgency, ...Urgency[]];
export const BRAND_SERVICES = Object.values(BrandService) as [BrandService, ...BrandService[]];
