// "My education record" (record.html): one printed page that shows teaching happened and was
// understood: the lessons done and when, each quiz's first-try score, a teach-back line per
// lesson for the instructor (done, initials), the language and whether an interpreter was used,
// and lines for the learner's and the instructor's names. The answers come from this browser's
// store (quiz.js); what is typed here is kept in this browser only, under
// "misscourse:<course version>:<lang>:record", and never sent anywhere. ?lesson=<slug> or
// ?plan=<id> limits the page to one lesson or one class plan. The page inlines progress.js
// before this file and uses its helpers (openStorage, loadAnswers, fill, html).

function startRecordPage(data) {
  const w = data.words;
  const $ = (id) => document.getElementById(id);
  const storage = openStorage();
  const key = `misscourse:${data.courseVersion}:${data.lang}:record`;
  const params = new URLSearchParams(window.location.search);
  const plan = data.plans.find((p) => p.id === params.get("plan"));
  const only = params.get("lesson");
  const lessons = data.lessons.filter((l) => (plan ? plan.lessons.includes(l.slug) : only ? l.slug === only : true));
  $("miss-record-for").textContent = plan ? plan.title : lessons.length === 1 ? fill(w.item, {
    a: fill(data.ui.lesson, { n: lessons[0].number }), b: lessons[0].title }) : data.courseTitle;

  let saved = {};
  try {
    saved = JSON.parse((storage && storage.getItem(key)) || "{}") || {};
  } catch (err) {
    saved = {};
  }
  function keep() {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify(saved));
    } catch (err) {
      $("miss-record-notice").textContent = data.ui.storage_off || "";
    }
  }

  // the lessons: done on (the day of the last answer), first-try score of each quiz
  const answers = storage ? loadAnswers(storage, data) : [];
  const firstTry = new Map();
  const lastDay = new Map();
  for (const a of [...answers].sort(byTime)) {
    const qkey = `${a.quiz}/${a.question}`;
    if (!(qkey in data.questions)) continue;
    if (!firstTry.has(qkey)) firstTry.set(qkey, a.correct);
    lastDay.set(a.lesson, a.time);
  }
  const body = $("miss-record-table").querySelector("tbody");
  for (const lesson of lessons) {
    const asked = lesson.questions.filter((q) => firstTry.has(q));
    const right = asked.filter((q) => firstTry.get(q)).length;
    const when = lastDay.get(lesson.slug);
    const score = asked.length ? fill(w.record_score, { r: right, a: asked.length, n: lesson.questions.length, p: percent(right, asked.length) }) : "\u2014";
    const row = saved[lesson.slug] || {};
    const done = html("input", { type: "checkbox", id: `miss-tb-${lesson.slug}`, "aria-label": fill(w.record_teachback_for, { lesson: lesson.title }) });
    done.checked = !!row.teachback;
    done.addEventListener("change", () => { saved[lesson.slug] = { ...(saved[lesson.slug] || {}), teachback: done.checked }; keep(); });
    const initials = html("input", { type: "text", maxlength: 6, size: 4, class: "miss-record-initials", "aria-label": fill(w.record_initials_for, { lesson: lesson.title }) });
    initials.value = row.initials || "";
    initials.addEventListener("input", () => { saved[lesson.slug] = { ...(saved[lesson.slug] || {}), initials: initials.value }; keep(); });
    // each cell carries its column's name, shown beside it when a narrow screen stacks the row
    body.append(html("tr", {},
      html("th", { scope: "row", text: fill(w.item, { a: fill(data.ui.lesson, { n: lesson.number }), b: lesson.title }) }),
      html("td", { "data-label": w.record_col_when, text: when ? new Date(when).toLocaleDateString(data.htmlLang) : "\u2014" }),
      html("td", { "data-label": w.record_col_score, text: score }),
      html("td", { "data-label": w.record_col_teachback }, done),
      html("td", { "data-label": w.record_col_initials }, initials)));
  }

  // the fields: interpreter, names, date
  for (const input of document.querySelectorAll("[data-record]")) {
    const field = input.getAttribute("data-record");
    const value = saved.fields && saved.fields[field];
    if (input.type === "radio") input.checked = value === input.value;
    else if (value !== undefined) input.value = value;
    input.addEventListener(input.type === "radio" ? "change" : "input", () => {
      saved.fields = { ...(saved.fields || {}), [field]: input.value };
      keep();
    });
  }
  $("miss-record-print").addEventListener("click", () => window.print());
  $("miss-record-clear").addEventListener("click", () => {
    if (!window.confirm(w.record_clear_ask)) return;
    saved = {};
    if (storage) storage.removeItem(key);
    window.location.reload();
  });
  if (!storage) $("miss-record-notice").textContent = w.storage_off_page;
}
