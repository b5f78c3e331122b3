import type { TutorLanguage } from "./lesson.js";

/** What the terminal tutor says, in English and Chinese. `{x}` placeholders are filled by `say`. */
const MESSAGES = {
  en: {
    title: "Tutor: {concept}  (now: {state})",
    episodeSays: "What the episode says",
    noMoments: "The episode never explains it in so many words; its mentions are listed by `deeplisten concepts`.",
    learnFirst: "Learn first",
    card: "The card",
    facts: "Key facts",
    watchOut: "What people who 'kind of get it' get wrong",
    questions: "Think these through",
    noCard:
      "No knowledge pack covers this concept: the explanation will be checked against the episode's own definitions only. Configure a model for a richer tutor.",
    menu: "[e] explain it in your own words  [c] read the card  [q] questions  [m] more moments  [x] stop",
    choose: "> ",
    confidence: "Before you explain: how sure are you that you understand it? 1 (lost) to 5 (could teach it): ",
    badConfidence: "Type a number from 1 to 5.",
    explain: "Explain {concept} in your own words. Finish with an empty line.",
    verified: "Verified. {concept} is now verified; it will come back for review in pass 3.",
    notYet: "Not yet: {verdict}. {concept} stays in learning.",
    calibration: "You said {confidence}/5 before the check.",
    bye: "Stopped. {concept} is {state}. Your attempts are kept.",
    states: { new: "new", marked: "marked", learning: "learning", verified: "verified" },
    verdicts: {
      verified: "verified",
      partial: "partly there",
      misconception: "a misconception",
      "unknown-concept": "nothing to check against",
    },
  },
  zh: {
    title: "导师：{concept}（当前：{state}）",
    episodeSays: "节目里是怎么说的",
    noMoments: "节目里没有直接解释它；它出现的位置可以用 `deeplisten concepts` 查看。",
    learnFirst: "先学这些",
    card: "知识卡片",
    facts: "关键事实",
    watchOut: "“似懂非懂”时常见的误解",
    questions: "先想一想",
    noCard: "知识包里没有这个概念：只能对照节目里的定义来检查你的解释。配置一个模型可以得到更好的辅导。",
    menu: "[e] 用自己的话解释  [c] 看知识卡片  [q] 思考题  [m] 更多节目片段  [x] 结束",
    choose: "> ",
    confidence: "解释之前：你有多确定自己理解了？1（完全不懂）到 5（能教别人）：",
    badConfidence: "请输入 1 到 5 的数字。",
    explain: "用你自己的话解释「{concept}」。输入空行结束。",
    verified: "通过！「{concept}」已验证，第三遍复习时会再考你。",
    notYet: "还没通过：{verdict}。「{concept}」仍在学习中。",
    calibration: "检查前你的把握是 {confidence}/5。",
    bye: "已结束。「{concept}」现在是：{state}。你的每次尝试都已保存。",
    states: { new: "未开始", marked: "已标记", learning: "学习中", verified: "已验证" },
    verdicts: {
      verified: "已验证",
      partial: "部分正确",
      misconception: "存在误解",
      "unknown-concept": "没有可对照的内容",
    },
  },
} as const;

type Key = Exclude<keyof (typeof MESSAGES)["en"], "states" | "verdicts">;

/** A message in the learner's language with its placeholders filled. */
export function say(language: TutorLanguage, key: Key, values: Record<string, string | number> = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function stateName(language: TutorLanguage, state: keyof (typeof MESSAGES)["en"]["states"]): string {
  return MESSAGES[language].states[state];
}

export function verdictName(language: TutorLanguage, verdict: keyof (typeof MESSAGES)["en"]["verdicts"]): string {
  return MESSAGES[language].verdicts[verdict];
}
