import { Photo } from "~/components/photo";
import { useT } from "~/i18n/use-t";

/** Thumbnails of uploaded photos, each opening the full photo; nothing when there are none. */
export function PhotoGrid({ photoIds, className }: { photoIds: string[]; className: string }) {
  const { t } = useT();
  if (photoIds.length === 0) return null;
  return (
    <div className={className}>
      {photoIds.map((photoId, index) => (
        <a key={photoId} href={`/uploads/${photoId}`}>
          <Photo
            src={`/uploads/${photoId}`}
            sizes="(min-width: 640px) 12rem, 33vw"
            alt={t("creative.photoAlt", { n: index + 1 })}
            className="aspect-square w-full rounded object-cover"
          />
        </a>
      ))}
    </div>
  );
}
