/**
 * Stoplists (data) for the Chinese term finder. Spoken Chinese, translated or transcribed, is full of
 * fillers (就是, 然后, 你知道), pronouns and particles; Intl.Segmenter returns them as words, and the
 * n-gram statistics would otherwise glue them to terms (的数据中心, 我们训练).
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

/**
 * Function words and fillers: never a term, and never the first or last word of one. Single
 * characters that begin or end real terms when the segmenter cuts an unknown word into characters
 * (多头, 预训练, 后训练, 大模型, 芯片, 台积电) are deliberately absent, measure words included.
 */
export const ZH_FUNCTION_WORDS: ReadonlySet<string> = words(`
  的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 哈 嗯 呃 噢 哎 唉 喔 诶 啦 咯 哇 么 嘞 呗
  我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 咱 自己 人家 大家 别人 俺
  这 那 哪 这个 那个 哪个 这些 那些 哪些 这样 那样 怎样 这么 那么 怎么 这种 那种 这里 那里 哪里 这儿 那儿
  这边 那边 这次 那次 这时 那时 此 其 之 该 某 某些 某个 每 每个 各 各种 各个 本 本身 其中 其他 其它 其余
  是 不是 就是 也是 还是 都是 只是 但是 可是 于是 要是 而是 正是 或是 即是 算是 像是 真是 倒是 总是 则是
  在 于 从 向 往 对 对于 关于 跟 和 与 及 以及 并 并且 而 而且 或 或者 还有 以 为 为了 因 因为 所以 因此
  由于 如果 假如 即使 虽然 尽管 不过 然而 然后 接着 于是 那么 要么 无论 不管 只要 只有 除了 除非 通过 根据
  按照 依照 随着 经过 当 等 等等 之类 以来 以后 之后 以前 之前 之间 之中 之上 之下 当中 中间 里面 外面
  上面 下面 前面 后面 里 上 下
  把 被 给 让 叫 使 令 将 由 用 拿 替 比 像 如 如同 好像 似乎 一样 一般
  也 都 还 又 再 就 才 只 仅 仅仅 已 已经 曾 曾经 正 正在 在于 刚 刚刚 刚才 马上 立刻 一直 一定 一起 一下
  们 件 但 而 可 且 却 并 则 虽 若 较 越 极 颇 蛮 中 内 有时 越来越 重新 显著 认真 明确 大大 快速 免费 持续 不断
  以防 所 顺便 顺便说一句 早些 随时 总有一天 之所以 除此之外 同样 相当于 左右
  也许 仍然 依然 如此 是否 具有 更加 使得 只是 不再 或许 总是 往往 还会 便 即 乃至 无法
  很 太 更 最 挺 非常 特别 十分 相当 比较 有点 有些 稍微 极其 真的 确实 其实 实际上 基本上 当然 显然
  可能 可以 能 能够 会 要 想 应该 应当 需要 必须 得以 不能 不会 不要 没 没有 不 别 未 无 非 否
  有 有的 有人 有些人 没人 什么 怎么样 为什么 如何 多少 几 几个 多久 谁 啥 咋
  一 二 两 三 四 五 六 七 八 九 十 百 千 万 亿 几 半 第一 第二 第三 一个 一种 一些 一点 一样 一次 一位
  一下子 一切 所有 全部 整个 任何 许多 很多 好多 不少 大量 少量 多数 大多数 少数 部分 一部分 大部分
  个 种 些 次 某种 各样 各种各样
  说 讲 看 听 做 搞 弄 去 来 到 过来 出来 起来 下来 上来 回来 进来 过去 出去 下去 上去
  对吧 对啊 是的 对的 好的 好吧 没错 不错 行 好 嗯嗯 是吧 OK
  呢 所谓 就像 例如 比如 比如说 譬如 换句话说 也就是说 也就是 总之 另外 此外 同时 首先 其次 最后 最终 终于
  甚至 尤其 特别是 并不 并没有 不仅 而已 罢了 似的 一边 还是说 的话 来说 而言 来讲 看来 看起来 听起来
  我觉得 我认为 我想 你知道 你看 我说 我的意思是 意思 知道 觉得 认为 以为 感觉 发现 相信 希望 记得 明白 理解
`);

