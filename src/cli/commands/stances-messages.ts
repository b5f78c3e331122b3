import type { TutorLanguage } from "../../tutor/lesson.js";

/** What `deeplisten clashes` and `deeplisten stances` say, in English and Chinese. `{x}` placeholders. */
const MESSAGES = {
  en: {
    noClashes: "No clash moments found in “{title}” (`deeplisten analyze {id}` looks for them).",
    clashesHeader: "{n} moments where the speakers of “{title}” disagree:",
    inTable: "[in your table as topic {id}]",
    clashesHint: "Start a row of your stance table from one: deeplisten stances {id} --clash N",
    vs: " vs ",
    deleted: "Deleted topic {id} “{title}” and its {n} filled cell(s).",
    added: "Added topic {id} “{title}”. Fill it speaker by speaker:",
    saved: "Saved {speaker} on “{title}”.",
    empty:
      'Your stance table of “{title}” is empty. Start a row from a clash moment (`deeplisten clashes {id}`, then --clash N) or with --add "<topic>".',
    tableHeader: "Stance table of “{title}”: {topics} topic(s) x {speakers} speaker(s)",
    fromClash: "(from clash {n})",
    formerName: " (former name)",
    synthesis: "Your synthesis: {text}",
    moment: "moment: [{time}]",
    notChecked: "(not checked: {reason})",
    needsModel: "needs a model to translate",
    ok: "✓ {speaker} says this{where}",
    wrongSpeaker: "⚠ {actual} says this{where}, not {credited}",
    anotherSpeaker: "another speaker",
    notFound: "⚠ not found in the transcript: check the wording",
    at: " at {time}",
  },
  zh: {
    noClashes: "在「{title}」中没有找到观点交锋的时刻（`deeplisten analyze {id}` 会查找）。",
    clashesHeader: "「{title}」中说话人观点交锋的 {n} 个时刻：",
    inTable: "［已在你的立场表中：话题 {id}］",
    clashesHint: "从其中一个开始立场表的一行：deeplisten stances {id} --clash N",
    vs: " 对 ",
    deleted: "已删除话题 {id}「{title}」及其 {n} 个已填写的单元格。",
    added: "已添加话题 {id}「{title}」。逐个说话人填写：",
    saved: "已保存 {speaker} 在「{title}」上的立场。",
    empty:
      '「{title}」的立场表还是空的。可以从一个交锋时刻开始（`deeplisten clashes {id}`，然后 --clash N），或用 --add "<话题>" 添加。',
    tableHeader: "「{title}」的立场表：{topics} 个话题 × {speakers} 位说话人",
    fromClash: "（来自交锋 {n}）",
    formerName: "（旧名字）",
    synthesis: "我的综合看法：{text}",
    moment: "时刻：[{time}]",
    notChecked: "（未核对：{reason}）",
    needsModel: "需要一个模型来翻译",
    ok: "✓ 这句话是 {speaker} 说的{where}",
    wrongSpeaker: "⚠ 这句话是 {actual} 说的{where}，不是 {credited}",
    anotherSpeaker: "另一位说话人",
    notFound: "⚠ 在文字稿中没有找到：请核对措辞",
    at: "，位于 {time}",
  },
} as const;

export type StancesMessageKey = keyof (typeof MESSAGES)["en"];

/** One message in the learner's language, placeholders filled. */
export function stancesSay(
  lang: TutorLanguage,
  key: StancesMessageKey,
  vars: Record<string, string | number> = {},
): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
