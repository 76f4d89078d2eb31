// The course's quiz front-end. Answer checking, feedback, the second try, scenarios and the score
// all run here, so the same quiz works in JupyterLab (with a kernel), in exported HTML and in
// reveal.js slides. Every string from a quiz file is put in the page with textContent: never
// parsed as HTML.
//
// Responses name options by their "key" (their place in the quiz file), not by where they are
// shown, so a recorded answer can be checked again against the quiz file (misscourse/grading.py
// applies the same rules in Python).

let viewCount = 0;

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
}

// -- checking: pure functions of a question (as the widget gets it) and a response --------------
const keyOf = (item, i) => (item && Number.isInteger(item.key) ? item.key : i);
const isIndex = (v) => Number.isInteger(v) && v >= 0;

function optionByKey(q, key) {
  const i = (q.options || []).findIndex((o, j) => keyOf(o, j) === key);
  return i < 0 ? null : q.options[i];
}

function sceneById(q, id) {
  return (q.scenes || []).find((s) => s.id === id) || null;
}

/** The choice with this key in a scenario scene, or null. */
export function choiceOf(q, sceneId, key) {
  const scene = sceneById(q, sceneId);
  if (!scene || !isIndex(key)) return null;
  const i = scene.choices.findIndex((c, j) => keyOf(c, j) === key);
  return i < 0 ? null : scene.choices[i];
}

/** Is this scenario decision a good one? */
export function gradeDecision(q, sceneId, key) {
  const choice = choiceOf(q, sceneId, key);
  return Boolean(choice && choice.good);
}

/** The scenes a path of choice keys walks through: [{scene, key, choice}], and whether it ended. */
export function walkPath(q, keys) {
  const steps = [];
  let scene = q.scenes && q.scenes[0];
  for (const key of keys) {
    if (!scene) return { steps, complete: false, valid: false }; // a choice after the story ended
    const choice = choiceOf(q, scene.id, key);
    if (!choice) return { steps, complete: false, valid: false };
    steps.push({ scene: scene.id, key, choice });
    scene = choice.next ? sceneById(q, choice.next) : null;
  }
  return { steps, complete: scene === null && steps.length > 0, valid: true };
}

/**
 * Grade a response: { correct, verdict } where verdict is "right", "partial" (some of it right),
 * "wrong" or "empty" (nothing chosen).
 * single: an option key; multiple: a list of option keys; truefalse: true or false; order: the
 * step numbers in the order the learner put them (the file lists the steps in the right order);
 * scenario: the choice keys of one path from the first scene to an ending.
 */
export function grade(q, response) {
  const result = (correct, verdict) => ({ correct, verdict: correct ? "right" : verdict });
  if (q.kind === "single") {
    if (response === null || response === undefined) return result(false, "empty");
    const o = isIndex(response) ? optionByKey(q, response) : null;
    return result(Boolean(o && o.correct), "wrong");
  }
  if (q.kind === "multiple") {
    if (!Array.isArray(response)) return result(false, response == null ? "empty" : "wrong");
    if (response.length === 0) return result(false, "empty");
    const chosen = new Set(response);
    const options = q.options.map((o, i) => ({ key: keyOf(o, i), correct: Boolean(o.correct) }));
    if ([...chosen].some((k) => !isIndex(k) || !options.some((o) => o.key === k))) return result(false, "wrong");
    const right = options.filter((o) => o.correct);
    const hits = right.filter((o) => chosen.has(o.key)).length;
    const correct = hits === right.length && chosen.size === right.length;
    return result(correct, hits > 0 ? "partial" : "wrong");
  }
  if (q.kind === "truefalse") {
    if (response === null || response === undefined) return result(false, "empty");
    return result(typeof response === "boolean" && response === q.answer, "wrong");
  }
  if (q.kind === "order") {
    const n = q.steps.length;
    if (!Array.isArray(response)) return result(false, response == null ? "empty" : "wrong");
    if (response.length === 0) return result(false, "empty");
    const isPermutation = response.length === n && response.every(isIndex) && new Set(response).size === n && response.every((s) => s < n);
    if (!isPermutation) return result(false, "wrong");
    const inPlace = response.filter((step, i) => step === i).length;
    return result(inPlace === n, inPlace > 0 ? "partial" : "wrong");
  }
  if (q.kind === "scenario") {
    if (!Array.isArray(response)) return result(false, response == null ? "empty" : "wrong");
    if (response.length === 0) return result(false, "empty");
    const path = walkPath(q, response);
    if (!path.valid || !path.complete) return result(false, "wrong");
    const good = path.steps.filter((s) => s.choice.good).length;
    return result(good === path.steps.length, good > 0 ? "partial" : "wrong");
  }
  return result(false, "wrong");
}