/**
 * Everyday nouns that are never a concept on their own but may begin or end one (领域知识, 过程奖励
 * 模型, 人类反馈, 世界模型, 对齐问题, 数据质量).
 */
export const ZH_GENERIC_NOUNS: ReadonlySet<string> = words(`
  问题 时间 人们 人 人类 世界 地方 方面 方式 方法 办法 情况 状况 部分 例子 原因 结果 结论 观点 看法 想法
  意见 角度 事物 物 样子 程度 水平 层面 领域 行业 内容 过程 阶段 步骤 环节 条件 因素 作用 影响 关系 区别
  差异 区分 年代 时代 时期 小时 分钟 时刻 公司 企业 团队 朋友 家人 孩子 老师 学生 同事 伙伴 嘉宾 主持人
  听众 观众 先生 女士 事实 本质 总体 整体 数字 数量 规模 速度 质量 价格 成本 价值 意义 目标 目的 任务 机会
  风险 挑战 优势 劣势 好处 坏处 工作 生活 学习 研究 需求 中 人士 能力 技术 美元 系统 服务 答案 文章 方向
  样子 同学 个人 信息 版本 东西们 细节 历史 原因之一 例如说
`);

/**
 * Everyday verbs, adjectives, adverbs, time words and pleasantries: never a concept on their own
 * and never the first word of one (制造芯片, 进行微调, 建立数据中心 are phrases, not terms).
 */
export const ZH_GENERIC_PREDICATES: ReadonlySet<string> = words(`
  谈论 强大 建造 运行 关注 倾向 来自 喜欢 得到 表明 推动 扩大 取得 超过 变得 花费 获得 加入 做出 添加 受益 输入 得出 带来 拥有 提高 减少 增加
  令人 作为 用于 之一 一家 一篇 一轮 一方 一条 一项 一台 东西 事情 事 时候 现在 今天 明天 昨天 今年
  去年 明年 当时 当下 目前 以往 未来 过去 最近 后来 之后 年份 月份 岁月 一年 半年 几年 十年 瞬间 那天
  这天 天 周 星期 大佬 小伙伴 各位 朋友们
  重要 主要 简单 复杂 困难 容易 不同 相同 同样 类似 相似 一致 明显 清楚 正确 错误 准确 真正 真实 实际 具体
  基本 一般 普通 通常 经常 往往 常常 总是 一定 肯定 绝对 完全 根本 几乎 大概 大约 左右 差不多 可能性
  好 坏 大 小 多 少 高 低 长 短 快 慢 新 旧 早 晚 强 弱 难 对 错 真 假 美 贵 便宜
  很大 很多 很好 很快 很难 很高 很强 更多 更好 更大 最好 最大 最多 巨大 大型 小型 超级 极大
  有趣 有意思 厉害 酷 棒 疯狂 奇怪 惊人 惊讶 可怕 不错 优秀 出色 伟大 美好 糟糕 荒谬 愚蠢 聪明
  做 做了 做到 做出 进行 开始 结束 继续 完成 实现 获得 得到 拿到 找到 看到 听到 想到 提到 说到 谈到 讲到
  使用 利用 采用 应用 运用 需要 想要 希望 喜欢 愿意 打算 准备 试图 尝试 试 努力 帮助 支持 允许
  出现 发生 存在 产生 造成 导致 带来 引起 变成 成为 变得 改变 变化 增加 减少 提高 降低 增长 下降 提升
  认为 知道 觉得 相信 理解 明白 了解 意识 意识到 注意 注意到 发现 考虑 思考 讨论 聊 聊聊 谈 谈谈 问 回答
  说 说话 讲话 告诉 表示 提出 指出 解释 描述 介绍 分享 展示 显示 证明 表明 意味着 意味 代表 称为 叫做
  看 看看 看起来 看来 听 听说 感觉 感受 感到 认识 记住 忘记 想象 假设 判断 决定 选择 比较 对比
  做事 开发 建立 建设 创建 创造 制造 生产 设计 构建 打造 推出 发布 发表 宣布 购买 出售 销售 租用
  买 卖 花 付 赚 赚钱 花钱 投入 投资 拥有 持有 控制 管理 负责 参与 加入 离开 进入 回到 来到 走 跑 坐 站
  给出 提供 保持 保证 确保 达到 到达 满足 符合 包括 包含 涉及 属于 有关 相关 对应 相对 针对 面对 处理 解决
  一些事情 很多事情 所有人 每个人 任何人 很多人 一些人 这件事 那件事 这一点 那一点 这方面 各方面
  点儿 一点儿 对不对 是不是 有没有 能不能 会不会 要不要 好不好 怎么办 为啥 干嘛
  谢谢 感谢 欢迎 你好 大家好 再见 抱歉 对不起 不好意思 哈哈 哈哈哈
  事实上 本质上 基本上 理论上 原则上 总的来说 一方面 另一方面
`);

