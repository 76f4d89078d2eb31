// The site's progress page. The learner's answers are in this browser's localStorage (quiz.js
// keeps them under "misscourse:<course version>:<lang>:answers"). This script shows them per
// lesson, as charts, as a list of questions to look at again and as a review quiz (quiz.js's
// render with a small stand-in for the widget model), and moves them to and from a file.
//
// The page loads this file (in lib/progress-page.js, after quiz.js made a plain script) and calls
// startProgressPage(data, render); classic scripts, so it works from file:// too. The data comes
// from the shared files in lib/ (sharedPageData). Nothing is sent anywhere. Every text goes in with textContent.
// data.rules and data.chart come from the Python side (answers.py, summary.py, transfer.py,
// charts.py), which applies the same rules and draws the same charts for notebooks.

const SVG_NS = "http://www.w3.org/2000/svg";
const STORE_KEY = /^misscourse:([^:]*):([a-z]+):answers$/;

function make(ns, tag, attrs, ...children) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
const html = (tag, attrs, ...children) => make(null, tag, attrs, ...children);
const svg = (tag, attrs, ...children) => make(SVG_NS, tag, attrs, ...children);

// {n|one|other}: the first form when n is 1 (English singular), else the second (strings.yml).
const PLURAL = /\{(\w+)\|([^|{}]*(?:\{\w+\}[^|{}]*)*)\|([^|{}]*(?:\{\w+\}[^|{}]*)*)\}/g;
function fill(template, values) {
  const chosen = template.replace(PLURAL, (_, key, one, other) => (values[key] === 1 ? one : other));
  return chosen.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
}

function percent(part, whole) {
  return whole ? Math.round((100 * part) / whole) : 0;
}

const byTime = (a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0);

// -- checking one answer record (answers.py's rules) ------------------------------------------
// Returns { record } with the time written as the browser writes it, or { field, problem }.
function checkRecord(r, rules, languages) {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return { field: "", problem: "bad_value" };
  for (const key of Object.keys(r)) if (!rules.fields.includes(key)) return { field: key, problem: "extra_field" };
  for (const key of rules.fields) if (!(key in r)) return { field: key, problem: "missing_value" };
  const text = (v, pattern) => typeof v === "string" && v.length <= rules.maxName && new RegExp(pattern).test(v);
  const index = (v) => Number.isInteger(v) && v >= 0 && v <= rules.maxIndex;
  const a = r.answer;
  const ok = {
    course_version: text(r.course_version, rules.version),
    lang: languages.includes(r.lang),
    lesson: text(r.lesson, rules.lesson),
    quiz: text(r.quiz, rules.name),
    question: text(r.question, rules.question || rules.name), // a question, or <question>/<scene> of a scenario
    answer: a === null || typeof a === "boolean" || index(a) || (Array.isArray(a) && a.length <= rules.maxChoices && a.every(index)),
    correct: typeof r.correct === "boolean",
    time: typeof r.time === "string" && /(Z|[+-]\d\d:?\d\d)$/.test(r.time) && !Number.isNaN(Date.parse(r.time)),
  };
  for (const key of rules.fields) if (!ok[key]) return { field: key, problem: "bad_value" };
  return { record: { ...r, time: new Date(r.time).toISOString() } };
}

// The store's unique key: (lang, question, time, answer).
function recordKey(r) {
  return [r.lang, r.question, r.time, JSON.stringify(r.answer)].join("\u0000");
}

// -- the answers kept in this browser ------------------------------------------------------------
function openStorage() {
  try {
    const storage = window.localStorage;
    storage.setItem("misscourse:probe", "1");
    storage.removeItem("misscourse:probe");
    return storage;
  } catch (err) {
    return null;
  }
}

