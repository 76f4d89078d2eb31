/* The course's static widget host: draws the quizzes of an exported page or deck without a kernel
 * and without Jupyter's widget manager.
 *
 * nbconvert embeds each widget's saved state in
 *   <script type="application/vnd.jupyter.widget-state+json">{"state": {model_id: {state: {...}}}}</script>
 * and each place a widget is shown as
 *   <script type="application/vnd.jupyter.widget-view+json">{"model_id": "..."}</script>.
 * For every view, this host makes a model that keeps anywidget's front-end contract (get, set, on,
 * off, send, save_changes) over the saved state and calls the quiz module's render({model, el})
 * (and initialize({model}) first, if the module has it), as JupyterLab's widget manager does.
 *
 * The quiz module (misscourse/static/quiz.js) is an ES module. Module scripts do not load from
 * file:// in Chromium, so lib/quiz-module.js (a classic script written by the build) holds its text
 * in window.MissQuizModuleSource, and this host imports it from a blob: URL made at run time.
 * A classic script itself, so a page opened from a USB stick works like one served over HTTP.
 *
 * The quiz's data and its interface words are the same on every page of a language, so the build
 * writes them once into lib/ (lib/quizzes/<id>.<lang>.js, lib/quiz-ui.<lang>.js: classic scripts
 * setting window.MissShared["quiz/<lang>/<id>"], window.MissShared["ui/<lang>"]), and a saved
 * state names them in "miss_shared": {"quiz": "quiz/en/risks", "ui": "ui/en"}. resolveShared() puts
 * them back, so the quiz module reads the same model as in JupyterLab.
 */
(function () {
  "use strict";
  var STATE = "application/vnd.jupyter.widget-state+json";
  var VIEW = "application/vnd.jupyter.widget-view+json";

  function readJSON(script) {
    try {
      return JSON.parse(script.textContent);
    } catch (err) {
      console.error("course widget host: unreadable widget data", err);
      return null;
    }
  }

  /** A model with anywidget's contract over one widget's saved state. No kernel: send() only
   * records the message (window.MissWidgets.sent), save_changes() has nothing to sync. */
  function makeModel(modelId, saved) {
    var state = Object.assign({}, saved);
    var listeners = {};
    return {
      model_id: modelId,
      get: function (name) { return state[name]; },
      set: function (name, value) {
        var old = state[name];
        state[name] = value;
        if (old !== value) {
          (listeners["change:" + name] || []).slice().forEach(function (cb) { cb(value, old); });
          (listeners.change || []).slice().forEach(function (cb) { cb(); });
        }
      },
      on: function (event, cb) {
        String(event).split(/\s+/).forEach(function (name) {
          (listeners[name] = listeners[name] || []).push(cb);
        });
      },
      off: function (event, cb) {
        if (!event) { listeners = {}; return; }
        String(event).split(/\s+/).forEach(function (name) {
          if (!cb) { delete listeners[name]; return; }
          listeners[name] = (listeners[name] || []).filter(function (f) { return f !== cb; });
        });
      },
      send: function (content) { sent.push({ model_id: modelId, content: content }); },
      save_changes: function () {},
    };
  }

  var SHARED = "miss_shared";

  /** A saved state with its shared entries (window.MissShared) put back in; each model gets its
   * own copy. Throws when a shared file did not load. */
  function resolveShared(saved) {
    var state = Object.assign({}, saved);
    var refs = state[SHARED];
    delete state[SHARED];
    if (!refs) return state;
    var shared = window.MissShared || {};
    Object.keys(refs).forEach(function (name) {
      var value = shared[refs[name]];
      if (value === undefined) throw new Error("the shared file for " + refs[name] + " did not load");
      state[name] = JSON.parse(JSON.stringify(value));
    });
    return state;
  }

  var sent = [];
  var modulePromise = null;

  function loadModule() {
    if (modulePromise) return modulePromise;
    var source = window.MissQuizModuleSource;
    if (typeof source !== "string") {
      modulePromise = Promise.reject(new Error("lib/quiz-module.js did not load"));
      return modulePromise;
    }
    var url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    modulePromise = import(url).catch(function () {
      // a browser that refuses blob: modules here may still take a data: URL
      return import("data:text/javascript;charset=utf-8," + encodeURIComponent(source));
    });
    return modulePromise;
  }

  function savedStates() {
    var models = {};
    document.querySelectorAll('script[type="' + STATE + '"]').forEach(function (script) {
      var data = readJSON(script);
      if (data && data.state) Object.assign(models, data.state);
    });
    return models;
  }

  function start() {
    var views = Array.prototype.slice.call(document.querySelectorAll('script[type="' + VIEW + '"]'));
    if (!views.length) return Promise.resolve([]);
    var saved = savedStates();
    return loadModule().then(function (mod) {
      var render = mod.render || (mod.default && mod.default.render);
      var initialize = mod.initialize || (mod.default && mod.default.initialize);
      return Promise.all(views.map(function (script) {
        var view = readJSON(script);
        var entry = view && saved[view.model_id];
        if (!entry) {
          console.error("course widget host: no saved state for widget " + (view && view.model_id));
          return null;
        }
        var model = makeModel(view.model_id, resolveShared(entry.state || {}));
        var el = document.createElement("div");
        el.className = "miss-widget-view";
        script.parentNode.insertBefore(el, script.nextSibling);
        return Promise.resolve(initialize ? initialize({ model: model }) : null)
          .then(function () { return render({ model: model, el: el }); })
          .then(function () { return model; });
      }));
    }).then(function (models) {
      document.documentElement.setAttribute("data-miss-widgets", "ready");
      document.dispatchEvent(new CustomEvent("miss:widgets-ready"));
      return models;
    }, function (err) {
      document.documentElement.setAttribute("data-miss-widgets", "failed");
      console.error("course widget host: " + err);
      throw err;
    });
  }

  var ready = new Promise(function (resolve, reject) {
    function go() { start().then(resolve, reject); }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  });
  ready.catch(function () {});
  window.MissWidgets = { ready: ready, sent: sent, makeModel: makeModel, resolve: resolveShared };
})();
