// Practice session, mock interview and practice settings. Keyboard first: Space reveals,
// 1-4 rate, U undoes; Ctrl+Enter reveals and submits an interview answer. Every write
// carries a submission id made by the server when it rendered the page, so a double
// press or a retried request is applied once; the page moves on only after the server
// has committed the write.
"use strict";

(function () {
  function send(method, url, body) {
    var opts = { method: method, headers: { "content-type": "application/json" } };
    if (body !== undefined) { opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var err = new Error(data.error || r.statusText);
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  function say(text, isError) {
    var el = document.getElementById("status");
    if (!el) { return; }
    el.textContent = text;
    el.classList.toggle("error", Boolean(isError));
  }

  function isTyping(e) {
    var tag = e.target && e.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (e.target && e.target.isContentEditable);
  }

  function lang() { return document.documentElement.dataset.lang === "en" ? "en" : "zh"; }

  function withoutCard() {
    var url = new URL(window.location.href);
    url.searchParams.delete("card");
    return url.pathname + url.search;
  }

  // --- spaced repetition ---------------------------------------------------------
  function setupPractice() {
    var section = document.getElementById("practice");
    if (!section) { return; }
    var card = document.getElementById("card");
    var undoButton = document.getElementById("undo");
    var shownAt = Date.now();
    var revealed = false;
    var busy = false;

    function reveal() {
      if (!card || revealed) { return; }
      revealed = true;
      document.getElementById("back").hidden = false;
      document.getElementById("grades").hidden = false;
      document.getElementById("reveal").hidden = true;
    }

    function rate(grade) {
      if (!card || !revealed || busy) { return; }
      busy = true;
      say("…");
      send("POST", "/api/practice/reviews", {
        question_id: card.dataset.qid,
        rating: grade,
        seq: Number(card.dataset.seq),
        submission_id: card.dataset.submission,
        duration_ms: Date.now() - shownAt
      }).then(function () {
        window.location.replace(withoutCard());
      }).catch(function (e) {
        busy = false;
        say(e.message, true);
        if (e.status === 409) { window.setTimeout(function () { window.location.replace(withoutCard()); }, 1200); }
      });
    }

    function undo() {
      if (!undoButton || busy) { return; }
      busy = true;
      send("POST", "/api/practice/undo", { review_id: Number(undoButton.dataset.review) })
        .then(function (d) {
          var url = new URL(window.location.href);
          if (d.card) { url.searchParams.set("card", d.card.id); }
          window.location.replace(url.pathname + url.search);
        })
        .catch(function (e) { busy = false; say(e.message, true); });
    }

    if (card) {
      document.getElementById("reveal").addEventListener("click", reveal);
      card.querySelectorAll("button.grade").forEach(function (b) {
        b.addEventListener("click", function () { rate(Number(b.dataset.grade)); });
      });
    }
    if (undoButton) { undoButton.addEventListener("click", undo); }
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) { return; }
      if (e.key === " " && card && !revealed) { e.preventDefault(); reveal(); }
      else if (/^[1-4]$/.test(e.key) && revealed) { e.preventDefault(); rate(Number(e.key)); }
      else if (e.key === "u" || e.key === "U") { e.preventDefault(); undo(); }
    });
    setupSettings(section);
  }

  function setupSettings(section) {
    // Days start at the user's local midnight: tell the server this browser's offset once.
    var mine = -new Date().getTimezoneOffset();
    if (String(mine) !== section.dataset.utcOffset) {
      send("PUT", "/api/practice/settings", { utc_offset_min: mine }).catch(function () { /* keep UTC */ });
    }
    var form = document.getElementById("settings-form");
    if (!form) { return; }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var n = Number(document.getElementById("new-per-day").value);
      send("PUT", "/api/practice/settings", { new_per_day: n })
        .then(function () { window.location.reload(); })
        .catch(function (err) { say(err.message, true); });
    });
  }

  // --- mock interview ------------------------------------------------------------
  function checkedValues(form, name) {
    return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"),
      function (el) { return el.value; });
  }

  function setupInterviewStart() {
    var form = document.getElementById("interview-form");
    if (!form) { return; }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var tag = form.querySelector("select[name=tag]").value;
      say("…");
      send("POST", "/api/interviews", {
        length: Number(checkedValues(form, "length")[0] || 10),
        seconds_per_question: Number(checkedValues(form, "seconds")[0] || 120),
        chapters: checkedValues(form, "chapter").map(Number),
        levels: checkedValues(form, "level").map(Number),
        tags: tag ? [tag] : [],
        bookmarked: checkedValues(form, "bookmarked").length > 0
      }).then(function (d) { window.location.assign(d.url); })
        .catch(function (err) { say(err.message, true); });
    });
  }

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setupInterview() {
    var box = document.getElementById("interview");
    if (!box) { return; }
    var started = Date.now();
    var limit = Number(box.dataset.seconds);
    var timer = document.getElementById("timer");
    var base = "/api/interviews/" + box.dataset.id;
    var revealed = false;
    var busy = false;
    var elapsed = function () { return Math.round((Date.now() - started) / 1000); };
    window.setInterval(function () {
      var t = elapsed();
      timer.textContent = clock(t) + " / " + clock(limit);
      timer.classList.toggle("over", t > limit);
    }, 1000);

    function reveal() {
      if (revealed) { return; }
      revealed = true;
      document.getElementById("iv-back").hidden = false;
      document.getElementById("iv-reveal").hidden = true;
      var first = document.querySelector(".checklist[data-list=" + lang() + "] input");
      if (first) { first.focus(); }
    }

    function submit() {
      if (!revealed || busy) { return; }
      busy = true;
      say("…");
      var list = document.querySelector(".checklist[data-list=" + lang() + "]");
      var covered = Array.prototype.map.call(list.querySelectorAll("input:checked"),
        function (el) { return Number(el.value); });
      send("POST", base + "/answers", {
        position: Number(box.dataset.position),
        submission_id: box.dataset.submission,
        answer: document.getElementById("answer").value,
        covered: covered,
        lang: lang(),
        elapsed_s: elapsed()
      }).then(function (d) {
        window.location.assign(d.finished ? "/interview/" + box.dataset.id + "/report" : window.location.pathname);
      }).catch(function (e) {
        busy = false;
        say(e.message, true);
        if (e.status === 409) { window.setTimeout(function () { window.location.reload(); }, 1200); }
      });
    }

    document.getElementById("iv-reveal").addEventListener("click", reveal);
    document.getElementById("iv-submit").addEventListener("click", submit);
    document.getElementById("iv-finish").addEventListener("click", function () {
      send("POST", base + "/finish", {}).then(function () {
        window.location.assign("/interview/" + box.dataset.id + "/report");
      }).catch(function (e) { say(e.message, true); });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) { return; }
      e.preventDefault();
      if (revealed) { submit(); } else { reveal(); }
    });
    document.getElementById("answer").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupPractice();
    setupInterviewStart();
    setupInterview();
  });
})();
