import type { MasteryStateJson } from "../../../../src/server/contract/index.js";
import { useT } from "../../i18n/index.js";
import { termMessages } from "./messages.js";

/**
 * A concept's mastery state as a coloured badge (the shared .badge classes), in the learner's
 * language; `label` is read out before it ("Mastery: verified") where the badge stands alone.
 */
export function MasteryBadge({ state, label }: { state: MasteryStateJson; label?: string }) {
  const t = useT(termMessages);
  return (
    <span className={`badge ${state}`} data-state={state}>
      {label ? <span className="visually-hidden">{label}: </span> : null}
      {t(`state.${state}`)}
    </span>
  );
}
