import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from "react";
import type { ClashesResponse, ClashJson } from "../../../../src/server/contract/index.js";
import { useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { useT } from "../../i18n/index.js";
import { useEpisode } from "../episode/episode-context.js";
import { AnalysePrompt } from "./analyse-prompt.js";
import { ClashPlaylist } from "./clash-playlist.js";
import { clashMessages } from "./messages.js";
import { QuoteAcceptanceProvider, useQuoteAcceptance } from "./quote-acceptance.js";
import { StanceDraft } from "./stance-draft.js";
import { loadNewTopicDraft, storeNewTopicDraft } from "./stance-drafts.js";
import { StanceTableView, topicTitleId } from "./stance-table.js";
import { type SaveStatus, useStanceTable } from "./use-stance-table.js";
import "./clashes.css";

/** `/episodes/<id>/clashes`: pass 2, the clash playlist and the stance table. */
export default function ClashesPage() {
  const { episode } = useEpisode();
  // A fresh view per episode: drafts, timers and the playlist position belong to one episode.
  return (
    <QuoteAcceptanceProvider key={episode.id} episodeId={episode.id}>
      <ClashesView />
    </QuoteAcceptanceProvider>
  );
}

function ClashesView() {
  const t = useT(clashMessages);
  const { episode } = useEpisode();
  const clashes = useApi<ClashesResponse>(`/api/episodes/${encodeURIComponent(episode.id)}/clashes`);
  const table = useStanceTable(episode.id);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [newTitle, setNewTitle] = useState(() => loadNewTopicDraft(episode.id));
  const [focusTopic, setFocusTopic] = useState<number | null>(null);
  const acceptance = useQuoteAcceptance();

  // After a row appears (added from a clash or typed), its title box takes the focus to be renamed.
  useEffect(() => {
    if (focusTopic === null) return;
    const input = document.getElementById(topicTitleId(focusTopic)) as HTMLInputElement | null;
    if (!input) return;
    input.focus();
    input.scrollIntoView({ block: "center", behavior: "smooth" });
    setFocusTopic(null);
  }, [focusTopic]);

  const { setData: setClashes } = clashes;
  const addFromClash = useCallback(
    async (clash: ClashJson) => {
      const topic = await table.addTopic(clash.topic, clash.idx);
      setClashes((old) => ({
        analysed: old?.analysed ?? true,
        clashes: (old?.clashes ?? []).map((c) => (c.idx === clash.idx ? { ...c, topicId: topic.id } : c)),
      }));
      setFocusTopic(topic.id);
    },
    [table.addTopic, setClashes],
  );

  const addTyped = async (e: FormEvent) => {
    e.preventDefault();
    const title = newTitle.trim();
    if (!title) return;
    setActionError(null);
    try {
      const topic = await table.addTopic(title);
      setNewTitle("");
      storeNewTopicDraft(episode.id, "");
      setFocusTopic(topic.id);
    } catch (error) {
      setActionError(error as Error);
    }
  };

  // A row deleted here frees its clash's "add" button.
  const rowIds = new Set(table.data?.topics.map((t) => t.id));
  const playlist = (clashes.data?.clashes ?? []).map((c) =>
    c.topicId !== null && table.data && !rowIds.has(c.topicId) ? { ...c, topicId: null } : c,
  );

  return (
    <section className="page clashes-page">
      <p className="clashes-intro">{t("intro")}</p>

      <section className="clashes-section" aria-labelledby="clash-playlist-heading">
        <h2 id="clash-playlist-heading">{t("playlist")}</h2>
        {clashes.error ? <ErrorMessage error={clashes.error} /> : null}
        {clashes.data && !clashes.data.analysed ? (
          <AnalysePrompt episodeId={episode.id} onDone={clashes.reload} />
        ) : null}
        {clashes.data?.analysed && playlist.length === 0 ? <p className="notice">{t("noClashes")}</p> : null}
        {playlist.length > 0 ? (
          <ClashPlaylist
            clashes={playlist}
            segments={episode.segments}
            onAdd={addFromClash}
            onShowRow={(id) => setFocusTopic(id)}
          />
        ) : null}
      </section>

      <StanceDraft episodeId={episode.id} table={table} onAdded={setFocusTopic} />

      <section className="clashes-section" aria-labelledby="stance-table-heading">
        <div className="table-head">
          <h2 id="stance-table-heading">{t("table")}</h2>
          <SaveIndicator status={table.status} onRetry={table.retry} />
        </div>
        <p className="muted table-help">{t("tableHelp")}</p>
        {table.loadError ? <ErrorMessage error={table.loadError} /> : null}
        {table.topicGone ? <p className="notice">{t("deletedElsewhere")}</p> : null}
        <ErrorMessage error={actionError ?? acceptance?.error ?? null} />
        {table.data ? (
          <>
            {table.data.topics.length > 0 ? (
              <StanceTableView
                table={table}
                speakers={table.data.speakers}
                topics={table.data.topics}
                clashes={playlist}
                segments={episode.segments}
                onActionError={setActionError}
              />
            ) : (
              <p className="muted">{t("empty")}</p>
            )}
            <form className="add-topic" onSubmit={(e) => void addTyped(e)}>
              <label htmlFor="new-topic">{t("newTopic")}</label>
              <input
                id="new-topic"
                type="text"
                value={newTitle}
                maxLength={200}
                placeholder={t("newTopicPlaceholder")}
                onChange={(e) => {
                  setNewTitle(e.target.value);
                  storeNewTopicDraft(episode.id, e.target.value);
                }}
              />
              <button type="submit" disabled={!newTitle.trim()}>
                + {t("addTopic")}
              </button>
            </form>
          </>
        ) : null}
      </section>
    </section>
  );
}

/** "Saving…", "All changes saved", or what went wrong with a way to try again. */
function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const t = useT(clashMessages);
  let content: ReactNode = null;
  let kind = "idle";
  if (status.error && status.pending.length > 0) {
    kind = "error";
    const lost = status.error.offline || status.error.status >= 500;
    content = (
      <>
        {lost ? t("unsaved") : t("refused", { error: status.error.message })}{" "}
        <button type="button" className="small" onClick={onRetry}>
          {t("retry")}
        </button>
      </>
    );
  } else if (status.pending.length > 0) {
    kind = "saving";
    content = t("saving");
  } else if (status.savedOnce) {
    kind = "saved";
    content = `✓ ${t("saved")}`;
  }
  return (
    <p className={`save-state ${kind}`} role="status">
      {content}
    </p>
  );
}
