// dl500 front end: math, language and theme switches, bookmarks, notes, live search.
"use strict";

function renderMath(root) {
  if (!window.katex) { return; }
  root.querySelectorAll(".math").forEach(function (el) {
    if (el.dataset.rendered) { return; }
    var tex = el.textContent;
    try {
      window.katex.render(tex, el, { displayMode: el.classList.contains("display"), throwOnError: false });
      el.dataset.rendered = "1";
    } catch (e) { el.textContent = tex; }
  });
}

function setLang(lang) {
  var root = document.documentElement;
  root.dataset.lang = lang;
  root.lang = lang === "zh" ? "zh-CN" : "en";
  try { localStorage.setItem("dl500.lang", lang); } catch (e) { /* ignore */ }
  document.cookie = "lang=" + lang + "; path=/; max-age=31536000; samesite=lax";
}

function toggleTheme() {
  var root = document.documentElement;
  var dark = root.dataset.theme ? root.dataset.theme === "dark"
    : window.matchMedia("(prefers-color-scheme: dark)").matches;
  root.dataset.theme = dark ? "light" : "dark";
  try { localStorage.setItem("dl500.theme", root.dataset.theme); } catch (e) { /* ignore */ }
}

function api(method, url, body) {
  var opts = { method: method, headers: { "content-type": "application/json" } };
  if (body !== undefined) { opts.body = JSON.stringify(body); }
  return fetch(url, opts).then(function (r) {
    return r.json().then(function (data) {
      if (!r.ok) { throw new Error(data.error || r.statusText); }
      return data;
    });
  });
}

function setupQuestion() {
  var article = document.querySelector("article.question");
  if (!article) { return; }
  var base = "/api/questions/" + article.dataset.qid;
  var star = document.getElementById("bookmark");
  var showStar = function (on) {
    star.setAttribute("aria-pressed", on ? "true" : "false");
    star.firstChild.textContent = on ? "★ " : "☆ ";
  };
  api("GET", base + "/bookmark").then(function (d) { showStar(d.bookmarked); });
  star.addEventListener("click", function () {
    var on = star.getAttribute("aria-pressed") !== "true";
    api("PUT", base + "/bookmark", { bookmarked: on }).then(function (d) { showStar(d.bookmarked); });
  });
  var note = document.getElementById("note");
  var status = document.getElementById("note-status");
  api("GET", base + "/note").then(function (d) { note.value = d.body; });
  document.getElementById("note-save").addEventListener("click", function () {
    status.textContent = "…";
    api("PUT", base + "/note", { body: note.value })
      .then(function () { status.textContent = "✓"; })
      .catch(function (e) { status.textContent = e.message; });
  });
}

// A snippet from /api/search is escaped HTML whose only tags are <mark>; rebuild it as
// DOM nodes instead of assigning innerHTML, so nothing else can ever become markup.
function appendMarked(parent, snippet) {
  var decode = function (s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  };
  snippet.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
    if (!part) { return; }
    var m = /^<mark>(.*)<\/mark>$/.exec(part);
    if (m) {
      var mark = document.createElement("mark");
      mark.textContent = decode(m[1]);
      parent.appendChild(mark);
    } else {
      parent.appendChild(document.createTextNode(decode(part)));
    }
  });
}

function setupSuggest() {
  var box = document.getElementById("search-box");
  var panel = document.getElementById("search-suggest");
  if (!box || !panel) { return; }
  var timer = null;
  var latest = 0;
  var lang = function () { return document.documentElement.dataset.lang || "zh"; };
  box.addEventListener("input", function () {
    clearTimeout(timer);
    var q = box.value;
    if (!q.trim()) { panel.hidden = true; return; }
    timer = setTimeout(function () {
      var asked = ++latest;
      var url = "/api/search?limit=8&lang=" + lang() + "&q=" + encodeURIComponent(q);
      api("GET", url).then(function (d) {
        if (asked !== latest) { return; }  // an older, slower answer: ignore it
        panel.replaceChildren();
        d.results.forEach(function (r) {
          var a = document.createElement("a");
          a.href = "/q/" + r.id;
          a.textContent = r.number + "  " + (r.title[lang()] || r.title.zh);
          var snip = document.createElement("span");
          snip.className = "snip";
          appendMarked(snip, r.snippet);
          a.appendChild(snip);
          panel.appendChild(a);
        });
        panel.hidden = d.results.length === 0;
      }).catch(function () { panel.hidden = true; });
    }, 80);
  });
  document.addEventListener("click", function (e) { if (!panel.contains(e.target)) { panel.hidden = true; } });
}

document.addEventListener("DOMContentLoaded", function () {
  renderMath(document);
  document.getElementById("lang-toggle").addEventListener("click", function () {
    setLang(document.documentElement.dataset.lang === "zh" ? "en" : "zh");
  });
  document.getElementById("theme-toggle").addEventListener("click", toggleTheme);
  setupQuestion();
  setupSuggest();
});
