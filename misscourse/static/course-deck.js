/* Starts a lesson's reveal.js deck (reveal.js 5, from lib/): speaker notes (press S), search
 * (Ctrl+Shift+F), zoom (Alt+click), and the scroll view: on a screen narrower than
 * SCROLL_WIDTH, or with ?view=scroll, the deck becomes a page of slides one after the other.
 * In the scroll view the slides are laid out at the phone's own width, so the text keeps its
 * reading size instead of being shrunk from the 1100-pixel room layout.
 */
(function () {
  "use strict";
  var SCROLL_WIDTH = 700;
  var params = new URLSearchParams(window.location.search);
  var asked = params.get("view") === "scroll";

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
    };
    if (asked) config.view = "scroll";
    Reveal.initialize(config).then(function () {
      window.MissReveal = Reveal;
      fixSlideNumberLinks();
      Reveal.on("slidechanged", fixSlideNumberLinks);
      showEverySlideInScrollView();
      Reveal.on("slidechanged", showEverySlideInScrollView);
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
