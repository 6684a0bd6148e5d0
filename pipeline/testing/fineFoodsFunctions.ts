import type { LabelingFunctionInput } from "../ml/labeling/labeling-function";

/**
 * Example labeling functions for the fine_foods sample (review text → great / other),
 * written from how product reviews read rather than fitted to the labels: strong praise
 * and exclamation marks suggest a top score; disappointment, negation and lukewarm
 * words suggest a lower one. A "hedging" function ("but", "however") was tried and
 * dropped: it fires on the same long, nuanced reviews as "negation", and two strongly
 * correlated functions break the label model's independence assumption (it then
 * over-trusts them and under-estimates the share of great reviews, 0.53 vs 0.68).
 */
export const FINE_FOODS_CLASSES = ["great", "other"];

export const FINE_FOODS_LABELING_FUNCTIONS: LabelingFunctionInput[] = [
  { name: "love", kind: "keywords", column: "review", keywords: ["love", "loves", "loved", "adore"], label: "great" },
  {
    name: "superlatives",
    kind: "keywords",
    column: "review",
    keywords: ["best", "excellent", "perfect", "amazing", "awesome", "fantastic", "outstanding", "wonderful", "delicious", "yummy"],
    label: "great",
  },
  {
    name: "recommends",
    kind: "keywords",
    column: "review",
    keywords: ["highly recommend", "favorite", "favourite", "five stars", "5 stars", "will buy again", "can't beat", "must have"],
    label: "great",
  },
  { name: "exclamation", kind: "regex", column: "review", pattern: "!", flags: "", label: "great" },
  {
    name: "complaints",
    kind: "keywords",
    column: "review",
    keywords: ["disappointed", "disappointing", "waste", "terrible", "awful", "horrible", "worst", "refund", "stale", "gross", "threw", "return"],
    label: "other",
  },
  { name: "bad", kind: "keywords", column: "review", keywords: ["bad", "poor", "bland", "weak", "broken", "expired"], label: "other" },
  { name: "negation", kind: "regex", column: "review", pattern: "\\b(not|didn't|don't|doesn't|wasn't|isn't|won't|wouldn't|never)\\b", label: "other" },
  {
    name: "lukewarm",
    kind: "keywords",
    column: "review",
    keywords: ["ok", "okay", "decent", "average", "alright", "mediocre", "so-so", "too sweet", "too salty"],
    label: "other",
  },
];
