// The browser's grader for offline practice: the rules of content/grading.py, in
// JavaScript. The server regrades every answer on sync and is authoritative; this one
// gives feedback at once. Where it cannot be sure (math beyond plain numbers, text whose
// case folding JavaScript does not match), it says so (`pending: true`, "will be checked
// on sync") instead of guessing. content/grading_golden.json holds the cases both graders
// must agree on (node --test runs them here, pytest on the server).

const CORRECT = "Correct!";
const TRY_AGAIN = "Check your work and try again.";
const PENDING = "Saved. This answer will be checked on sync.";

function result(correct, score, feedback) {
  return { valid: true, pending: false, correct, score, feedback };
}

function invalid(feedback) {
  return { valid: false, pending: false, correct: false, score: 0, feedback };
}

function pending() {
  return { valid: true, pending: true, correct: null, score: null, feedback: PENDING };
}

// Exact rationals over BigInt ---------------------------------------------------------

function gcd(a, b) {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function rational(num, den) {
  if (den === 0n) return null;
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

function subtract(a, b) {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

function compare(a, b) {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

function abs(a) {
  return { num: a.num < 0n ? -a.num : a.num, den: a.den };
}

function decimal(text) {
  // "[+-]digits[.digits][e[+-]digits]" -> exact rational (Python's Fraction(text)).
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  let num = BigInt((whole || "0") + fraction);
  let den = 10n ** BigInt(fraction.length);
  const power = Number(exponent);
  if (power >= 0) num *= 10n ** BigInt(power);
  else den *= 10n ** BigInt(-power);
  return rational(sign === "-" ? -num : num, den);
}

function fraction(text) {
  const [top, bottom] = text.split("/").map((part) => part.trim());
  const num = BigInt(top.replace(/^\+/, ""));
  return rational(num, BigInt(bottom));
}

const NON_ASCII_DIGIT = /[^\P{Nd}0-9]/u;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const MIXED = /^([+-]?)(\d+)\s+(\d+)\s*\/\s*(\d+)$/;
const FRACTION = /^[+-]?\d+\s*\/\s*\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,4})?$/;

function cleaned(raw) {
  return raw.normalize("NFKC").trim().replaceAll("\u2212", "-");
}

// content.grading.parse_number: the exact value of a typed number, or null.
export function parseNumber(raw) {
  if (typeof raw === "number") return Number.isFinite(raw) ? decimal(String(raw)) : null;
  if (typeof raw !== "string") return null;
  let text = cleaned(raw);
  if (text.startsWith("$")) text = text.slice(1).trim();
  if (THOUSANDS.test(text)) text = text.replaceAll(",", "");
  const mixed = MIXED.exec(text);
  if (mixed) {
    const [, sign, whole, num, den] = mixed;
    const part = rational(BigInt(num), BigInt(den));
    if (part === null) return null;
    const value = rational(BigInt(whole) * part.den + part.num, part.den);
    return sign === "-" ? rational(-value.num, value.den) : value;
  }
  if (FRACTION.test(text)) return fraction(text);
  if (DECIMAL.test(text)) return decimal(text);
  return null;
}

function gradeNumeric(spec, answer) {
  const value = parseNumber(answer);
  if (value === null) {
    const shown = answer === null || answer === undefined ? "" : String(answer).trim();
    if (!shown) return invalid("Please type a number.");
    // Digits other than 0-9 (Arabic-Indic, Devanagari...): the server reads them, this does not.
    if (NON_ASCII_DIGIT.test(shown)) return pending();
    return invalid(`“${shown.slice(0, 40)}” is not a number. Type digits, like 12, 0.5 or 3/4.`);
  }
  const key = parseNumber(String(spec.numeric_answer));
  const tolerance = abs(parseNumber(String(spec.tolerance ?? "0")));
  const correct = compare(abs(subtract(value, key)), tolerance) <= 0;
  return result(correct, correct ? 1 : 0, correct ? CORRECT : TRY_AGAIN);
}

// Short text ---------------------------------------------------------------------------

// Where JavaScript's toLowerCase() and Python's casefold() part (the few a school answer
// meets); anything else outside them is left to the server.
const FOLDS = { "ß": "ss", "ẞ": "ss", "ς": "σ", "ſ": "s" };
const UNSURE_FOLD = /[\u0130\u13a0-\u13ff\uab70-\uabbf\u1e9e\ufb00-\ufb06\u0345\u1f80-\u1fff]/u;

function normalizeText(text, { caseSensitive, ignorePunctuation }) {
  text = text.normalize("NFKC");
  if (ignorePunctuation) text = text.replace(/\p{P}/gu, " ");
  text = text.split(/[\s\u001c-\u001f\u0085]+/u).filter(Boolean).join(" ");
  if (caseSensitive) return text;
  return text.toLowerCase().replace(/[ßẞςſ]/gu, (ch) => FOLDS[ch]);
}

function gradeShortText(spec, answer) {
  if (typeof answer !== "string" || !answer.trim()) return invalid("Please type an answer.");
  const options = {
    caseSensitive: Boolean(spec.case_sensitive),
    ignorePunctuation: Boolean(spec.ignore_punctuation),
  };
  const keys = spec.accepted_answers ?? [];
  if (!options.caseSensitive && [answer, ...keys].some((text) => UNSURE_FOLD.test(text))) {
    return pending();
  }
  const given = normalizeText(answer, options);
  const correct = keys.some((key) => normalizeText(key, options) === given);
  return result(correct, correct ? 1 : 0, correct ? CORRECT : TRY_AGAIN);
}

// Math: only plain numbers are decided here --------------------------------------------

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const PLAIN_FRACTION = /^[+-]?\d+\/\d+$/;

// As content.math_numbers.plain_number: a digit run of MAX_PLAIN_DIGITS or more, or a
// whole part with a leading zero (`05`, which sympy does not read as 5), is the server's.
const MAX_PLAIN_DIGITS = 30;
const LEADING_ZERO = /(^|[^\d.])0\d/;

function plainNumber(raw) {
  const text = cleaned(raw);
  if (LEADING_ZERO.test(text)) return null;
  if ((text.match(/\d+/g) ?? []).some((run) => run.length >= MAX_PLAIN_DIGITS)) return null;
  if (PLAIN_NUMBER.test(text)) return decimal(text);
  if (PLAIN_FRACTION.test(text)) return fraction(text); // null for n/0: left to the server
  return null;
}

function gradeMath(spec, answer) {
  if (typeof answer !== "string" || !answer.trim()) return invalid("Please type an answer.");
  const given = plainNumber(answer);
  const keys = (spec.accepted_answers ?? []).map(plainNumber);
  if (given === null || keys.length === 0 || keys.some((key) => key === null)) return pending();
  const correct = keys.some((key) => compare(key, given) === 0);
  return result(correct, correct ? 1 : 0, correct ? CORRECT : TRY_AGAIN);
}

// Choices ------------------------------------------------------------------------------

function chosenKeys(answer) {
  if (answer === null || answer === undefined) return null;
  if (typeof answer === "string") return answer.trim() ? [answer.trim()] : null;
  if (Array.isArray(answer)) {
    const keys = answer.map((key) => String(key).trim()).filter(Boolean);
    return keys.length ? keys : null;
  }
  return null;
}

function gradeChoice(spec, answer) {
  const keys = chosenKeys(answer);
  if (keys === null) return invalid("Please choose an answer.");
  const known = new Set(spec.choices.map((choice) => choice.key));
  const unknown = keys.find((key) => !known.has(key));
  if (unknown !== undefined) return invalid(`“${unknown.slice(0, 40)}” is not one of the choices.`);
  const chosen = new Set(keys);
  if (spec.kind === "single_choice" && chosen.size !== 1) return invalid("Choose exactly one answer.");
  const right = new Set(spec.choices.filter((choice) => choice.is_correct).map((c) => c.key));
  const correct = chosen.size === right.size && [...chosen].every((key) => right.has(key));
  let score = correct ? 1 : 0;
  if (!correct && spec.kind === "multiple_choice" && spec.partial_credit && right.size) {
    const hits = [...chosen].filter((key) => right.has(key)).length;
    score = Math.max(0, (hits - (chosen.size - hits)) / right.size);
  }
  let feedback = TRY_AGAIN;
  if (correct) feedback = CORRECT;
  else if (spec.kind === "multiple_choice" && score > 0) {
    feedback = "Partly right: some of your choices are right, but not all of them.";
  } else if (spec.kind === "multiple_choice") {
    feedback = "Choose every answer that is right, and only those.";
  }
  return result(correct, score, feedback);
}

/** Grade `answer` against a spec (content.grading_specs.spec_to_json); never throws. */
export function grade(spec, answer) {
  try {
    if (spec.kind === "numeric") return gradeNumeric(spec, answer);
    if (spec.kind === "short_text") return gradeShortText(spec, answer);
    if (spec.kind === "math") return gradeMath(spec, answer);
    if (spec.kind === "single_choice" || spec.kind === "multiple_choice") {
      return gradeChoice(spec, answer);
    }
  } catch {
    // An input this grader did not foresee: the server decides.
  }
  return pending();
}
