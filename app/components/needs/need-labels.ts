export const STATUS_TONE: Record<string, string> = {
  DRAFT: "bg-stone-200 text-stone-700",
  OPEN: "bg-brand-100 text-brand-800",
  IN_PROGRESS: "bg-sky-100 text-sky-900",
  COMPLETED: "bg-violet-100 text-violet-900",
  CLOSED: "bg-stone-200 text-stone-700",
  EXPIRED: "bg-stone-200 text-stone-700",
};
