import { useEffect, useState } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";

/**
 * Registers the service worker (public/sw.js) and says so when the phone is offline: the page on
 * screen may be the copy kept from the last visit, and what is typed waits for the signal.
 */
export function OfflineBanner() {
  const { t } = useT();
  useClientMessages("nav.offline");
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => undefined);
    const update = () => setOffline(!navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  if (!offline) return null;
  return (
    <p role="status" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900 print:hidden">
      {t("nav.offline")}
    </p>
  );
}

/** Logging out: the pages kept for reading offline belong to who was logged in, so they go. */
export function forgetOfflinePages(): void {
  navigator.serviceWorker?.controller?.postMessage({ type: "forget-pages" });
}
