/* Read aloud: a button on every slide of a deck and every section of a lesson page that reads its
 * text with the browser's speech synthesis, in a voice of the page's language (en, zh-CN), with
 * pause and stop. Speech stops when the slide changes. The buttons stay hidden when the browser
 * has no voice for the page's language. A classic script: works from file:// too. Its words are
 * the page's (data- attributes of the script element), so this file holds none of its own.
 */
(function () {
  "use strict";
  /* The button words come from the page (misscourse/ui_strings.yml, in the page's language), as
     data- attributes of this script's own element: data-read, -pause, -resume, -stop, -label. */
  var script = document.currentScript;
  var words = script ? {
    read: script.dataset.read, pause: script.dataset.pause, resume: script.dataset.resume,
    stop: script.dataset.stop, label: script.dataset.label,
  } : {};
  var SKIP = ".miss-read-aloud, .notes, script, style, .miss-widget-view, .jupyter-widgets, .miss-sitenav, .jp-CodeCell .jp-InputArea, .anchor-link, [aria-hidden='true']";

  var synth = window.speechSynthesis;
  var pageLang = (document.documentElement.lang || "en").toLowerCase();
  var short = pageLang.indexOf("zh") === 0 ? "zh" : "en";
  var speechLang = short === "zh" ? "zh-CN" : "en-US";
  var controls = [];
  var current = null; // the controls now speaking

  function voiceFor() {
    if (!synth || typeof synth.getVoices !== "function") return null;
    var voices = synth.getVoices() || [];
    var exact = voices.filter(function (v) { return (v.lang || "").replace("_", "-").toLowerCase() === speechLang.toLowerCase(); });
    var near = voices.filter(function (v) { return (v.lang || "").toLowerCase().indexOf(short) === 0; });
    if (short === "zh") near = near.filter(function (v) { return !/^zh-(tw|hk|mo)|hant/i.test(v.lang); });
    var pool = exact.length ? exact : near;
    var local = pool.filter(function (v) { return v.localService; });
    return (local[0] || pool[0]) || null;
  }

  function textOf(parts) {
    var out = [];
    parts.forEach(function (part) {
      var copy = part.cloneNode(true);
      copy.querySelectorAll(SKIP).forEach(function (n) { n.remove(); });
      // a heading is read as a sentence of its own, and list items and paragraphs do not run together
      copy.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (h) {
        if (!/[.:。：!?！？]\s*$/.test(h.textContent || "")) h.appendChild(document.createTextNode(short === "zh" ? "。" : ". "));
      });
      copy.querySelectorAll("p, li, dt, dd, figcaption").forEach(function (n) { n.appendChild(document.createTextNode(" ")); });
      var t = (copy.innerText || copy.textContent || "").replace(/\s+/g, " ").trim();
      if (t) out.push(t);
    });
    return out.join(short === "zh" ? "。" : ". ").replace(/([.。!?！？])[.。]\s?/g, "$1 ");
  }

  /** Sentences of at most about 200 characters: long utterances are cut short by some browsers. */
  function chunks(text) {
    var pieces = text.match(short === "zh" ? /[^。！？；]+[。！？；]?/g : /[^.!?]+[.!?]*\s*/g) || [text];
    var out = [], buf = "";
    pieces.forEach(function (p) {
      if ((buf + p).length > 200 && buf) { out.push(buf.trim()); buf = ""; }
      buf += p;
    });
    if (buf.trim()) out.push(buf.trim());
    return out;
  }

  function setState(ctl, state) {
    ctl.state = state;
    ctl.main.textContent = state === "speaking" ? words.pause : state === "paused" ? words.resume : words.read;
    ctl.main.setAttribute("aria-pressed", state === "idle" ? "false" : "true");
    ctl.stop.hidden = state === "idle";
    ctl.box.classList.toggle("miss-read-aloud-active", state !== "idle");
  }

  function stopAll() {
    if (current) setState(current, "idle");
    current = null;
    if (watcher) { watcher.disconnect(); watcher = null; }
    if (synth) synth.cancel();
  }

  /** In reveal's scroll view the slides are one page: speech stops when its slide leaves the screen. */
  var watcher = null;
  function inScrollView() {
    return !!(window.Reveal && typeof window.Reveal.isScrollView === "function" && window.Reveal.isScrollView());
  }
  function watchVisibility(ctl) {
    if (!inScrollView() || typeof IntersectionObserver !== "function") return;
    var target = ctl.parts()[0];
    watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return !e.isIntersecting; }) && current === ctl) stopAll();
    });
    watcher.observe(target);
  }

  function speak(ctl) {
    stopAll();
    var voice = voiceFor();
    if (!voice) return;
    var parts = chunks(textOf(ctl.parts()));
    if (!parts.length) return;
    current = ctl;
    setState(ctl, "speaking");
    watchVisibility(ctl);
    parts.forEach(function (text, i) {
      var u = new SpeechSynthesisUtterance(text);
      u.lang = voice.lang || speechLang;
      try { u.voice = voice; } catch (err) { /* the language alone picks a voice */ }
      if (i === parts.length - 1) u.onend = function () { if (current === ctl) { setState(ctl, "idle"); current = null; } };
      synth.speak(u);
    });
  }

  function onMain(ctl) {
    if (ctl.state === "idle") speak(ctl);
    else if (ctl.state === "speaking") { synth.pause(); setState(ctl, "paused"); }
    else { synth.resume(); setState(ctl, "speaking"); }
  }

  function makeControls(where, parts, title) {
    var box = document.createElement("div");
    box.className = "miss-read-aloud";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", title ? words.label + (short === "zh" ? "：" : ": ") + title : words.label);
    box.hidden = true;
    var main = document.createElement("button");
    main.type = "button";
    main.className = "miss-read-aloud-main";
    var stop = document.createElement("button");
    stop.type = "button";
    stop.className = "miss-read-aloud-stop";
    stop.textContent = words.stop;
    box.appendChild(main);
    box.appendChild(stop);
    var ctl = { box: box, main: main, stop: stop, parts: parts, state: "idle" };
    main.addEventListener("click", function () { onMain(ctl); });
    stop.addEventListener("click", function () { stopAll(); main.focus(); });
    setState(ctl, "idle");
    where(box);
    controls.push(ctl);
    return ctl;
  }

  function titleOf(el) {
    var h = el.querySelector("h1, h2, h3");
    return h ? (h.textContent || "").replace(/¶/g, "").trim() : "";
  }

  function setUpDeck() {
    document.querySelectorAll(".reveal .slides section").forEach(function (section) {
      if (section.querySelector("section")) return; // a vertical stack: its slides get their own
      makeControls(function (box) { section.insertBefore(box, section.firstChild); },
                   function () { return [section]; }, titleOf(section));
    });
  }

  /** A lesson page: a section starts at each cell with a level-1 or level-2 heading. */
  function setUpPage() {
    var cells = Array.prototype.slice.call(document.querySelectorAll("main > .jp-Cell, main .jp-Notebook > .jp-Cell"));
    var groups = [];
    cells = cells.filter(function (cell) { return (cell.textContent || "").trim(); }); // no button for nothing to read
    cells.forEach(function (cell) {
      if (cell.querySelector("h1, h2") || !groups.length) groups.push([cell]);
      else groups[groups.length - 1].push(cell);
    });
    groups.forEach(function (group) {
      var first = group[0];
      var heading = first.querySelector("h1, h2");
      makeControls(function (box) {
        if (heading) heading.parentNode.insertBefore(box, heading.nextSibling);
        else first.insertBefore(box, first.firstChild);
      }, function () { return group; }, titleOf(first));
    });
  }

  /** The buttons are made only once the browser has a voice for the page's language (the voices
   * may come later, with "voiceschanged"): a browser without one does no work for them at all. */
  var built = false;
  function showIfVoice() {
    var ok = !!voiceFor();
    if (ok && !built) {
      built = true;
      if (document.querySelector(".reveal .slides")) setUpDeck();
      else setUpPage();
    }
    controls.forEach(function (ctl) { ctl.box.hidden = !ok; });
    document.documentElement.setAttribute("data-miss-read-aloud", ok ? "on" : "no-voice");
  }

  function start() {
    if (!words.read || !words.pause || !words.resume || !words.stop || !words.label) {
      document.documentElement.setAttribute("data-miss-read-aloud", "no-words");
      return;
    }
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
      document.documentElement.setAttribute("data-miss-read-aloud", "unsupported");
      return;
    }
    showIfVoice();
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", showIfVoice);
    window.addEventListener("pagehide", stopAll);
    function hookReveal() {
      if (window.Reveal && typeof window.Reveal.on === "function") {
        window.Reveal.on("slidechanged", function () { if (!inScrollView()) stopAll(); });
        return true;
      }
      return false;
    }
    if (!hookReveal()) document.addEventListener("miss:reveal-ready", hookReveal);
  }

  window.MissReadAloud = { stop: stopAll };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
