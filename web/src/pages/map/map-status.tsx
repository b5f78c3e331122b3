import type { Translate } from "../../i18n/index.js";
import type { SaveStatus } from "./map-saver.js";
import type { MapMessageKey } from "./messages.js";

/**
 * Where the map's saving stands, as a sentence; announced politely to screen readers. A conflict
 * with another tab is an alert with the two ways out.
 */
export function StatusLine({
  status,
  t,
  onReloadTheirs,
  onKeepMine,
}: {
  status: SaveStatus;
  t: Translate<MapMessageKey>;
  onReloadTheirs: () => void;
  onKeepMine: () => void;
}) {
  if (status.state === "stale") {
    return (
      <div className="error map-stale" role="alert">
        <p>{t("stale")}</p>
        <button type="button" className="primary" onClick={onReloadTheirs}>
          {t("reloadTheirs")}
        </button>
        <button type="button" onClick={onKeepMine}>
          {t("keepMine")}
        </button>
      </div>
    );
  }
  const problem = status.state === "offline" || status.state === "error";
  const text =
    status.state === "error"
      ? t("statusError", { detail: status.detail })
      : t(
          (
            {
              draft: "statusDraft",
              saved: "statusSaved",
              pending: "statusPending",
              saving: "statusSaving",
              restored: "statusPending",
              offline: "statusOffline",
            } as const
          )[status.state],
        );
  return (
    <p className={problem ? "error map-status" : "map-status"} role="status" data-state={status.state}>
      {text}
    </p>
  );
}