/** Is the response right? */
export function isRight(q, response) {
  return grade(q, response).correct;
}

function emptyResponse(q) {
  if (q.kind === "multiple") return [];
  if (q.kind === "order") return q.start.slice();
  return null;
}

function hasResponse(q, response) {
  if (q.kind === "multiple") return response.length > 0;
  if (q.kind === "order") return true;
  return response !== null;
}

// -- progress kept in the browser (the offline site); JupyterLab sends answers to the kernel --
const STORE_PREFIX = "misscourse";
function storageKey(model) {
  return `${STORE_PREFIX}:${model.get("course_version")}:${model.get("lang")}:answers`;
}
let storageWarned = false; // "answers will not be kept" is said once per page, not once per quiz
function readAnswers(key) {
  const text = window.localStorage.getItem(key);
  try {
    const list = JSON.parse(text || "[]");
    if (Array.isArray(list)) return list;
  } catch (err) { /* not JSON: kept aside below */ }
  window.localStorage.setItem(`${key}:broken-${Date.now()}`, text); // a damaged list is kept, never thrown away
  return [];
}
function saveAnswer(model, record) {
  try {
    const key = storageKey(model);
    const all = readAnswers(key);
    all.push(record);
    window.localStorage.setItem(key, JSON.stringify(all));
    return true;
  } catch (err) {
    return false;
  }
}

// Residents' questions are left out of the patient slides: inside reveal.js, or inside any element
// with the class "miss-hide-resident", or when the host sets the model's show_resident to false.
function hidesResident(model, el) {
  if (model.get("show_resident") === false) return true;
  return Boolean(el.closest && el.closest(".reveal, .miss-hide-resident"));
}