function readList(storage, key) {
  try {
    const list = JSON.parse(storage.getItem(key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch (err) {
    return [];
  }
}

// Every valid answer in the browser, once each, oldest first (all languages and course versions).
function loadAnswers(storage, data) {
  if (!storage) return [];
  const seen = new Set();
  const found = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!STORE_KEY.test(key)) continue;
    for (const raw of readList(storage, key)) {
      const { record } = checkRecord(raw, data.rules, data.languages);
      if (record && !seen.has(recordKey(record))) {
        seen.add(recordKey(record));
        found.push(record);
      }
    }
  }
  return found.sort(byTime);
}

// Add the records not yet kept, all or nothing; return how many were added.
function saveAnswers(storage, records, known) {
  const lists = new Map();
  let added = 0;
  for (const r of records) {
    if (known.has(recordKey(r))) continue;
    known.add(recordKey(r));
    const key = `misscourse:${r.course_version}:${r.lang}:answers`;
    if (!lists.has(key)) lists.set(key, { before: storage.getItem(key), list: readList(storage, key) });
    lists.get(key).list.push(r);
    added++;
  }
  const written = [];
  try {
    for (const [key, { list }] of lists) {
      storage.setItem(key, JSON.stringify(list));
      written.push(key);
    }
  } catch (err) {
    for (const key of written) {
      const before = lists.get(key).before;
      if (before === null) storage.removeItem(key);
      else storage.setItem(key, before);
    }
    throw err;
  }
  return added;
}

// -- what the answers say (summary.py's rules) -------------------------------------------------
function localDay(time) {
  const d = new Date(time);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function inReview(history, streakNeeded) {
  let streak = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    if (!history[i].correct) return streak < streakNeeded;
    streak++;
  }
  return false;
}

function summarize(data, answers) {
  const byKey = new Map();
  for (const a of answers) {
    const key = `${a.quiz}/${a.question}`;
    if (a.lang !== data.lang || !(key in data.questions)) continue;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(a);
  }
  const rows = data.lessons.map((lesson) => {
    const histories = lesson.questions.map((key) => byKey.get(key) || []);
    const given = histories.flat();
    const row = {
      lesson, questions: lesson.questions.length, answered: histories.filter((h) => h.length).length,
      answers: given.length, right: given.filter((a) => a.correct).length,
    };
    row.done = row.questions > 0 && row.answered === row.questions;
    return row;
  });
  const lastMiss = new Map();
  for (const [key, history] of byKey) {
    if (inReview(history, data.rules.reviewStreak)) lastMiss.set(key, history.filter((a) => !a.correct).pop().time);
  }
  const review = [...lastMiss.keys()].sort((a, b) => (lastMiss.get(a) < lastMiss.get(b) ? 1 : -1));
  const missed = review.map((key) => ({ key, times: byKey.get(key).filter((a) => !a.correct).length }));
  const perDay = new Map();
  for (const history of byKey.values()) {
    for (const a of history) perDay.set(localDay(a.time), (perDay.get(localDay(a.time)) || 0) + 1);
  }
  const days = [...perDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).slice(-data.rules.timelineDays);
  const total = [...byKey.values()].reduce((n, h) => n + h.length, 0);
  return { rows, review, missed, days, answers: total, done: rows.filter((r) => r.done).length };
}

// -- charts (charts.py's drawing) ---------------------------------------------------------------
const r1 = (v) => Math.round(v * 10) / 10;

function chart(c, id, title, desc, height, parts) {
  return svg("svg", {
    xmlns: SVG_NS, class: "miss-chart", id, role: "img", "aria-labelledby": `${id}-title ${id}-desc`,
    viewBox: `0 0 ${c.width} ${height}`, width: c.width, height, "font-family": c.font, "font-size": 14, fill: c.ink,
  }, svg("title", { id: `${id}-title`, text: title }), svg("desc", { id: `${id}-desc`, text: desc }),
  svg("rect", { width: c.width, height, fill: c.paper }), ...parts);
}

function barChart(c, id, title, desc, bars) {
  const parts = [];
  bars.forEach((bar, i) => {
    const y = 8 + i * c.row;
    const label = bar.label.length <= c.labelChars ? bar.label : bar.label.slice(0, c.labelChars - 1).trimEnd() + "\u2026";
    const box = { x: 4, y: y + c.barY, height: c.barH };
    parts.push(svg("text", { x: 4, y: y + 16, text: label }));
    parts.push(svg("rect", { ...box, width: c.barW, fill: c.paper, stroke: c.edge }));
    if (bar.share) parts.push(svg("rect", { ...box, width: r1(c.barW * Math.min(bar.share, 1)), fill: c.bar }));
    parts.push(svg("text", { x: c.barW + 12, y: y + c.barY + 13, "font-weight": 700, text: bar.text }));
  });
  return chart(c, id, title, desc, 12 + bars.length * c.row, parts);
}

function columnChart(c, id, title, desc, columns) {
  const base = 24 + c.plotH;
  const slot = Math.min(80, (c.width - 8) / Math.max(columns.length, 1));
  const highest = Math.max(0, ...columns.map((col) => col.count)) || 1;
  const parts = [svg("line", { x1: 4, y1: base, x2: c.width - 4, y2: base, stroke: c.edge, "stroke-width": 2 })];
  columns.forEach((col, i) => {
    const middle = r1(4 + slot * (i + 0.5));
    const height = r1((c.plotH * col.count) / highest);
    const width = Math.min(c.columnW, slot * 0.7);
    parts.push(svg("rect", { x: r1(middle - width / 2), y: r1(base - height), width: r1(width), height, fill: c.bar }));
    parts.push(svg("text", { x: middle, y: r1(base - height - 6), "text-anchor": "middle", "font-weight": 700, text: String(col.count) }));
    parts.push(svg("text", { x: middle, y: base + 20, "text-anchor": "middle", "font-size": 12, text: col.label }));
  });
  return chart(c, id, title, desc, base + 32, parts);
}

// -- the page --------------------------------------------------------------------------------
// The page's data from the shared files in lib/, each of which sets one entry of window.MissShared:
// "progress/<lang>" (lessons, words, rules), "ui/<lang>" (the quiz's interface words) and
// "quiz/<lang>/<id>" (each quiz), plus the page's own extra data. data.questions maps
// "<quiz>/<question>" to the question as quiz.js reads it, with its quiz and lesson.
function sharedPageData(lang, extra) {
  const shared = window.MissShared || {};
  const need = (key) => {
    if (shared[key] === undefined) throw new Error(`the shared file for ${key} did not load`);
    return shared[key];
  };
  const data = { ...need(`progress/${lang}`), ui: need(`ui/${lang}`), questions: {}, ...(extra || {}) };
  for (const lesson of data.lessons) {
    for (const key of lesson.questions) {
      const cut = key.indexOf("/");
      const quizId = key.slice(0, cut), questionId = key.slice(cut + 1);
      const question = need(`quiz/${lang}/${quizId}`).questions.find((q) => q.id === questionId);
      if (!question) throw new Error(`quiz ${quizId} has no question ${questionId}`);
      data.questions[key] = { ...question, quiz: quizId, lesson: lesson.slug };
    }
  }
  return data;
}

// A progress file's records (the progress page's import and the class view) ({ records }), or why it cannot be used ({ reason }, in the learner's words).
function readDocument(text, data) {
  const w = data.words, rules = data.rules;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { reason: fill(w.bad_json, { detail: err.message }) };
  }
  if (typeof doc !== "object" || doc === null || doc.format !== rules.format) return { reason: w.bad_format };
  if (!Number.isInteger(doc.schema) || doc.schema < 1) return { reason: fill(w.item, { a: "schema", b: w.bad_value }) };
  if (doc.schema > rules.schema) return { reason: fill(w.bad_schema, { schema: doc.schema }) };
  const extra = Object.keys(doc).find((k) => !["format", "schema", "course_version", "answers"].includes(k));
  if (extra !== undefined) return { reason: fill(w.item, { a: extra, b: w.extra_field }) };
  if (typeof doc.course_version !== "string") return { reason: fill(w.item, { a: "course_version", b: w.bad_value }) };
  if (!Array.isArray(doc.answers)) return { reason: fill(w.item, { a: "answers", b: w.bad_value }) };
  const records = [];
  for (let i = 0; i < doc.answers.length; i++) {
    const { record, field, problem } = checkRecord(doc.answers[i], rules, data.languages);
    if (!record) return { reason: fill(w.bad_field, { i: i + 1, field, detail: w[problem] }) };
    records.push(record);
  }
  return { records };
}

