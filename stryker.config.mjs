// Stryker over the quiz's checking functions (misscourse/static/quiz.js: from keyOf to isRight),
// tested by node's own test runner: `npx stryker run`, or `python scripts/mutation.py quiz.js`.
// The report and the sandbox go to a temporary folder, never into the repository.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const QUIZ = "misscourse/static/quiz.js";
const lines = readFileSync(QUIZ, "utf8").split("\n");
const first = lines.findIndex((l) => l.startsWith("const keyOf")) + 1;
const isRight = lines.findIndex((l) => l.startsWith("export function isRight"));
const last = isRight + lines.slice(isRight).findIndex((l) => l === "}") + 1;
const out = process.env.MISSCOURSE_MUTATION_DIR || join(tmpdir(), "misscourse-mutation");

export default {
  mutate: [`${QUIZ}:${first}-${last}`],
  testRunner: "command",
  commandRunner: { command: "node --test tests/js/" },
  coverageAnalysis: "off",
  reporters: ["clear-text", "json"],
  jsonReporter: { fileName: join(out, "stryker", "mutation.json") },
  tempDirName: join(out, "stryker-tmp"),
  cleanTempDir: true,
  ignorePatterns: ["/notebooks", "/assets", "/quizzes", "/site", "/benchmarks", "/reports", "*.egg-info", "/.build-cache"],
  concurrency: 2,
  timeoutMS: 20000,
  thresholds: { high: 90, low: 85, break: null },
};