function render({ model, el }) {
  const quiz = model.get("quiz");
  const ui = model.get("ui");
  const lang = model.get("lang");
  const viewId = `miss-quiz-${quiz.id}-${++viewCount}`;
  const all = quiz.questions;
  const state = new Map(all.map((q) => [q, fresh(q)]));
  let questions = shown();
  let current = 0;

  function fresh(q) {
    return { response: emptyResponse(q), phase: "answer", tries: 0, firstRight: null, last: null, message: "",
             path: [], scene: q.kind === "scenario" ? q.scenes[0].id : null, paths: 0 };
  }
  function shown() {
    const hide = hidesResident(model, el);
    const list = all.filter((q) => !(hide && q.resident));
    return list.length ? list : all;
  }

  // a div, not a section: reveal.js would take a <section> for a slide of its own
  const root = h("div", { class: "miss-quiz", role: "region", lang: lang === "zh" ? "zh-Hans" : "en", "aria-labelledby": `${viewId}-title` });
  el.replaceChildren(root);

  function record(q, question, response, correct) {
    const answer = {
      course_version: model.get("course_version"), lang, lesson: q.lesson || model.get("lesson"), quiz: q.quiz || quiz.id,
      question, answer: response, correct, time: new Date().toISOString(),
    };
    try { model.send({ event: "answer", ...answer }); } catch (err) { /* no kernel: nothing to send */ }
    try { el.dispatchEvent(new CustomEvent("misscourse:answer", { bubbles: true, detail: answer })); } catch (err) { /* no listener */ }
    if (!saveAnswer(model, answer) && !storageWarned) {
      storageWarned = true;
      return ui.storage_off || "";
    }
    return "";
  }

  function firstTryScore() {
    return questions.filter((q) => state.get(q).firstRight === true).length;
  }

  function draw(focus) {
    const q = questions[current];
    const s = state.get(q);
    const qid = `${viewId}-q${current}`;
    const box = h("div", { class: "miss-quiz-body" });
    box.append(
      h("h3", { class: "miss-quiz-title", id: `${viewId}-title`, text: `${ui.quiz_label}: ${quiz.title}` }),
      h("p", { class: "miss-quiz-progress", text: fmt(ui.question_of, { i: current + 1, n: questions.length }) }),
    );
    const holder = h("div", { class: `miss-question${q.resident ? " miss-resident" : ""}`, "data-question": q.id, "data-kind": q.kind, "data-resident": q.resident ? "true" : null });
    if (q.kind === "scenario") drawScenario(holder, q, s, qid);
    else drawQuestion(holder, q, s, qid);
    box.append(holder);

    const nav = h("div", { class: "miss-nav" });
    nav.append(
      h("button", { type: "button", class: "miss-btn miss-prev", text: ui.previous, disabled: current === 0, onclick: () => go(-1) }),
      h("button", { type: "button", class: "miss-btn miss-next", text: ui.next, disabled: current === questions.length - 1, onclick: () => go(1) }),
    );
    box.append(nav);
    box.append(h("p", { class: "miss-score", text: fmt(ui.score, { right: firstTryScore(), n: questions.length }) }));
    root.replaceChildren(box);
    if (focus) {
      const target = root.querySelector(focus);
      if (target) target.focus({ preventScroll: true });
    }
  }

  // -- single, multiple, true/false, order --------------------------------------------------------
  function drawQuestion(holder, q, s, qid) {
    const locked = s.phase === "done";
    const fieldset = h("fieldset", { class: `miss-q miss-kind-${q.kind}`, "aria-describedby": `${qid}-how` });
    fieldset.append(h("legend", { class: "miss-prompt", text: q.prompt }));
    const how = { single: ui.choose_one, truefalse: ui.choose_one, multiple: ui.choose_all, order: ui.put_in_order }[q.kind];
    fieldset.append(h("p", { class: "miss-how", id: `${qid}-how`, text: how }));
    fieldset.append(q.kind === "order" ? drawOrder(q, s, locked) : drawChoices(q, s, qid, locked));
    holder.append(fieldset);

    const actions = h("div", { class: "miss-actions" });
    if (s.phase !== "done") {
      actions.append(h("button", { type: "button", class: "miss-btn miss-check", text: ui.check, onclick: () => check(q) }));
      if (s.phase === "second")
        actions.append(h("button", { type: "button", class: "miss-btn miss-show", text: ui.show_answer, onclick: () => reveal(q) }));
    } else if (!s.last || !s.last.correct) {
      actions.append(h("button", { type: "button", class: "miss-btn miss-retry", text: ui.try_again, onclick: () => retry(q) }));
    }
    holder.append(actions);

    const feedback = h("div", { class: "miss-feedback", role: "status", "aria-live": "polite", tabindex: "-1" });
    if (s.message) feedback.append(h("p", { class: "miss-note", text: s.message }));
    if (s.last) feedback.append(...drawFeedback(q, s));
    holder.append(feedback);
  }

  function drawChoices(q, s, qid, locked) {
    const multiple = q.kind === "multiple";
    const options = q.kind === "truefalse"
      ? [{ text: ui.true_label, value: true, correct: q.answer === true }, { text: ui.false_label, value: false, correct: q.answer === false }]
      : q.options.map((o, i) => ({ text: o.text, value: keyOf(o, i), correct: o.correct }));
    const list = h("div", { class: "miss-options" });
    options.forEach((o, i) => {
      const id = `${qid}-o${i}`;
      const chosen = multiple ? s.response.includes(o.value) : s.response === o.value;
      const input = h("input", { type: multiple ? "checkbox" : "radio", name: qid, id, checked: chosen, disabled: locked });
      input.addEventListener("change", () => {
        if (multiple) s.response = input.checked ? [...s.response, o.value] : s.response.filter((v) => v !== o.value);
        else s.response = o.value;
        s.message = "";
      });
      const row = h("div", { class: "miss-option" }, input, h("label", { for: id, text: o.text }));
      if (locked) { // the answer is shown: after a right answer, the second try, or "Show the answer"
        if (o.correct) row.classList.add("miss-is-correct");
        if (chosen && !o.correct) row.classList.add("miss-is-wrong");
        const mark = o.correct ? `\u2713 ${ui.correct_answer}` : chosen ? `\u2717 ${ui.you_chose}` : "";
        if (mark) row.prepend(h("span", { class: "miss-mark", text: mark }));
      }
      list.append(row);
    });
    return list;
  }

  function drawOrder(q, s, locked) {
    const list = h("ol", { class: "miss-steps" });
    s.response.forEach((stepIndex, pos) => {
      const text = q.steps[stepIndex];
      const item = h("li", { class: "miss-step" });
      if (locked) item.classList.add(stepIndex === pos ? "miss-is-correct" : "miss-is-wrong");
      const label = h("span", { class: "miss-step-text", text });
      if (locked) label.prepend(h("span", { class: "miss-mark", text: stepIndex === pos ? "\u2713 " : "\u2717 " }));
      const arrow = (glyph, word) => [h("span", { "aria-hidden": "true", text: glyph }), h("span", { class: "miss-btn-word", text: ` ${word}` })];
      const up = h("button", { type: "button", class: "miss-btn miss-up", "aria-label": `${ui.move_up}: ${text}`, disabled: locked || pos === 0 }, ...arrow("\u2191", ui.move_up));
      const down = h("button", { type: "button", class: "miss-btn miss-down", "aria-label": `${ui.move_down}: ${text}`, disabled: locked || pos === s.response.length - 1 }, ...arrow("\u2193", ui.move_down));
      up.addEventListener("click", () => move(q, pos, -1, "up"));
      down.addEventListener("click", () => move(q, pos, 1, "down"));
      item.append(label, h("span", { class: "miss-step-buttons" }, up, down));
      list.append(item);
    });
    return list;
  }

  function move(q, pos, delta, which) {
    const s = state.get(q);
    const other = pos + delta;
    [s.response[pos], s.response[other]] = [s.response[other], s.response[pos]];
    s.message = "";
    draw(null);
    // keep keyboard focus on the moved step's button so a keyboard user can keep moving it
    const buttons = root.querySelectorAll(`.miss-step:nth-child(${other + 1}) .miss-${which}`);
    const target = buttons[0] && !buttons[0].disabled ? buttons[0] : root.querySelector(`.miss-step:nth-child(${other + 1}) button:not([disabled])`);
    if (target) target.focus();
  }

  // An option's text and its feedback are separate elements: "Call your care team right away."
  // never runs into "Yes. ..." with a separator between them.
  function optionFeedback(text, feedback) {
    return h("div", { class: "miss-option-feedback" },
      h("p", { class: "miss-option-said", text }),
      h("p", { class: "miss-option-why", text: feedback }));
  }

  function drawFeedback(q, s) {
    const { response, verdict, correct } = s.last;
    const done = s.phase === "done";
    const word = correct ? ui.correct : verdict === "partial" ? ui.not_quite : ui.not_right || ui.not_quite;
    const out = [h("p", { class: correct ? "miss-verdict miss-right" : "miss-verdict miss-wrong", text: `${correct ? "\u2713" : "\u2717"} ${word}` })];
    if (s.revealed) out.length = 0; // "Show the answer" with no second try: no verdict to give
    if (q.kind === "single" || q.kind === "multiple") {
      const chosen = q.kind === "single" ? [response] : response;
      // before the answer is shown, only the chosen options' own feedback: it never gives the right answer away
      const keys = q.options.map(keyOf).filter((k) => chosen.includes(k) && (done || !optionByKey(q, k).correct || q.kind === "single"));
      for (const k of keys) {
        const o = optionByKey(q, k);
        if (o && o.feedback) out.push(optionFeedback(o.text, o.feedback));
      }
      if (done && q.kind === "multiple") { // the right options the learner did not choose
        for (const o of q.options) if (o.correct && !chosen.includes(keyOf(o, q.options.indexOf(o))) && o.feedback) out.push(optionFeedback(o.text, o.feedback));
      }
      if (!done && q.kind === "multiple" && keys.length === 0 && ui.missing_some) out.push(h("p", { class: "miss-option-why", text: ui.missing_some }));
    } else if (q.kind === "truefalse") {
      out.push(h("p", { class: "miss-option-why", text: response ? q.if_true : q.if_false }));
    } else if (q.kind === "order") {
      const right = response.filter((step, i) => step === i).length;
      out.push(h("p", { class: "miss-option-why", text: fmt(ui.order_right_places, { right, n: q.steps.length }) }));
      if (done && !correct) out.push(h("ol", { class: "miss-right-order", "aria-label": ui.correct_answer }, ...q.steps.map((t) => h("li", { text: t }))));
    }
    if (!done) {
      if (q.hints && q.hints.length) out.push(h("p", { class: "miss-hint" }, h("strong", { text: `${ui.hint_label} ` }), document.createTextNode(q.hints.join(" "))));
      out.push(h("p", { class: "miss-second-try", text: ui.second_try }));
    } else {
      out.push(h("p", { class: "miss-explanation" }, h("strong", { text: ui.why + " " }), document.createTextNode(q.explanation)));
    }
    return out;
  }

  function check(q) {
    const s = state.get(q);
    if (!hasResponse(q, s.response)) {
      s.message = ui.pick_first;
      draw(".miss-feedback");
      return;
    }
    const response = Array.isArray(s.response) ? s.response.slice() : s.response;
    const graded = grade(q, q.kind === "multiple" ? response.slice().sort((a, b) => a - b) : response);
    s.tries += 1;
    if (s.firstRight === null) s.firstRight = graded.correct; // the score counts the first try only
    s.last = { response, ...graded };
    s.revealed = false;
    // a right answer, or a second wrong one, shows the answer; a first wrong one gets a second try
    s.phase = graded.correct || s.phase === "second" ? "done" : "second";
    s.message = record(q, q.id, q.kind === "multiple" ? response.slice().sort((a, b) => a - b) : response, graded.correct);
    draw(".miss-feedback"); // focus moves to the feedback: announced, and slide keys work again
  }

  function reveal(q) {
    const s = state.get(q);
    s.phase = "done";
    s.revealed = true;
    draw(".miss-feedback");
  }

  function retry(q) {
    const s = state.get(q);
    Object.assign(s, { phase: "answer", last: null, message: "", revealed: false, response: emptyResponse(q) });
    draw(null);
    const first = root.querySelector(".miss-question input, .miss-step button:not([disabled])");
    if (first) first.focus();
  }

  // -- scenario: a short story, one decision per scene --------------------------------------------
  // The story reads top to bottom: the setting, the decisions so far, what just happened (announced,
  // and focused after each decision), then the next scene's choices. One block, so it sits in the
  // question's place on a slide.
  function drawScenario(holder, q, s, qid) {
    const block = h("div", { class: "miss-q miss-kind-scenario" });
    block.append(h("p", { class: "miss-prompt miss-setting", text: q.prompt }));
    if (s.path.length) {
      const story = h("ol", { class: "miss-story", "aria-label": ui.story_so_far });
      for (const step of s.path) {
        const choice = choiceOf(q, step.scene, step.key);
        story.append(h("li", { class: `miss-story-step ${choice.good ? "miss-is-correct" : "miss-is-wrong"}` },
          h("span", { class: "miss-scene-text", text: sceneById(q, step.scene).text }), document.createTextNode(" "),
          h("span", { class: "miss-mark", text: choice.good ? "\u2713" : "\u2717" }), document.createTextNode(" "),
          h("span", { class: "miss-story-choice", text: `${ui.you_chose} ${choice.text}` })));
      }
      block.append(story);
    }
    const now = h("div", { class: "miss-story-now", role: "status", "aria-live": "polite", tabindex: "-1" });
    if (s.message) now.append(h("p", { class: "miss-note", text: s.message }));
    const last = s.path[s.path.length - 1];
    if (last) {
      const choice = choiceOf(q, last.scene, last.key);
      now.append(h("p", { class: choice.good ? "miss-verdict miss-right" : "miss-verdict miss-wrong", text: `${choice.good ? "\u2713" : "\u2717"} ${choice.good ? ui.good_choice : ui.poor_choice}` }),
        h("p", { class: "miss-option-why", text: choice.feedback }));
    }
    if (!s.scene) { // the end: how the path went, and what a good path looks like
      const result = grade(q, s.path.map((step) => step.key));
      now.append(h("p", { class: "miss-story-end" }, document.createTextNode(`${ui.story_end} `),
          h("span", { class: result.correct ? "miss-verdict miss-right" : "miss-verdict miss-wrong", text: `${result.correct ? "\u2713" : "\u2717"} ${result.correct ? ui.correct : result.verdict === "partial" ? ui.not_quite : ui.not_right || ui.not_quite}` })),
        h("p", { class: "miss-explanation" }, h("strong", { text: `${ui.good_path} ` }), document.createTextNode(q.explanation)));
    }
    block.append(now);
    if (s.scene) {
      const scene = sceneById(q, s.scene);
      const fieldset = h("fieldset", { class: "miss-scene", "aria-describedby": `${qid}-how` });
      fieldset.append(h("legend", { class: "miss-scene-text", text: scene.text }));
      fieldset.append(h("p", { class: "miss-how", id: `${qid}-how`, text: ui.scenario_how }));
      const list = h("div", { class: "miss-options" });
      scene.choices.forEach((c, i) => {
        const id = `${qid}-${scene.id}-c${i}`;
        const key = keyOf(c, i);
        const input = h("input", { type: "radio", name: `${qid}-${scene.id}`, id, checked: s.response === key });
        input.addEventListener("change", () => { s.response = key; s.message = ""; });
        list.append(h("div", { class: "miss-option" }, input, h("label", { for: id, text: c.text })));
      });
      fieldset.append(list);
      block.append(fieldset);
    }
    holder.append(block);
    holder.append(h("div", { class: "miss-actions" }, s.scene
      ? h("button", { type: "button", class: "miss-btn miss-decide", text: ui.decide, onclick: () => decide(q) })
      : h("button", { type: "button", class: "miss-btn miss-restart", text: ui.start_again, onclick: () => restart(q) })));
  }

  function decide(q) {
    const s = state.get(q);
    if (s.response === null) {
      s.message = ui.pick_first;
      draw(".miss-story-now");
      return;
    }
    const key = s.response;
    const choice = choiceOf(q, s.scene, key);
    s.path.push({ scene: s.scene, key });
    s.message = record(q, `${q.id}/${s.scene}`, key, Boolean(choice.good));
    s.scene = choice.next || null;
    s.response = null;
    if (!s.scene) { // the story ended: the path as a whole is the scenario's answer
      const keys = s.path.map((step) => step.key);
      const result = grade(q, keys);
      s.paths += 1;
      if (s.firstRight === null) s.firstRight = result.correct; // right on the first try: every decision of the first path was good
      s.message = record(q, q.id, keys, result.correct) || s.message;
    }
    draw(".miss-story-now"); // what happened is read out; the next scene's choices follow it
  }

  function restart(q) {
    const s = state.get(q);
    Object.assign(s, { path: [], scene: q.scenes[0].id, response: null, message: "" });
    draw(null);
    const first = root.querySelector(".miss-question input");
    if (first) first.focus();
  }

  function go(delta) {
    current = Math.max(0, Math.min(questions.length - 1, current + delta));
    draw(null);
    const target = root.querySelector(delta > 0 ? ".miss-next" : ".miss-prev");
    if (target && !target.disabled) target.focus();
    else { const other = root.querySelector(delta > 0 ? ".miss-prev" : ".miss-next"); if (other) other.focus(); }
  }

  draw(null);
  // the host may attach the view to the page (inside a slide deck, say) only after render returns
  const recheck = () => {
    const again = shown();
    if (again.length !== questions.length) {
      const q = questions[current];
      questions = again;
      current = Math.max(0, questions.indexOf(q));
      draw(null);
    }
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(recheck);
  if (model.on) model.on("change:show_resident", recheck);
}

export { render };
export default { render };
