/** What the last save or connection test said: the sentence, and the server's detail under it. */
export interface SettingsStatusValue {
  kind: "ok" | "bad";
  text: string;
  detail?: string;
}

/** The outcome line under a settings form (the model's and the speech recogniser's alike). */
export function SettingsStatus({ status, testId }: { status: SettingsStatusValue | null; testId: string }) {
  if (!status) return null;
  return (
    <div className={status.kind === "ok" ? "settings-ok" : "error"} role="status" data-testid={testId}>
      <p className="settings-status-text">{status.text}</p>
      {status.detail ? <p className="settings-status-detail">{status.detail}</p> : null}
    </div>
  );
}
