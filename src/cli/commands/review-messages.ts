/** What `deeplisten review` and `deeplisten insight` say, in English and Chinese. `{x}` placeholders. */
const MESSAGES = {
  en: {
    nothingDue: "Nothing is due for review.",
    nextDue: "The next card is due {when}.",
    noCards:
      "No cards yet: mark the concepts you did not get (deeplisten mark <episode> --term X) or explain them with the tutor; their cards come here.",
    header: "{n} card(s) due. Give your confidence first, then answer without help. End of input stops.",
    pass3Header:
      "Pass 3 of “{title}”: {n} concept(s), asked without help, the ones you were most sure about but got wrong first.",
    pass3Empty:
      "No concepts to verify in “{title}” yet: mark the ones you did not get in pass 1, then study them with the tutor.",
    card: "[{i}/{n}] {concept} · {kind}",
    kinds: { explain: "explain", question: "question", cloze: "fill the blank" },
    reasons: {
      "confident-but-wrong": "you were sure ({confidence}/5) but it was not verified",
      "never-explained": "never explained yet",
      "verified-before": "verified before",
    },
    moment: "from the episode at {time}",
    confidence: "How sure are you? 1 (lost) to 5 (could teach it): ",
    badConfidence: "Type a number from 1 to 5.",
    explain: "Your explanation (finish with an empty line):",
    answer: "Your answer: ",
    reference: "Compare with: {text}",
    noReference: "No reference answer in the packs: judge from what you know.",
    rate: "Rate your answer: 1 again, 2 hard, 3 good, 4 easy: ",
    badRating: "Type 1, 2, 3 or 4.",
    correct: "Correct: {answer}",
    wrong: "Not quite: the blank is “{answer}”.",
    verified: "Verified.",
    notVerified: "Not verified ({verdict}): {concept} goes back to learning.",
    selfRated: "Rated {rating}.",
    ratings: { 1: "again", 2: "hard", 3: "good", 4: "easy" },
    next: "Next time: {when}.",
    lapsed: "{concept} is back in learning.",
    summary: "Reviewed {n} card(s): {passed} remembered, {failed} to relearn.",
    stopped: "Stopped. Every answer so far is kept.",
    inMinutes: "in {n} min",
    inHours: "in {n} h",
    inDays: "in {n} days",
    now: "now",
    insightAdded: "Insight {id} added to “{title}”.",
    insightNone: 'No insights in “{title}” yet: deeplisten insight add <episode> "what changed in my thinking".',
    insightDeleted: "Insight {id} deleted.",
  },
  zh: {
    nothingDue: "现在没有需要复习的卡片。",
    nextDue: "下一张卡片 {when} 到期。",
    noCards:
      "还没有卡片：先标记你没懂的概念（deeplisten mark <节目> --term X），或在导师里解释它们，它们的卡片就会出现在这里。",
    header: "有 {n} 张卡片到期。先给出把握程度，再不看任何资料作答。输入结束即停止。",
    pass3Header: "《{title}》第三遍：{n} 个概念，不看资料作答；你最有把握却答错的排在最前。",
    pass3Empty: "《{title}》还没有要验证的概念：先在第一遍标记没懂的概念，再用导师学习。",
    card: "[{i}/{n}] {concept} · {kind}",
    kinds: { explain: "解释", question: "问答", cloze: "填空" },
    reasons: {
      "confident-but-wrong": "你曾很有把握（{confidence}/5）却没有通过",
      "never-explained": "还从未解释过",
      "verified-before": "以前验证过",
    },
    moment: "出自节目 {time}",
    confidence: "你有多大把握？1（完全不懂）到 5（能教别人）：",
    badConfidence: "请输入 1 到 5 的数字。",
    explain: "你的解释（输入空行结束）：",
    answer: "你的答案：",
    reference: "对照参考：{text}",
    noReference: "知识包里没有参考答案：请凭你的理解判断。",
    rate: "给自己的回答打分：1 忘了，2 困难，3 良好，4 轻松：",
    badRating: "请输入 1、2、3 或 4。",
    correct: "正确：{answer}",
    wrong: "不对：空格处是「{answer}」。",
    verified: "已验证。",
    notVerified: "未通过（{verdict}）：「{concept}」回到学习中。",
    selfRated: "自评：{rating}。",
    ratings: { 1: "忘了", 2: "困难", 3: "良好", 4: "轻松" },
    next: "下次复习：{when}。",
    lapsed: "「{concept}」回到学习中。",
    summary: "复习了 {n} 张卡片：记住 {passed} 张，需重学 {failed} 张。",
    stopped: "已停止。之前的每个回答都已保存。",
    inMinutes: "{n} 分钟后",
    inHours: "{n} 小时后",
    inDays: "{n} 天后",
    now: "现在",
    insightAdded: "已为《{title}》添加想法 {id}。",
    insightNone: '《{title}》还没有记录想法：deeplisten insight add <节目> "我的想法有什么变化"。',
    insightDeleted: "已删除想法 {id}。",
  },
} as const;

export type ReviewLang = keyof typeof MESSAGES;
type FlatKey = {
  [K in keyof (typeof MESSAGES)["en"]]: (typeof MESSAGES)["en"][K] extends string ? K : never;
}[keyof (typeof MESSAGES)["en"]];

/** A message in the learner's language with its placeholders filled. */
export function reviewSay(lang: ReviewLang, key: FlatKey, values: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[lang][key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m));
}

export function kindName(lang: ReviewLang, kind: "explain" | "question" | "cloze"): string {
  return MESSAGES[lang].kinds[kind];
}

export function reasonText(
  lang: ReviewLang,
  reason: "confident-but-wrong" | "never-explained" | "verified-before",
  confidence: number | null,
): string {
  return MESSAGES[lang].reasons[reason].replace("{confidence}", String(confidence ?? ""));
}

export function ratingName(lang: ReviewLang, rating: 1 | 2 | 3 | 4): string {
  return MESSAGES[lang].ratings[rating];
}

/** "in 10 min", "in 3 days" (or "now") from `now` to `due`. */
export function dueIn(lang: ReviewLang, due: string, now: Date): string {
  const ms = new Date(due).getTime() - now.getTime();
  if (ms <= 30_000) return MESSAGES[lang].now;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return reviewSay(lang, "inMinutes", { n: Math.max(1, minutes) });
  const hours = Math.round(ms / 3_600_000);
  if (hours < 36) return reviewSay(lang, "inHours", { n: hours });
  return reviewSay(lang, "inDays", { n: Math.round(ms / 86_400_000) });
}
