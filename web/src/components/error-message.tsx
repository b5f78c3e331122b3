import type { ApiError } from "../api/client.js";
import { defineMessages, useT } from "../i18n/index.js";

const messages = defineMessages({
  en: {
    offline:
      "The deeplisten server cannot be reached. Is it still running? Start it again with `npm start`; nothing you typed is lost.",
    notFound: "This was not found: {detail}",
    failed: "{detail}",
    importAtLine: "Could not import {file}, line {line}: {reason}",
    importFile: "Could not import {file}: {reason}",
    importAny: "Could not import this: {reason}",
  },
  // The server explains in English; Chinese readers get what happened in Chinese, then its words.
  "zh-CN": {
    offline: "连接不上 deeplisten 服务器。它还在运行吗？用 `npm start` 重新启动即可；你输入的内容不会丢失。",
    notFound: "没有找到（服务器说明：{detail}）",
    failed: "操作没有完成。服务器的说明：{detail}",
    importAtLine: "无法导入 {file}（第 {line} 行）。原因：{reason}",
    importFile: "无法导入 {file}。原因：{reason}",
    importAny: "无法导入。原因：{reason}",
  },
});

/** An API error as a sentence the learner can act on, in their language. */
export function ErrorMessage({ error }: { error: ApiError | Error | null }) {
  const t = useT(messages);
  if (!error) return null;
  const apiError = error as Partial<ApiError>;
  const problem = apiError.importProblem;
  const text = apiError.offline
    ? t("offline")
    : problem
      ? // Which file and line in the learner's language; the reader's reason as it said it.
        problem.file && problem.line
        ? t("importAtLine", { file: problem.file, line: problem.line, reason: problem.reason })
        : problem.file
          ? t("importFile", { file: problem.file, reason: problem.reason })
          : t("importAny", { reason: problem.reason })
      : apiError.status === 404
        ? t("notFound", { detail: error.message })
        : t("failed", { detail: error.message });
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
