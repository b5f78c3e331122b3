/**
 * English word lists the grader needs: function words that carry no idea of their own (dropped from
 * phrasings and windows), negators, and the words that open a new clause (they end a negation's reach).
 */

/** Function words: a phrasing's meaning lives in its other words. Quantifiers (all, only, few) stay. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "in",
  "on",
  "at",
  "by",
  "for",
  "from",
  "with",
  "into",
  "onto",
  "about",
  "as",
  "than",
  "then",
  "such",
  "and",
  "or",
  "if",
  "that",
  "this",
  "these",
  "those",
  "it",
  "its",
  "itself",
  "they",
  "them",
  "their",
  "there",
  "here",
  "which",
  "who",
  "whom",
  "whose",
  "what",
  "when",
  "where",
  "be",
  "being",
  "do",
  "doing",
  "have",
  "having",
  "will",
  "would",
  "can",
  "could",
  "should",
  "shall",
  "may",
  "might",
  "must",
  "also",
  "just",
  "very",
  "really",
  "quite",
  "actually",
  "basically",
  "simply",
  "like",
  "i",
  "you",
  "we",
  "he",
  "she",
  "me",
  "my",
  "your",
  "our",
  "his",
  "her",
  "us",
  "s",
  "get",
  "gets",
  "got",
  "way",
  "kind",
  "sort",
  "thing",
  "things",
  "stuff",
  "etc",
  "eg",
  "ie",
  "so",
  "up",
]);

/** Single words that negate what follows them in the clause. */
export const ENGLISH_NEGATORS: ReadonlySet<string> = new Set([
  "not",
  "no",
  "never",
  "nothing",
  "nobody",
  "without",
  "none",
  "nor",
  "neither",
  "cannot",
  "unlike",
  "avoid",
  "avoids",
  "avoided",
  "avoiding",
]);

/** Two-word negators: "instead of X", "rather than X" deny X. */
export const ENGLISH_NEGATOR_PAIRS: ReadonlyMap<string, string> = new Map([
  ["instead", "of"],
  ["rather", "than"],
  ["opposed", "to"],
]);

/** "not only X" and "no matter" do not deny X. */
export const ENGLISH_NEGATION_EXCEPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["not", new Set(["only", "just", "merely", "simply"])],
  ["no", new Set(["matter"])],
]);

/** Words that start a new clause: a negation before them does not reach past them. */
export const ENGLISH_CLAUSE_WORDS: ReadonlySet<string> = new Set([
  "but",
  "however",
  "whereas",
  "while",
  "although",
  "though",
  "because",
  "so",
  "yet",
  "instead",
  "rather",
  "therefore",
  "thus",
  "hence",
]);

/** Word replacements applied before stemming: variants learners use for the same idea. */
export const ENGLISH_WORD_VARIANTS: ReadonlyMap<string, string> = new Map([
  ["each", "every"],
  ["per", "every"],
]);

/**
 * Hedges: "almost as good as the teacher" is not the misconception "as good as the teacher". They
 * only stop misconceptions; a key point said with a hedge ("almost the same quality") still counts.
 */
export const ENGLISH_HEDGES: ReadonlySet<string> = new Set(["almost", "nearly", "approximately", "roughly"]);

/** Words that open a relative clause: after a comma they continue the clause before it. */
export const ENGLISH_RELATIVE_WORDS: ReadonlySet<string> = new Set(["which", "where", "who", "whose"]);
