/* SCORM 1.2 runtime of a course package (a lesson page or a class plan deck in a hospital's LMS).
 *
 * Added to the page only inside a SCORM package (misscourse/site/scorm.py). It finds the LMS's
 * API object the way SCORM 1.2's run-time environment says (window.parent, up to 7 levels, then
 * window.opener and its parents) and, when there is none, does nothing: the page works alone.
 *
 * The quizzes draw and check answers themselves (quiz.js); each checked answer bubbles up as a
 * "misscourse:answer" event. This script turns those into the LMS's data model:
 *   - cmi.interactions.n.* for every checked answer (id, type, student_response, result,
 *     correct_responses.0.pattern, time);
 *   - cmi.core.score.raw/min/max: the share of questions right on the first try, 0-100;
 *   - cmi.core.lesson_status: incomplete until every question has been answered, then passed or
 *     failed against the mastery score (the LMS's cmi.student_data.mastery_score, else the
 *     course's);
 *   - cmi.suspend_data (what resuming needs: first-try results, answers counted, the place) and
 *     cmi.core.lesson_location, then LMSCommit.
 * On leaving: cmi.core.session_time, cmi.core.exit ("suspend" while unfinished), LMSCommit,
 * LMSFinish. When the LMS says cmi.core.entry is "resume", the first-try results and the place
 * come back from cmi.suspend_data. Every call's result and LMSGetLastError are checked; a failing
 * LMS is logged (window.MissScorm.errors) and never stops the quiz.
 */
