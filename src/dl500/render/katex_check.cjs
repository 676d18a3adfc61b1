// Parse TeX with KaTeX and report errors. Input on stdin: JSON [[tex, display], ...].
// Output on stdout: JSON [null | "error message", ...], one entry per input formula.
// Usage: node katex_check.cjs /path/to/katex/dist/katex.js
"use strict";
const katex = require(process.argv[2]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(([tex, display]) => {
    try {
      katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore" });
      return null;
    } catch (err) {
      return String(err.message || err).replace(/^KaTeX parse error: /, "");
    }
  });
  process.stdout.write(JSON.stringify(results));
});
