// Grading as a table, run against the quiz front-end's own checking functions (misscourse/static/quiz.js).
// Every kind, with right, wrong, partial, superset, empty and reordered answers. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { grade, gradeDecision, isRight, walkPath } from "../../misscourse/static/quiz.js";

// Options arrive in the order the learner sees them; "key" is each one's place in the quiz file.
const single = {
  kind: "single",
  options: [
    { key: 2, text: "Wait for your visit", correct: false },
    { key: 0, text: "Call your care team today", correct: true },
    { key: 1, text: "Put cream on it", correct: false },
  ],
};
const multiple = {
  kind: "multiple",
  options: [
    { key: 3, text: "d", correct: false },
    { key: 1, text: "b", correct: true },
    { key: 0, text: "a", correct: true },
    { key: 2, text: "c", correct: false },
  ],
};
const multipleAllRight = { kind: "multiple", options: [{ key: 1, correct: true }, { key: 0, correct: true }, { key: 2, correct: true }] };
const multipleOneRight = { kind: "multiple", options: [{ key: 0, correct: false }, { key: 1, correct: false }, { key: 2, correct: true }, { key: 3, correct: false }] };
const trueStatement = { kind: "truefalse", answer: true };
const falseStatement = { kind: "truefalse", answer: false };
const order = { kind: "order", steps: ["first", "second", "third", "fourth"], start: [2, 0, 3, 1] };
// wound -> (good, key 0) nurse -> end; wound -> (bad, key 1) later -> end
const scenario = {
  kind: "scenario",
  scenes: [
    { id: "wound", choices: [{ key: 1, good: false, next: "later" }, { key: 0, good: true, next: "nurse" }] },
    { id: "nurse", choices: [{ key: 0, good: true, next: null }, { key: 1, good: false, next: null }] },
    { id: "later", choices: [{ key: 1, good: false, next: null }, { key: 0, good: true, next: null }] },
  ],
};

const table = [
  // [name, question, response, correct, verdict]
  ["single: the right key", single, 0, true, "right"],
  ["single: a wrong key", single, 2, false, "wrong"],
  ["single: the right option's shown position is not its key", single, 1, false, "wrong"],
  ["single: nothing chosen", single, null, false, "empty"],
  ["single: a key that does not exist", single, 7, false, "wrong"],
  ["single: a list instead of a key", single, [0], false, "wrong"],
  ["single: a boolean instead of a key", single, true, false, "wrong"],

  ["multiple: exactly the right keys", multiple, [0, 1], true, "right"],
  ["multiple: the right keys in another order", multiple, [1, 0], true, "right"],
  ["multiple: partial (one right key missing)", multiple, [1], false, "partial"],
  ["multiple: superset (every right key plus a wrong one)", multiple, [0, 1, 2], false, "partial"],
  ["multiple: every option", multiple, [0, 1, 2, 3], false, "partial"],
  ["multiple: only wrong keys", multiple, [2, 3], false, "wrong"],
  ["multiple: one right and one wrong", multiple, [0, 3], false, "partial"],
  ["multiple: empty", multiple, [], false, "empty"],
  ["multiple: null", multiple, null, false, "empty"],
  ["multiple: shown positions instead of keys", multiple, [1, 2], false, "partial"],
  ["multiple: an unknown key with the right ones", multiple, [0, 1, 9], false, "wrong"],
  ["multiple: a single key, not a list", multiple, 0, false, "wrong"],
  ["multiple: all right when all are right", multipleAllRight, [0, 1, 2], true, "right"],
  ["multiple: all but one when all are right", multipleAllRight, [0, 2], false, "partial"],
  ["multiple: one right when one is right", multipleOneRight, [2], true, "right"],
  ["multiple: one right plus a wrong one when one is right", multipleOneRight, [2, 3], false, "partial"],

  ["truefalse: true for a true statement", trueStatement, true, true, "right"],
  ["truefalse: false for a true statement", trueStatement, false, false, "wrong"],
  ["truefalse: false for a false statement", falseStatement, false, true, "right"],
  ["truefalse: true for a false statement", falseStatement, true, false, "wrong"],
  ["truefalse: nothing chosen", falseStatement, null, false, "empty"],
  ["truefalse: 0 is not false", falseStatement, 0, false, "wrong"],
  ["truefalse: 1 is not true", trueStatement, 1, false, "wrong"],

  ["order: the right order", order, [0, 1, 2, 3], true, "right"],
  ["order: the start order", order, [2, 0, 3, 1], false, "wrong"],
  ["order: two steps swapped", order, [0, 2, 1, 3], false, "partial"],
  ["order: reversed", order, [3, 2, 1, 0], false, "wrong"],
  ["order: a step missing", order, [0, 1, 2], false, "wrong"],
  ["order: a step twice", order, [0, 1, 2, 2], false, "wrong"],
  ["order: an extra step", order, [0, 1, 2, 3, 4], false, "wrong"],
  ["order: empty", order, [], false, "empty"],

  ["scenario: the good path", scenario, [0, 0], true, "right"],
  ["scenario: a good start, then a poor decision", scenario, [0, 1], false, "partial"],
  ["scenario: a poor start, then a good decision", scenario, [1, 0], false, "partial"],
  ["scenario: poor all the way", scenario, [1, 1], false, "wrong"],
  ["scenario: a path that stops half way", scenario, [0], false, "wrong"],
  ["scenario: a decision after the end", scenario, [0, 0, 0], false, "wrong"],
  ["scenario: a key no scene has", scenario, [5, 0], false, "wrong"],
  ["scenario: empty", scenario, [], false, "empty"],
  ["scenario: a single key, not a path", scenario, 0, false, "wrong"],
  ["scenario: nothing", scenario, null, false, "empty"],
  ["order: a number, not a list", order, 0, false, "wrong"],
];

for (const [name, question, response, correct, verdict] of table) {
  test(name, () => {
    assert.deepEqual(grade(question, response), { correct, verdict });
    assert.equal(isRight(question, response), correct);
  });
}

test("grading does not change the response it is given", () => {
  const response = [1, 0];
  grade(multiple, response);
  assert.deepEqual(response, [1, 0]);
});

test("a question without keys (older data) uses each option's place", () => {
  const plain = { kind: "single", options: [{ correct: false }, { correct: true }] };
  assert.equal(isRight(plain, 1), true);
  assert.equal(isRight(plain, 0), false);
});

test("scenario decisions are graded one by one, by key, in their own scene", () => {
  assert.equal(gradeDecision(scenario, "wound", 0), true);
  assert.equal(gradeDecision(scenario, "wound", 1), false);
  assert.equal(gradeDecision(scenario, "later", 0), true);
  assert.equal(gradeDecision(scenario, "nowhere", 0), false);
  assert.equal(gradeDecision(scenario, "wound", 9), false);
});

test("walking a path follows each choice's next scene to an ending", () => {
  assert.deepEqual(walkPath(scenario, [1, 0]).steps.map((s) => s.scene), ["wound", "later"]);
  assert.equal(walkPath(scenario, [1, 0]).complete, true);
  assert.equal(walkPath(scenario, [1]).complete, false);
});

test("an unknown kind is never right", () => {
  assert.deepEqual(grade({ kind: "essay" }, "anything"), { correct: false, verdict: "wrong" });
});
