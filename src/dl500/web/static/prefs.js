// Loaded synchronously in <head> so the remembered language and theme apply before paint.
(function () {
  var root = document.documentElement;
  try {
    var lang = localStorage.getItem("dl500.lang");
    if (lang === "zh" || lang === "en") { root.dataset.lang = lang; }
    var theme = localStorage.getItem("dl500.theme");
    if (theme === "light" || theme === "dark") { root.dataset.theme = theme; }
  } catch (e) { /* storage disabled: keep the server's defaults */ }
})();
