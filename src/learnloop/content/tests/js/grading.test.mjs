// The browser grader against the golden table (pytest runs the same table against the
// server's grader: content/tests/test_grading_golden.py). Run: make test-js.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { grade, parseNumber } from "../../static/content/grading.mjs";

const golden = JSON.parse(
  readFileSync(new URL("../../grading_golden.json", import.meta.url), "utf8"),
);

for (const item of golden.cases) {
  test(item.name, () => {
    const got = grade(item.spec, item.answer);
    if (item.browser === "defers") {
      assert.equal(got.pending, true, "the browser must leave this case to the server");
      assert.match(got.feedback, /checked on sync/);
      return;
    }
    assert.equal(got.pending, false, "the browser must decide this case");
    assert.equal(got.valid, item.expect.valid);
    assert.equal(got.correct, item.expect.correct);
    assert.equal(got.score, item.expect.score);
    if (!got.valid) assert.ok(got.feedback.length > 0);
  });
}

test("every kind of item has golden cases the browser decides", () => {
  const kinds = new Set(golden.cases.filter((c) => c.browser === "decides").map((c) => c.spec.kind));
  for (const kind of ["single_choice", "multiple_choice", "numeric", "short_text", "math"]) {
    assert.ok(kinds.has(kind), kind);
  }
});

test("numbers are exact: 0.1 + 0.2 style rounding never decides a grade", () => {
  const spec = { kind: "numeric", numeric_answer: "3/10", tolerance: "0" };
  assert.equal(grade(spec, "0.3").correct, true);
  assert.equal(grade(spec, "0.30000000000000004").correct, false);
  assert.equal(parseNumber("1e-4").den, 10000n);
});

test("an unknown kind is left to the server, never graded wrong", () => {
  assert.equal(grade({ kind: "essay" }, "anything").pending, true);
});
