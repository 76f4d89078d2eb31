// The class view (class.html): an instructor opens several progress files that learners
// downloaded from their progress page, and sees which questions the class missed most on the
// first try: the same table and chart as `misscourse progress class` (transfer.py's
// class_report and class_svg), worked out in this browser. Nothing is uploaded; no names are
// needed (one file is one learner). The page inlines progress.js before this file and uses its
// helpers (readDocument, checkRecord, barChart, fill, html). Every text goes in with textContent.

function classReport(data, files) {
  // files: [{ name, records }] in the order they were opened. An answer found in several files
  // (same language, question, time and response) counts once, for the first file that holds it.
  const seen = new Set();
  const first = new Map(); // question key -> Map(learner -> first answer)
  let learners = 0;
  files.forEach((file, learner) => {
    let kept = 0;
    for (const r of [...file.records].sort(byTime)) {
      const key = `${r.quiz}/${r.question}`;
      const same = JSON.stringify([r.lang, r.question, r.time, r.answer]);
      if (seen.has(same) || !(key in data.questions)) continue;
      seen.add(same);
      kept += 1;
      if (!first.has(key)) first.set(key, new Map());
      if (!first.get(key).has(learner)) first.get(key).set(learner, r);
    }
    if (kept) learners += 1;
  });
  const lessonOf = {};
  for (const lesson of data.lessons) for (const key of lesson.questions) lessonOf[key] = lesson.number;
  const rows = [];
  for (const [key, byLearner] of first) {
    const answers = [...byLearner.values()];
    const [quiz, id] = key.split("/");
    const info = { quiz, id, prompt: data.questions[key].prompt, number: lessonOf[key] || 0 };
    rows.push({ key, info, learners: answers.length, missed: answers.filter((a) => !a.correct).length });
  }
  const share = (r) => (r.learners ? r.missed / r.learners : 0);
  rows.sort((a, b) => share(b) - share(a) || b.missed - a.missed || a.info.number - b.info.number
    || (a.info.quiz < b.info.quiz ? -1 : a.info.quiz > b.info.quiz ? 1 : 0) || (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0));
  return { rows, learners };
}

function startClassPage(data) {
  const w = data.words;
  const $ = (id) => document.getElementById(id);
  const opened = []; // { name, records }
  const refused = [];

  function say(text) {
    $("miss-class-status").textContent = text;
  }

  function draw() {
    const { rows, learners } = classReport(data, opened);
    $("miss-class-intro").textContent = opened.length ? fill(w.class_intro, { learners }) : w.class_start;
    const list = $("miss-class-refused");
    list.replaceChildren(...refused.map((r) => html("li", { text: fill(w.class_refused, { file: r.name, reason: r.reason }) })));
    list.hidden = !refused.length;
    const files = $("miss-class-files");
    files.replaceChildren(...opened.map((f) => html("li", { text: f.name })));
    const table = $("miss-class-table");
    const body = table.querySelector("tbody");
    const figure = $("miss-class-figure");
    if (!rows.length) {
      body.replaceChildren();
      table.hidden = true;
      figure.replaceChildren();
      $("miss-class-none").hidden = !opened.length;
      return;
    }
    $("miss-class-none").hidden = true;
    table.hidden = false;
    body.replaceChildren(...rows.map((r) => html("tr", {},
      html("th", { scope: "row", text: `${r.info.quiz}/${r.info.id}: ${r.info.prompt}` }),
      html("td", { text: fill(data.ui.lesson, { n: r.info.number }) }),
      html("td", { text: fill(w.missed_of, { m: r.missed, n: r.learners, p: percent(r.missed, r.learners) }) }))));
    const bars = rows.slice(0, data.chartBars).map((r) => ({
      label: `${r.info.quiz}/${r.info.id}: ${r.info.prompt}`, share: r.learners ? r.missed / r.learners : 0,
      text: fill(w.missed_short, { m: r.missed, n: r.learners, p: percent(r.missed, r.learners) }),
    }));
    figure.replaceChildren(barChart(data.chart, "miss-class-chart", w.class_title, w.class_chart_desc, bars));
  }

  async function open(fileList) {
    const files = [...fileList];
    let added = 0;
    for (const file of files) {
      const refuse = (reason) => refused.push({ name: file.name, reason });
      if (file.size > data.rules.maxBytes) { refuse(w.too_big); continue; }
      let text;
      try {
        text = await file.text();
      } catch (err) {
        refuse(fill(w.bad_json, { detail: err.message }));
        continue;
      }
      const { records, reason } = readDocument(text, data);
      if (!records) { refuse(reason); continue; }
      opened.push({ name: file.name, records });
      added += 1;
    }
    say(fill(w.class_opened, { n: added, files: files.length }));
    draw();
  }

  const input = $("miss-class-input");
  input.addEventListener("change", () => { open(input.files); input.value = ""; });
  const zone = $("miss-class-drop");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("miss-drop-over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("miss-drop-over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("miss-drop-over");
    if (e.dataTransfer && e.dataTransfer.files) open(e.dataTransfer.files);
  });
  $("miss-class-clear").addEventListener("click", () => {
    opened.length = 0;
    refused.length = 0;
    say("");
    draw();
  });
  draw();
}
