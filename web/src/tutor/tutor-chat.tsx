import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import type { TutorMessageJson, TutorThreadResponse } from "../../../src/server/contract/index.js";
import { type ApiError, useApi } from "../api/client.js";
import { ErrorMessage } from "../components/error-message.js";
import { type Translate, useLang, useT } from "../i18n/index.js";
import { usePlayer } from "../player/player.js";
import { AnswerText } from "./answer-text.js";
import { tutorMessages } from "./messages.js";
import { askTutor } from "./tutor-stream.js";
import "./tutor-chat.css";

/**
 * The tutor chat of one concept: the thread kept on the server (shown again on reload), a question
 * box, the answer streamed as it is written, cited moments as [hh:mm:ss] buttons that play in the
 * episode's shared player, and an export of the thread as Markdown. Without a model it says so
 * plainly and points to the settings; the offline tutor still answers.
 */
export function TutorChat({
  episodeId,
  conceptId,
  conceptName,
}: {
  episodeId: string;
  conceptId: number;
  conceptName: string;
}) {
  const t = useT(tutorMessages);
  const { lang } = useLang();
  const language = lang === "zh-CN" ? "zh" : "en";
  const player = usePlayer();
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/concepts/${conceptId}/tutor`;
  const { data, error, setData } = useApi<TutorThreadResponse>(path);
  const [question, setQuestion] = useState("");
  const [streaming, setStreaming] = useState<{ question: string; answer: string } | null>(null);
  const [askError, setAskError] = useState<ApiError | null>(null);
  const endRef = useRef<HTMLDivElement | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  // A concept page left mid-answer stops reading; the server still finishes and keeps the turn.
  useEffect(() => () => abortRef.current?.abort(), []);
  // Follow an answer while it streams in; opening the page (the thread loading) must not scroll
  // the concept page down to the chat.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the streamed text grows
  useEffect(() => {
    if (streaming) endRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [streaming?.answer]);

  const ask = async (text: string) => {
    const q = text.trim();
    if (!q || streaming) return;
    setAskError(null);
    setStreaming({ question: q, answer: "" });
    setQuestion("");
    const controller = new AbortController();
    abortRef.current = controller;
    try {
      const turn = await askTutor(
        path,
        { question: q, language },
        (delta) => setStreaming((s) => (s ? { ...s, answer: s.answer + delta } : s)),
        controller.signal,
      );
      const now = new Date().toISOString();
      setData((old) => {
        const base = old as TutorThreadResponse;
        const nextId = Math.max(0, ...base.messages.map((m) => m.id)) + 1;
        const user: TutorMessageJson = {
          id: nextId,
          role: "user",
          content: q,
          citations: [],
          provider: null,
          model: null,
          inputTokens: null,
          outputTokens: null,
          cached: false,
          createdAt: now,
        };
        const assistant: TutorMessageJson = {
          id: nextId + 1,
          role: "assistant",
          content: turn.answer,
          citations: turn.citations,
          provider: turn.provider,
          model: turn.model,
          inputTokens: turn.inputTokens,
          outputTokens: turn.outputTokens,
          cached: turn.cached,
          createdAt: now,
        };
        return {
          ...base,
          messages: [...base.messages, user, assistant],
          episodeTokens: {
            inputTokens: base.episodeTokens.inputTokens + turn.inputTokens,
            outputTokens: base.episodeTokens.outputTokens + turn.outputTokens,
          },
        };
      });
    } catch (e) {
      if (!controller.signal.aborted) {
        setAskError(e as ApiError);
        setQuestion(q);
      }
    } finally {
      setStreaming(null);
      abortRef.current = null;
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void ask(question);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void ask(question);
    }
  };
  const playLabel = (time: string) => t("play", { time });
  const seek = (ms: number) => player.seek(ms, true);

  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p className="loading">{t("loading")}</p>;
  const { mode } = data;
  const suggestions = [t("suggestWhat", { concept: conceptName }), t("suggestWhy"), t("suggestExample")];
  return (
    <section className="tutor-chat card" aria-labelledby="tutor-chat-title">
      <header className="tutor-head">
        <h3 id="tutor-chat-title">{t("title", { concept: conceptName })}</h3>
        <span className="tutor-mode muted">
          {mode.online ? t("online", { label: mode.label ?? "", model: mode.model ?? "" }) : t("offlineBadge")}
        </span>
      </header>
      {!mode.online ? (
        <p className="notice tutor-offline">
          {mode.problem ? `${t("brokenSettings")} ${mode.problem} ` : `${t("offlineNote")} `}
          <Link href="~/settings">{t("toSettings")}</Link>
        </p>
      ) : null}
      <ol className="tutor-thread" aria-live="polite">
        {data.messages.map((m) => (
          <li key={m.id} className={`tutor-msg ${m.role}`}>
            <span className="visually-hidden">{m.role === "user" ? t("you") : t("tutor")}: </span>
            {m.role === "user" ? (
              <p>{m.content}</p>
            ) : (
              <>
                <AnswerText text={m.content} citations={m.citations} onSeek={seek} playLabel={playLabel} />
                <p className="tutor-meta muted">{metaLine(m, t, lang)}</p>
              </>
            )}
          </li>
        ))}
        {streaming ? (
          <>
            <li className="tutor-msg user">
              <p>{streaming.question}</p>
            </li>
            <li className="tutor-msg assistant streaming" aria-busy="true">
              {streaming.answer ? (
                <AnswerText text={streaming.answer} citations={[]} onSeek={seek} playLabel={playLabel} />
              ) : (
                <p className="muted">{t("thinking")}</p>
              )}
            </li>
          </>
        ) : null}
      </ol>
      <div ref={endRef} />
      {data.messages.length === 0 && !streaming ? (
        <div className="tutor-start">
          <p className="muted">{t("empty")}</p>
          <div className="tutor-suggestions">
            {suggestions.map((s) => (
              <button key={s} type="button" onClick={() => void ask(s)}>
                {s}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {askError ? <ErrorMessage error={askError} /> : null}
      <form className="tutor-form" onSubmit={onSubmit}>
        <label htmlFor={`tutor-q-${conceptId}`} className="visually-hidden">
          {t("askLabel")}
        </label>
        <textarea
          id={`tutor-q-${conceptId}`}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t("placeholder", { concept: conceptName })}
          rows={2}
          maxLength={4000}
        />
        <div className="tutor-actions">
          <button type="submit" className="primary" disabled={!question.trim() || streaming !== null}>
            {streaming ? t("answering") : t("ask")}
          </button>
          {data.messages.length > 0 ? (
            <a href={`${path}.md?lang=${language}`} download className="tutor-export">
              {t("export")}
            </a>
          ) : null}
          {data.episodeTokens.inputTokens + data.episodeTokens.outputTokens > 0 ? (
            <span className="muted tutor-tokens">
              {t("episodeTokens", {
                input: data.episodeTokens.inputTokens.toLocaleString(lang),
                output: data.episodeTokens.outputTokens.toLocaleString(lang),
              })}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function metaLine(m: TutorMessageJson, t: Translate<keyof (typeof tutorMessages)["en"]>, lang: string): string {
  if (m.provider === "offline" || m.provider === null) return t("byOffline");
  const who = `${m.provider}${m.model ? ` · ${m.model}` : ""}`;
  if (m.cached) return t("byCached", { who });
  return t("byModel", {
    who,
    input: (m.inputTokens ?? 0).toLocaleString(lang),
    output: (m.outputTokens ?? 0).toLocaleString(lang),
  });
}