/**
 * Particles that glue phrases, not terms: a rebuilt term never contains them (人工智能的发展 is a
 * phrase; 基于人类反馈的强化学习 is only found through the glossary). Characters that also occur
 * inside words the segmenter cuts apart (在 in 潜|在, 由 in 路|由|器) are not listed.
 */
export const ZH_NEVER_INSIDE: ReadonlySet<string> = words(`
  的 了 着 吗 呢 吧 啊 呀 嘛 哦 嗯 呃 和 与 或 及 我 你 他 她 我们 你们 他们 咱们 这个 那个 这些 那些
  所以 因为 但是 然后 就是 一个 没有 非常 还是 或者 以及 而且 并且 是 被 有 把 让 在 上 中 地 得 到 给 于 所 这 那 都 也 来 它 说 里
`);

/**
 * Localisers and time words that end phrases, not terms (模型中, 互联网上, 训练后): never the last
 * word of a rebuilt term, though they may begin one (后训练, 中期训练, 前馈网络).
 */
export const ZH_NEVER_LAST: ReadonlySet<string> = words(`
  上 中 里 内 外 下 时 后 前 间 之 等 方面 期间 以上 以下 左右 掉 出 起 进行 变得 超过 事情 东西 事 一件事
  最近 去年 今年 明年 现在 时候 以前 以后 之后 之前 当时 人们 作为 之外 什么时候
`);

/** First characters that make a segmenter word a function word when the rest is one (你在, 所做, 而不是). */
const CLITIC_FIRST = new Set([..."我你他她它们这那在是但而也都就还又不没所对把被让给很最更太该其件"]);
/** Last characters that do the same (我的, 可能是, 已经有, 一切都, 中的). */
const CLITIC_LAST = new Set([..."的地得了着过是在有会要能都也就还上中里说吗呢吧啊我你他她它"]);
/** Numerals and determiners that, with a measure word, make a word like 一名, 两个, 这款, 每一代. */
const COUNTING_FIRST = new Set([..."一二两三四五六七八九十百千万亿几数每另这那哪某各"]);
const MEASURE_WORDS = new Set([..."个名位件种次家台条张块片段层篇轮项份句遍场笔代批组套款些点"]);

/**
 * A function word, or a segmenter word that merely glues one to another function or everyday
 * word: Intl.Segmenter returns 我的, 它是, 可能是, 不知道, 最好的 as single words.
 */
export function isChineseFunctionWord(word: string): boolean {
  return ZH_FUNCTION_WORDS.has(word) || isClitic(word);
}

/** An everyday word that is never a concept alone (ZH_GENERIC_NOUNS, ZH_GENERIC_PREDICATES). */
export function isChineseGenericWord(word: string): boolean {
  return ZH_GENERIC_NOUNS.has(word) || ZH_GENERIC_PREDICATES.has(word);
}

function isClitic(word: string): boolean {
  if (word.length < 2) return false;
  const first = word[0] as string;
  const last = word[word.length - 1] as string;
  if (COUNTING_FIRST.has(first) && MEASURE_WORDS.has(last) && word.length <= 3) return true;
  return (
    (CLITIC_FIRST.has(first) && isStopish(word.slice(1))) || (CLITIC_LAST.has(last) && isStopish(word.slice(0, -1)))
  );
}

function isStopish(word: string): boolean {
  return ZH_FUNCTION_WORDS.has(word) || isChineseGenericWord(word) || isClitic(word);
}
