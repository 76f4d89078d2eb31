// Edges of the quiz front-end's checking functions that a learner can reach: a right option shown
// first, nothing chosen, numbers that are not option keys, an order with a step that does not exist,
// a story path that goes on after its end. Written against the mutants that survived Stryker
// (stryker.config.mjs). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { choiceOf, grade, walkPath } from "../../misscourse/static/quiz.js";

const single = { kind: "single", options: [{ key: 1, correct: true }, { key: 0, correct: false }] };
const truefalse = { kind: "truefalse", answer: false };
const order = { kind: "order", steps: ["a", "b", "c", "d"], start: [3, 2, 1, 0] };
const multiple = { kind: "multiple", options: [{ key: 0, correct: true }, { key: 1, correct: false }] };
const story = {
  kind: "scenario",
  scenes: [
    { id: "start", choices: [{ key: 0, good: true, next: "end" }, { key: 1, good: false, next: null }] },
    { id: "end", choices: [{ key: 0, good: true, next: null }, { key: 1, good: false }] },
  ],
};

test("a right option shown first is graded right", () => {
  assert.deepEqual(grade(single, 1), { correct: true, verdict: "right" });
  assert.deepEqual(grade(single, 0), { correct: false, verdict: "wrong" });
});

test("nothing chosen is 'empty', whether null or undefined", () => {
  for (const q of [single, truefalse, order, multiple, story]) {
    assert.equal(grade(q, null).verdict, "empty", q.kind);
    assert.equal(grade(q, undefined).verdict, "empty", q.kind);
  }
});

test("a response that is not an option key is wrong, not right by accident", () => {
  for (const r of [-1, 1.5, "1", true]) assert.deepEqual(grade(single, r), { correct: false, verdict: "wrong" }, String(r));
  for (const r of [[-1], [0.5], ["0"], [0, 7]]) assert.equal(grade(multiple, r).verdict, "wrong", JSON.stringify(r));
  assert.deepEqual(grade(truefalse, 0), { correct: false, verdict: "wrong" });
  assert.deepEqual(grade(truefalse, false), { correct: true, verdict: "right" });
});

test("an order must use every step once: missing, unknown or repeated steps are wrong", () => {
  for (const r of [[0, 1, 2], [0, 1, 2, 4], [0, 1, 2, 7], [0, 1, 2, -1], [0, 1, 2, 2.5], [0, 1, 2, 2], [0, 1, 2, 3, 3]]) {
    assert.deepEqual(grade(order, r), { correct: false, verdict: "wrong" }, JSON.stringify(r));
  }
  assert.equal(grade(order, "0123").verdict, "wrong");
  assert.equal(grade(order, [0, 1, 3, 2]).verdict, "partial");
});

test("a question without options or scenes grades wrong instead of failing", () => {
  assert.deepEqual(grade({ kind: "single" }, 0), { correct: false, verdict: "wrong" });
  assert.equal(choiceOf({ kind: "scenario" }, undefined, 0), null);
  assert.equal(choiceOf(story, "start", 5), null);
  assert.equal(choiceOf(story, "nowhere", 0), null);
  assert.equal(choiceOf(story, "start", -1), null);
  assert.equal(choiceOf(story, "end", 1).good, false);
});

test("an unknown kind of question is wrong even when nothing is chosen", () => {
  assert.deepEqual(grade({ kind: "matching" }, null), { correct: false, verdict: "wrong" });
  assert.deepEqual(grade({ kind: "matching" }, [0]), { correct: false, verdict: "wrong" });
});

test("a story path: steps so far, whether it ended and whether it could be walked", () => {
  const ended = walkPath(story, [1]);
  assert.equal(ended.complete, true);
  assert.equal(ended.valid, true);
  assert.deepEqual(walkPath(story, []), { steps: [], complete: false, valid: true });
  const after = walkPath(story, [1, 0]); // a choice after the story ended
  assert.deepEqual([after.steps.length, after.complete, after.valid], [1, false, false]);
  const unknown = walkPath(story, [0, 9]); // no such choice in the second scene
  assert.deepEqual([unknown.steps.length, unknown.complete, unknown.valid], [1, false, false]);
  assert.deepEqual(walkPath(story, [0]), { steps: [{ scene: "start", key: 0, choice: story.scenes[0].choices[0] }], complete: false, valid: true });
  assert.equal(grade(story, [0, 1]).verdict, "partial");
  assert.equal(grade(story, [0]).verdict, "wrong");
});