function startProgressPage(data, renderQuiz) {
  const w = data.words;
  const rules = data.rules;
  const storage = openStorage();
  const $ = (id) => document.getElementById(id);
  const lessonLabel = (lesson) => fill(w.item, { a: fill(data.ui.lesson, { n: lesson.number }), b: lesson.title });
  const lessonOf = (key) => data.lessons.find((l) => l.slug === data.questions[key].lesson);
  let summary = null;

  function drawTable() {
    const rows = summary.rows.map((r) => {
      const answered = r.questions ? fill(w.answered_of, { a: r.answered, n: r.questions }) : w.no_quiz;
      const right = !r.questions ? w.no_quiz
        : r.answers ? fill(w.right_of, { r: r.right, t: r.answers, p: percent(r.right, r.answers) }) : w.no_answers;
      return html("tr", { class: r.done ? "miss-done" : "miss-not-done" },
        html("th", { scope: "row" }, html("a", { href: r.lesson.url, text: lessonLabel(r.lesson) })),
        html("td", { text: r.done ? w.done_yes : w.done_no }), html("td", { text: answered }), html("td", { text: right }));
    });
    $("miss-progress-table").tBodies[0].replaceChildren(...rows);
    $("miss-progress-summary").textContent = summary.answers
      ? fill(w.summary, { done: summary.done, n: summary.rows.length, answers: summary.answers }) : w.nothing_yet;
  }

  function drawCharts() {
    $("miss-progress-charts").hidden = !summary.answers;
    if (!summary.answers) return;
    const bars = summary.rows.filter((r) => r.questions).map((r) => ({
      label: lessonLabel(r.lesson), share: r.answers ? r.right / r.answers : null,
      text: r.answers ? `${percent(r.right, r.answers)}%` : w.no_answers,
    }));
    $("miss-figure-lessons").replaceChildren(
      barChart(data.chart, "miss-chart-lessons", w.chart_lessons_title, w.chart_lessons_desc, bars),
      html("figcaption", { text: w.chart_lessons_title }));
    const columns = summary.days.map(([day, count]) => ({
      label: new Date(`${day}T12:00:00`).toLocaleDateString(data.htmlLang, { month: "short", day: "numeric" }), count,
    }));
    const head = html("tr", {}, html("th", { scope: "col", text: w.col_day }), html("th", { scope: "col", text: w.col_answers }));
    const body = columns.map((col) => html("tr", {}, html("td", { text: col.label }), html("td", { text: String(col.count) })));
    $("miss-figure-days").replaceChildren(
      columnChart(data.chart, "miss-chart-days", w.chart_days_title, fill(w.chart_days_desc, { n: rules.timelineDays }), columns),
      html("figcaption", { text: w.chart_days_title }),
      html("details", {}, html("summary", { text: w.days_table }),
        html("table", { class: "miss-progress-table" }, html("thead", {}, head), html("tbody", {}, ...body))));
  }

  function drawMissed() {
    const box = $("miss-missed");
    if (!summary.missed.length) {
      box.replaceChildren(html("p", { class: "miss-missed-none", text: w.missed_none }));
      return;
    }
    const [before, rest] = w.item.split("{a}");
    const [middle, end] = rest.split("{b}");
    const items = summary.missed.map((m) => {
      const lesson = lessonOf(m.key);
      const times = fill(w.paren, { text: m.times === 1 ? w.missed_once : fill(w.missed_times, { k: m.times }) });
      return html("li", {}, before, html("a", { href: lesson.url, text: lessonLabel(lesson) }), middle,
        data.questions[m.key].prompt, end, " ", html("span", { class: "miss-missed-times", text: times }));
    });
    box.replaceChildren(html("p", { text: w.missed_intro }), html("ul", { class: "miss-missed" }, ...items));
  }

  function refresh() {
    summary = summarize(data, loadAnswers(storage, data));
    drawTable();
    drawCharts();
    drawMissed();
  }

  // The review: quiz.js's render with a stand-in model. quiz.js keeps each answer in
  // localStorage just after calling send(), so the page refreshes on the next tick.
  function startReview() {
    const box = $("miss-review");
    if (!summary.review.length) {
      box.replaceChildren(html("p", { class: "miss-progress-none", text: w.review_none }));
      return;
    }
    const values = {
      quiz: { id: "review", title: w.review_quiz, questions: summary.review.map((key) => data.questions[key]) },
      ui: data.ui, lang: data.lang, lesson: "", course_version: data.courseVersion,
    };
    const model = { get: (name) => values[name], send() { setTimeout(refresh, 0); }, on() {} };
    const holder = html("div", {});
    box.replaceChildren(holder);
    renderQuiz({ model, el: holder });
  }

  function say(text) {
    $("miss-transfer-status").textContent = text;
  }

  function download() {
    const answers = loadAnswers(storage, data);
    const doc = { format: rules.format, schema: rules.schema, course_version: data.courseVersion, answers };
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 1)], { type: "application/json" }));
    const name = `misscourse-progress-${localDay(new Date().toISOString())}.json`;
    const link = html("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(fill(w.export_done, { n: answers.length, file: name }));
  }


  async function importFile(file) {
    const refuse = (reason) => say(fill(w.import_bad, { file: file.name, reason }));
    if (file.size > rules.maxBytes) return refuse(w.too_big);
    let text;
    try {
      text = await file.text();
    } catch (err) {
      return refuse(fill(w.bad_json, { detail: err.message }));
    }
    const { records, reason } = readDocument(text, data);
    if (!records) return refuse(reason);
    let added;
    try {
      added = saveAnswers(storage, records, new Set(loadAnswers(storage, data).map(recordKey)));
    } catch (err) {
      return refuse(data.ui.storage_off);
    }
    const known = records.length - added;
    say(fill(w.import_done, { added, file: file.name }) + (known ? (data.lang === "zh" ? "" : " ") + fill(w.import_known, { known }) : ""));
    refresh();
  }

  if (!storage) {
    $("miss-progress-notice").textContent = w.storage_off_page;
    $("miss-download").disabled = true;
    $("miss-import").disabled = true;
  }
  $("miss-download").addEventListener("click", download);
  $("miss-import").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (file) importFile(file).finally(() => { event.target.value = ""; });
  });
  $("miss-review-new").addEventListener("click", () => { refresh(); startReview(); });
  window.addEventListener("storage", (event) => { if (!event.key || STORE_KEY.test(event.key)) refresh(); });
  refresh();
  startReview();
}
