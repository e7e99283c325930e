import { Form } from "~/components/form";
import { formatDate } from "~/i18n/format";
import type { ServiceLogKind } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";
import { Photo } from "~/components/photo";

interface ServiceLog {
  id: string;
  date: Date | string;
  kind: ServiceLogKind;
  countyCode: string;
  place: string;
  farmersReached: number;
  note: string | null;
  photoIds: string[];
}

/** One day of a commissioner's service log with its photos; its author may delete it while that is allowed. */
export function ServiceLogItem({ log, canDelete }: { log: ServiceLog; canDelete: boolean }) {
  const { t, locale } = useT();
  return (
    <li className="card space-y-2">
      <p className="font-medium">
        {formatDate(locale, log.date)} · {t(`commissioners.kind.${log.kind}`)} ·{" "}
        {countyName(log.countyCode, locale)} {log.place}
      </p>
      <p className="text-sm">{t("commissioners.farmersReachedCount", { count: log.farmersReached })}</p>
      {log.note ? <p className="whitespace-pre-line text-sm text-stone-700">{log.note}</p> : null}
      {log.photoIds.length > 0 ? (
        <div className="grid grid-cols-4 gap-2">
          {log.photoIds.map((photoId) => (
            <a key={photoId} href={`/commissioners/logs/photos/${photoId}`}>
              <Photo
                src={`/commissioners/logs/photos/${photoId}`}
                sizes="(min-width: 640px) 9rem, 25vw"
                alt={t("commissioners.logPhoto")}
                className="aspect-square w-full rounded object-cover"
              />
            </a>
          ))}
        </div>
      ) : null}
      {canDelete ? (
        <Form method="post">
          <input type="hidden" name="logId" value={log.id} />
          <button
            type="submit"
            name="intent"
            value="deleteLog"
            className="btn-secondary border-red-300 text-red-800"
          >
            {t("commissioners.deleteLog")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}