(function () {
  "use strict";
  var STATE = "application/vnd.jupyter.widget-state+json";
  var MAX_LEVELS = 7;
  var SUSPEND_LIMIT = 4096; // characters, SCORM 1.2
  var config = window.MissScormConfig || {};
  var status = { found: false, initialized: false, finished: false, errors: [], resumed: false };
  window.MissScorm = status;

  function findIn(win) {
    var levels = 0;
    try {
      while (win && !win.API && win.parent && win.parent !== win && levels < MAX_LEVELS) {
        levels += 1;
        win = win.parent;
      }
      return (win && win.API) || null;
    } catch (err) {
      return null; // a parent from another origin cannot be read
    }
  }
  var api = findIn(window);
  if (!api && window.opener) api = findIn(window.opener);
  if (!api) return;
  status.found = true;

  function lastError(name, args) {
    var code = "0";
    try { code = String(api.LMSGetLastError()); } catch (err) { code = "exception"; }
    if (code !== "0" && code !== "") {
      var text = "";
      try { text = String(api.LMSGetErrorString(code)); } catch (err) { /* no text */ }
      status.errors.push(name + "(" + args.join(", ") + "): error " + code + (text ? " " + text : ""));
      return false;
    }
    return true;
  }
  function call(name, args) {
    var result;
    try {
      result = String(api[name].apply(api, args));
    } catch (err) {
      status.errors.push(name + ": " + err);
      return null;
    }
    var ok = lastError(name, args);
    if ((name !== "LMSGetValue" && result !== "true") || !ok) {
      if (ok) status.errors.push(name + "(" + args.join(", ") + ") returned " + result);
      return null;
    }
    return result;
  }
  var get = function (el) { return call("LMSGetValue", [el]); };
  var set = function (el, value) { return call("LMSSetValue", [el, String(value)]) !== null; };

  // -- the questions of this page, from the widget state nbconvert embedded -----------------------
  var questions = {}; // key -> { kind, pattern, quiz, id }
  var order = [];
  // Responses and patterns name options by their key (their place in the quiz file), as the
  // quiz's answer events do: 0 -> "a", 1 -> "b" ...
  function letter(i) { return String.fromCharCode(97 + i); }
  function keysWhere(items, test) {
    return (items || []).map(function (o, i) { return test(o) ? letter(typeof o.key === "number" ? o.key : i) : null; })
      .filter(function (x) { return x; }).join(",");
  }
  function addQuiz(quiz) {
    (quiz.questions || []).forEach(function (q) {
      if (q.resident) return; // residents' questions are extra, not part of the score
      var key = (q.quiz || quiz.id) + "." + q.id;
      if (questions[key]) return;
      var pattern = "";
      if (q.kind === "single" || q.kind === "multiple") {
        pattern = keysWhere(q.options, function (o) { return o.correct; });
      } else if (q.kind === "truefalse") {
        pattern = q.answer ? "t" : "f";
      } else if (q.kind === "order") {
        pattern = (q.steps || []).map(function (s, i) { return letter(i); }).join(",");
      }
      questions[key] = { kind: q.kind, pattern: pattern, quiz: q.quiz || quiz.id, id: q.id, scenes: q.scenes || [] };
      order.push(key);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('script[type="' + STATE + '"]'), function (script) {
    var data;
    try { data = JSON.parse(script.textContent); } catch (err) { return; }
    var state = (data && data.state) || {};
    Object.keys(state).forEach(function (id) {
      var s = state[id] && state[id].state;
      // a quiz whose data is in a shared file of lib/: the widget host puts it back
      if (s && s.miss_shared && window.MissWidgets) { try { s = window.MissWidgets.resolve(s); } catch (err) { return; } }
      if (s && s.quiz && s.quiz.questions) addQuiz(s.quiz);
    });
  });

  // -- what the learner has done ------------------------------------------------------------------
  var first = {};        // key -> 1 right on the first try, 0 wrong
  var interactions = 0;
  var location = "";
  var started = Date.now();

  function mastery() {
    var lms = parseInt(get("cmi.student_data.mastery_score"), 10);
    if (!isNaN(lms)) return lms;
    return typeof config.mastery === "number" ? config.mastery : 80;
  }
  function counts() {
    var answered = 0, right = 0;
    order.forEach(function (key) {
      if (key in first) { answered += 1; right += first[key]; }
    });
    return { answered: answered, right: right, total: order.length };
  }
  function suspendData() {
    var text = JSON.stringify({ v: 1, first: first, n: interactions, at: location });
    if (text.length > SUSPEND_LIMIT) text = JSON.stringify({ v: 1, first: first, n: interactions });
    return text.length > SUSPEND_LIMIT ? "" : text;
  }
  function report() {
    var c = counts();
    var raw = c.total ? Math.round((100 * c.right) / c.total) : 0;
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", raw);
    if (c.total && c.answered >= c.total) {
      set("cmi.core.lesson_status", raw >= mastery() ? "passed" : "failed");
    } else {
      set("cmi.core.lesson_status", "incomplete");
    }
    var data = suspendData();
    if (data) set("cmi.suspend_data", data);
    if (location) set("cmi.core.lesson_location", location.slice(0, 255));
    call("LMSCommit", [""]);
  }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function clock(date) { return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2); }
  function sessionTime(ms) {
    var s = Math.max(0, ms) / 1000;
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(sec.toFixed(2), 5);
  }
  function responseText(kind, answer) {
    if (kind === "truefalse") return answer === true ? "t" : answer === false ? "f" : "";
    if (Array.isArray(answer)) return answer.map(function (i) { return typeof i === "number" ? letter(i) : String(i); }).join(",");
    if (typeof answer === "number") return letter(answer);
    return String(answer === undefined || answer === null ? "" : answer).slice(0, 255);
  }

  function onAnswer(event) {
    var d = event.detail || {};
    if (!d.question) return;
    var parts = String(d.question).split("/");
    var key = (d.quiz || "") + "." + parts[0];
    var q = questions[key];
    if (!q) return;
    // a scenario sends one event per decision ("story/scene") and one for the whole path ("story")
    var scene = parts[1] ? (q.scenes || []).filter(function (sc) { return sc.id === parts[1]; })[0] : null;
    if (q.kind !== "scenario" || scene) {
      var n = interactions;
      var id = (key + (scene ? "." + scene.id : "")).replace(/[^\x21-\x7e]/g, "_").slice(0, 255);
      var pattern = scene ? keysWhere(scene.choices, function (c) { return c.good; }) : q.pattern;
      set("cmi.interactions." + n + ".id", id);
      set("cmi.interactions." + n + ".type", q.kind === "truefalse" ? "true-false" : q.kind === "order" ? "sequencing" : "choice");
      set("cmi.interactions." + n + ".time", clock(new Date()));
      set("cmi.interactions." + n + ".student_response", responseText(q.kind, d.answer));
      set("cmi.interactions." + n + ".result", d.correct ? "correct" : "wrong");
      if (pattern) set("cmi.interactions." + n + ".correct_responses.0.pattern", pattern);
      interactions += 1;
    }
    // the first try counts: for a story, its first whole path (good only if every decision was)
    if (!scene && !(key in first)) first[key] = d.correct ? 1 : 0;
    location = place() || key;
    report();
  }

  function place() {
    try {
      if (window.Reveal && window.Reveal.getIndices && window.Reveal.isReady && window.Reveal.isReady()) {
        var i = window.Reveal.getIndices();
        return "slide:" + i.h + "/" + (i.v || 0);
      }
    } catch (err) { /* no deck */ }
    return location;
  }

  function finish() {
    if (!status.initialized || status.finished) return;
    status.finished = true;
    location = place() || location;
    var c = counts();
    set("cmi.core.session_time", sessionTime(Date.now() - started));
    set("cmi.core.exit", c.total && c.answered >= c.total ? "" : "suspend");
    var data = suspendData();
    if (data) set("cmi.suspend_data", data);
    if (location) set("cmi.core.lesson_location", location.slice(0, 255));
    call("LMSCommit", [""]);
    call("LMSFinish", [""]);
  }

  function resume() {
    if (get("cmi.core.entry") !== "resume") return;
    var saved = null;
    try { saved = JSON.parse(get("cmi.suspend_data") || "null"); } catch (err) { saved = null; }
    if (!saved || saved.v !== 1) return;
    Object.keys(saved.first || {}).forEach(function (key) {
      if (questions[key]) first[key] = saved.first[key] ? 1 : 0;
    });
    interactions = typeof saved.n === "number" ? saved.n : 0;
    location = saved.at || get("cmi.core.lesson_location") || "";
    status.resumed = true;
  }
  function goTo(where) {
    var m = /^slide:(\d+)\/(\d+)$/.exec(where || "");
    if (m && window.Reveal && window.Reveal.slide) {
      var go = function () { try { window.Reveal.slide(+m[1], +m[2]); } catch (err) { /* stay */ } };
      if (window.Reveal.isReady && window.Reveal.isReady()) go(); else window.Reveal.on("ready", go);
    }
  }

  if (call("LMSInitialize", [""]) === null) return;
  status.initialized = true;
  resume();
  // interactions are numbered on from what the LMS already holds (write-only in 1.2, but the
  // count can be read)
  var held = parseInt(get("cmi.interactions._count"), 10);
  if (!isNaN(held)) interactions = held;
  if (!status.resumed) set("cmi.core.lesson_status", "incomplete");
  report();
  goTo(location);
  document.addEventListener("misscourse:answer", onAnswer);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  status.finish = finish;
})();
