/**
 * Token estimates before a request is sent, for budgets ("a tutor turn sends at most 6k input
 * tokens") and for the cost shown before enrichment. Real counts come back from the provider.
 */

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/gu;

/**
 * About how many tokens a text costs: Chinese characters about one each (most tokenizers spend
 * 0.7-1.5 per character), everything else about four characters per token. Errs on the high side
 * so that budgets hold with tokenizers we do not know.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const han = text.match(HAN)?.length ?? 0;
  const rest = text.length - han;
  return Math.ceil(han * 1.1 + rest / 3.6);
}
