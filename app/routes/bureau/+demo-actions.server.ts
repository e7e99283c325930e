import { parseWithZod } from "@conform-to/zod/v4";
import { getLocale } from "~/i18n/i18n.server";
import { DemoSiteSchema, MAX_DEMO_PHOTOS } from "~/modules/creative/creative.schema";
import { createDemoSite, updateDemoSite } from "~/modules/creative/demo-sites.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Saves the bureau's demo-site form: a new site, or the site `siteId`. */
export async function saveDemoSite(request: Request, context: { clientIp?: string }, siteId?: string) {
  const user = await requirePermission(request, "demo.manage");
  const locale = await getLocale(request);
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, { maxFiles: MAX_DEMO_PHOTOS, maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    return replyWithDomainError(parseWithZod(new FormData(), { schema: DemoSiteSchema }), error, locale);
  }
  const submission = parseWithZod(formData, { schema: DemoSiteSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const photos = formData.getAll("photos").filter((value): value is File => value instanceof File);
  const { removePhotoIds, ...fields } = submission.value;
  const meta = requestMeta(request, context);
  try {
    const site = siteId
      ? await updateDemoSite(user, siteId, fields, photos, removePhotoIds, meta)
      : await createDemoSite(user, fields, photos, meta);
    return redirectWithToast(`/demos/${site.id}`, {
      message: siteId ? "creative.toast.demoSaved" : "creative.toast.demoCreated",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}
