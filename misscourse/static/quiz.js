// The course's quiz front-end. Answer checking, feedback, retry and score all run here, so the
// same quiz works in JupyterLab (with a kernel), in exported HTML and in reveal.js slides.
// Every string from a quiz file is put in the page with textContent: never parsed as HTML.

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

// -- checking: pure functions of a question and a response -------------------------------------
export function isRight(q, response) {
  if (q.kind === "single") return response !== null && q.options[response] && q.options[response].correct;
  if (q.kind === "multiple")
    return q.options.every((o, i) => o.correct === response.includes(i));
  if (q.kind === "truefalse") return response === q.answer;
  if (q.kind === "order") return response.every((step, i) => step === i);
  return false;
}

function hasResponse(q, response) {
  if (q.kind === "multiple") return response.length > 0;
  if (q.kind === "order") return true;
  return response !== null;
}

function emptyResponse(q) {
  if (q.kind === "multiple") return [];
  if (q.kind === "order") return q.start.slice();
  return null;
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

function render({ model, el }) {
  const quiz = model.get("quiz");
  const ui = model.get("ui");
  const lang = model.get("lang");
  const viewId = `miss-quiz-${quiz.id}-${++viewCount}`;
  const questions = quiz.questions;
  const state = questions.map((q) => ({ response: emptyResponse(q), checked: false, right: null, tries: 0, hint: false }));
  let current = 0;

  // a div, not a section: reveal.js would take a <section> for a slide of its own
  const root = h("div", { class: "miss-quiz", role: "region", lang: lang === "zh" ? "zh-Hans" : "en", "aria-labelledby": `${viewId}-title` });
  el.replaceChildren(root);

  function record(q, s) {
    const answer = {
      course_version: model.get("course_version"), lang, lesson: q.lesson || model.get("lesson"), quiz: q.quiz || quiz.id,
      question: q.id, answer: s.response, correct: s.right, time: new Date().toISOString(),
    };
    try { model.send({ event: "answer", ...answer }); } catch (err) { /* no kernel: nothing to send */ }
    if (!saveAnswer(model, answer) && !storageWarned) {
      storageWarned = true;
      return ui.storage_off || "";
    }
    return "";
  }

  function firstTryScore() {
    return state.filter((s) => s.tries >= 1 && s.firstRight).length;
  }

  function draw(focusFeedback) {
    const q = questions[current];
    const s = state[current];
    const qid = `${viewId}-q${current}`;
    const box = h("div", { class: "miss-quiz-body" });
    box.append(
      h("h3", { class: "miss-quiz-title", id: `${viewId}-title`, text: `${ui.quiz_label}: ${quiz.title}` }),
      h("p", { class: "miss-quiz-progress", text: fmt(ui.question_of, { i: current + 1, n: questions.length }) }),
    );
    const fieldset = h("fieldset", { class: `miss-q miss-kind-${q.kind}`, "aria-describedby": `${qid}-how` });
    fieldset.append(h("legend", { class: "miss-prompt", text: q.prompt }));
    const how = { single: ui.choose_one, truefalse: ui.choose_one, multiple: ui.choose_all, order: ui.put_in_order }[q.kind];
    fieldset.append(h("p", { class: "miss-how", id: `${qid}-how`, text: how }));
    fieldset.append(q.kind === "order" ? drawOrder(q, s, qid) : drawChoices(q, s, qid));
    box.append(fieldset);

    const actions = h("div", { class: "miss-actions" });
    if (!s.checked) {
      actions.append(h("button", { type: "button", class: "miss-btn miss-check", text: ui.check, onclick: () => check() }));
      if (q.hints.length && !s.hint)
        actions.append(h("button", { type: "button", class: "miss-btn miss-hint-btn", text: ui.hint, onclick: () => { s.hint = true; draw(false); } }));
    } else if (!s.right) {
      actions.append(h("button", { type: "button", class: "miss-btn miss-retry", text: ui.try_again, onclick: () => retry() }));
    }
    box.append(actions);
    if (s.hint && q.hints.length) box.append(h("p", { class: "miss-hint", text: q.hints.join(" ") }));

    const feedback = h("div", { class: "miss-feedback", role: "status", "aria-live": "polite", tabindex: "-1" });
    if (s.message) feedback.append(h("p", { class: "miss-note", text: s.message }));
    if (s.checked) feedback.append(...drawFeedback(q, s));
    box.append(feedback);

    const nav = h("div", { class: "miss-nav" });
    nav.append(
      h("button", { type: "button", class: "miss-btn miss-prev", text: ui.previous, disabled: current === 0, onclick: () => go(-1) }),
      h("button", { type: "button", class: "miss-btn miss-next", text: ui.next, disabled: current === questions.length - 1, onclick: () => go(1) }),
    );
    box.append(nav);
    box.append(h("p", { class: "miss-score", text: fmt(ui.score, { right: firstTryScore(), n: questions.length }) }));
    root.replaceChildren(box);
    if (focusFeedback) feedback.focus({ preventScroll: true });
  }

  function drawChoices(q, s, qid) {
    const multiple = q.kind === "multiple";
    const options = q.kind === "truefalse"
      ? [{ text: ui.true_label, value: true }, { text: ui.false_label, value: false }]
      : q.options.map((o, i) => ({ text: o.text, value: i, correct: o.correct }));
    const list = h("div", { class: "miss-options" });
    options.forEach((o, i) => {
      const id = `${qid}-o${i}`;
      const chosen = multiple ? s.response.includes(o.value) : s.response === o.value;
      const input = h("input", { type: multiple ? "checkbox" : "radio", name: qid, id, checked: chosen, disabled: s.checked });
      input.addEventListener("change", () => {
        if (multiple) {
          s.response = input.checked ? [...s.response, o.value].sort((a, b) => a - b) : s.response.filter((v) => v !== o.value);
        } else {
          s.response = o.value;
        }
        s.message = "";
      });
      const row = h("div", { class: "miss-option" }, input, h("label", { for: id, text: o.text }));
      if (s.checked) {
        const isCorrect = q.kind === "truefalse" ? o.value === q.answer : o.correct;
        if (isCorrect) row.classList.add("miss-is-correct");
        if (chosen && !isCorrect) row.classList.add("miss-is-wrong");
        const mark = isCorrect ? `\u2713 ${ui.correct_answer}` : chosen ? `\u2717 ${ui.you_chose}` : "";
        if (mark) row.prepend(h("span", { class: "miss-mark", text: mark }));
      }
      list.append(row);
    });
    return list;
  }

  function drawOrder(q, s, qid) {
    const list = h("ol", { class: "miss-steps" });
    s.response.forEach((stepIndex, pos) => {
      const text = q.steps[stepIndex];
      const item = h("li", { class: "miss-step" });
      if (s.checked) item.classList.add(stepIndex === pos ? "miss-is-correct" : "miss-is-wrong");
      const label = h("span", { class: "miss-step-text", text });
      if (s.checked) label.prepend(h("span", { class: "miss-mark", text: stepIndex === pos ? "\u2713 " : "\u2717 " }));
      const arrow = (glyph, word) => [h("span", { "aria-hidden": "true", text: glyph }), h("span", { class: "miss-btn-word", text: ` ${word}` })];
      const up = h("button", { type: "button", class: "miss-btn miss-up", "aria-label": `${ui.move_up}: ${text}`, disabled: s.checked || pos === 0 }, ...arrow("\u2191", ui.move_up));
      const down = h("button", { type: "button", class: "miss-btn miss-down", "aria-label": `${ui.move_down}: ${text}`, disabled: s.checked || pos === s.response.length - 1 }, ...arrow("\u2193", ui.move_down));
      up.addEventListener("click", () => move(pos, -1, "up"));
      down.addEventListener("click", () => move(pos, 1, "down"));
      item.append(label, h("span", { class: "miss-step-buttons" }, up, down));
      list.append(item);
    });
    return list;
  }

  function move(pos, delta, which) {
    const s = state[current];
    const other = pos + delta;
    [s.response[pos], s.response[other]] = [s.response[other], s.response[pos]];
    draw(false);
    // keep keyboard focus on the moved step's button so a keyboard user can keep moving it
    const buttons = root.querySelectorAll(`.miss-step:nth-child(${other + 1}) .miss-${which}`);
    const target = buttons[0] && !buttons[0].disabled ? buttons[0] : root.querySelector(`.miss-step:nth-child(${other + 1}) button:not([disabled])`);
    if (target) target.focus();
  }

  function drawFeedback(q, s) {
    const out = [h("p", { class: s.right ? "miss-verdict miss-right" : "miss-verdict miss-wrong", text: (s.right ? "\u2713 " + ui.correct : "\u2717 " + ui.not_quite) })];
    if (q.kind === "single" || q.kind === "multiple") {
      const chosen = q.kind === "single" ? [s.response] : s.response;
      const shown = q.kind === "single" ? chosen : q.options.map((_, i) => i).filter((i) => chosen.includes(i) !== q.options[i].correct || chosen.includes(i));
      for (const i of shown) {
        const o = q.options[i];
        if (o && o.feedback) out.push(h("p", { class: "miss-option-feedback", text: `${o.text}: ${o.feedback}` }));
      }
    } else if (q.kind === "truefalse") {
      out.push(h("p", { class: "miss-option-feedback", text: s.response ? q.if_true : q.if_false }));
    } else if (q.kind === "order") {
      const right = s.response.filter((step, i) => step === i).length;
      out.push(h("p", { class: "miss-option-feedback", text: fmt(ui.order_right_places, { right, n: q.steps.length }) }));
      if (!s.right) out.push(h("ol", { class: "miss-right-order", "aria-label": ui.correct_answer }, ...q.steps.map((t) => h("li", { text: t }))));
    }
    out.push(h("p", { class: "miss-explanation" }, h("strong", { text: ui.why + " " }), document.createTextNode(q.explanation)));
    return out;
  }

  function check() {
    const q = questions[current];
    const s = state[current];
    if (!hasResponse(q, s.response)) {
      s.message = ui.pick_first;
      draw(true);
      return;
    }
    s.checked = true;
    s.right = Boolean(isRight(q, s.response));
    s.tries += 1;
    if (s.tries === 1) s.firstRight = s.right;
    s.message = record(q, s);
    draw(true); // focus moves to the feedback: announced, and slide keys work again
  }

  function retry() {
    const q = questions[current];
    const s = state[current];
    s.checked = false;
    s.right = null;
    s.message = "";
    s.response = emptyResponse(q);
    draw(false);
    const first = root.querySelector("input, .miss-step button:not([disabled])");
    if (first) first.focus();
  }

  function go(delta) {
    current = Math.max(0, Math.min(questions.length - 1, current + delta));
    draw(false);
    const target = root.querySelector(delta > 0 ? ".miss-next" : ".miss-prev");
    if (target && !target.disabled) target.focus();
    else { const other = root.querySelector(delta > 0 ? ".miss-prev" : ".miss-next"); if (other) other.focus(); }
  }

  draw(false);
}

export default { render };
