/* Starts a lesson's reveal.js deck (reveal.js 5, from lib/): speaker notes (press S), search
 * (Ctrl+Shift+F), zoom (Alt+click), and the scroll view: on a screen narrower than
 * SCROLL_WIDTH, or with ?view=scroll, the deck becomes a page of slides one after the other.
 * In the scroll view the slides are laid out at the phone's own width, so the text keeps its
 * reading size instead of being shrunk from the 1100-pixel room layout.
 *
 * A class plan is one deck per lesson, linked in order (<link rel="next"> and rel="prev"): the
 * keys that go forward open the next lesson's deck from the last slide, the keys that go back
 * open the previous one at its last slide ("#end"), as if the class were one deck. An open
 * speaker view follows: reveal's notes plugin reconnects it to the new deck, and its slide
 * previews (frames loaded with ?receiver) load the new deck too (tellThePreviews).
 */
(function () {
  "use strict";
  var SCROLL_WIDTH = 700;
  var params = new URLSearchParams(window.location.search);
  var asked = params.get("view") === "scroll";
  var receiver = /receiver/i.test(window.location.search);
  var fromNext = window.location.hash === "#end";
  if (fromNext) history.replaceState(null, "", window.location.pathname + window.location.search);

  /** The deck a <link rel> names, in the scroll view if this one was asked for it. */
  function linked(rel) {
    var link = document.querySelector('link[rel="' + rel + '"]');
    return link ? link.href + (asked ? "?view=scroll" : "") : "";
  }

  /** A key that goes on to ``url`` from the deck's edge (``atEdge``), and otherwise does what it
   *  does in reveal (``method``; with Shift, the space bar goes back). */
  function handoff(url, atEdge, method) {
    return function (event) {
      if (event && event.keyCode === 32 && event.shiftKey) return Reveal.prev();
      if (atEdge()) window.location.href = url;
      else Reveal[method]();
    };
  }

  function keyboard() {
    var keys = {};
    var next = linked("next"), prev = linked("prev");
    if (receiver) return keys;
    function isLast() { return Reveal.isLastSlide(); }
    function isFirst() { return Reveal.isFirstSlide(); }
    if (next) {
      keys[39] = handoff(next, isLast, "right");                           // right arrow
      [32, 34, 78].forEach(function (k) { keys[k] = handoff(next, isLast, "next"); });  // space, page down, N
    }
    if (prev) {
      keys[37] = handoff(prev + "#end", isFirst, "left");                  // left arrow
      [33, 80].forEach(function (k) { keys[k] = handoff(prev + "#end", isFirst, "prev"); });  // page up, P
    }
    return keys;
  }

  /** The speaker view's slide previews follow the deck when it opens the next lesson's deck. The
   *  speaker window sends the deck a heartbeat every second (reveal's notes plugin); the deck
   *  answers each preview frame with its file name, and a preview showing another deck loads this
   *  one. Frames and messages work across origins, so this works from disk (file://) too. */
  var DECK_FILE = /^[\w.-]+\.slides\.html$/;

  function fileName(path) { return decodeURIComponent(path.split("/").pop()); }

  function parsed(event) {
    try { return typeof event.data === "string" ? JSON.parse(event.data) : null; } catch (e) { return null; }
  }

  function tellThePreviews() {
    window.addEventListener("message", function (event) {
      var data = parsed(event);
      if (!data || data.namespace !== "reveal-notes" || data.type !== "heartbeat" || !event.source) return;
      var message = JSON.stringify({namespace: "miss-deck", deck: fileName(window.location.pathname), hash: window.location.hash});
      for (var i = 0; i < event.source.frames.length; i++) event.source.frames[i].postMessage(message, "*");
    });
  }

  function followTheDeck() {
    window.addEventListener("message", function (event) {
      var data = parsed(event);
      if (!data || data.namespace !== "miss-deck" || !DECK_FILE.test(data.deck || "")) return;
      if (data.deck !== fileName(window.location.pathname))
        window.location.replace(data.deck + window.location.search + (data.hash || ""));
    });
  }

  function narrow() { return window.innerWidth <= SCROLL_WIDTH; }

  function start() {
    var phone = asked || narrow();
    document.documentElement.classList.toggle("miss-scroll-view", phone);
    var config = {
      controls: true,
      progress: true,
      hash: true,
      history: false,
      transition: "none",
      slideNumber: "c/t",
      showSlideNumber: "all",
      plugins: [window.RevealNotes, window.RevealSearch, window.RevealZoom].filter(Boolean),
      width: 1100,
      height: 800,
      margin: 0.04,
      scrollActivationWidth: SCROLL_WIDTH,
      scrollProgress: true,
      scrollSnap: false,
      scrollLayout: "compact",
      // Centring a slide measures its height; in the scroll view the slides follow each other and
      // nothing is centred, and measuring every slide of a long deck blocks a phone for a second.
      center: !phone,
      keyboard: keyboard(),
    };
    if (asked) config.view = "scroll";
    Reveal.initialize(config).then(function () {
      window.MissReveal = Reveal;
      fixSlideNumberLinks();
      Reveal.on("slidechanged", fixSlideNumberLinks);
      showEverySlideInScrollView();
      Reveal.on("slidechanged", showEverySlideInScrollView);
      if (fromNext) Reveal.slide(Reveal.getHorizontalSlides().length - 1);
      if (receiver) followTheDeck();
      else tellThePreviews();
      document.dispatchEvent(new CustomEvent("miss:reveal-ready"));
    });
  }

  /** reveal's slide number is a link to "#/..."; make it name the slide it shows (an id that exists). */
  function fixSlideNumberLinks() {
    var current = Reveal.getCurrentSlide();
    document.querySelectorAll(".reveal .slide-number a").forEach(function (a) {
      if (current && !current.id) current.id = "miss-slide-" + (Reveal.getIndices(current).h + 1) + "-" + ((Reveal.getIndices(current).v || 0) + 1);
      if (current) a.setAttribute("href", "#" + current.id);
    });
  }

  /** In the scroll view every slide is on the page, so none is hidden from screen readers (reveal
   *  marks the slides it does not "show" aria-hidden, with their links and buttons inside). */
  function showEverySlideInScrollView() {
    if (!Reveal.isScrollView()) return;
    document.querySelectorAll(".reveal .slides section[aria-hidden]").forEach(function (s) { s.removeAttribute("aria-hidden"); });
  }

  /** reveal.js starts as soon as this script runs: the deck's page starts its scripts only after
   *  the first paint (templates/course_common.j2, later_loader), so on a phone the first slide is
   *  already on the screen (course-slides.css lays it out as the scroll view will). */
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
