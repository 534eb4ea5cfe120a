#!/usr/bin/env node
// What guidepup's Virtual Screen Reader says for HTML pages, on jsdom.
//
// Input (standard input): a JSON array of jobs, each {"path": FILE} or
// {"html": TEXT} (optionally with "id"). A path is read as bytes, so jsdom
// sniffs its encoding (byte-order mark, <meta charset>) as a browser would.
// Output (standard output): a JSON array, one result per job, in order:
// {"id", "phrases": [...], "ms": number, "complete": bool} or {"id", "error"}.
// "phrases" is virtual.spokenPhraseLog() after start() and next() until the
// last phrase is "end of document"; "complete" is false when the walk
// stopped at the step limit instead (a page the reader cannot leave, such
// as an aria-modal dialog). "ms" times start() + the walk.
//
// Run from tests/checkers (node_modules beside it). One process handles
// every page: jsdom and the reader load once.
"use strict";

const fs = require("node:fs");
const { performance } = require("node:perf_hooks");
const { JSDOM } = require("jsdom");
const { Virtual } = require("@guidepup/virtual-screen-reader");

// CSS.escape (CSSOM spec, as in the css.escape package): jsdom has no CSS
// object; the reader calls CSS.escape to look up aria-labelledby targets.
function cssEscape(value) {
  const string = String(value);
  const length = string.length;
  const first = string.charCodeAt(0);
  let result = "";
  for (let index = 0; index < length; index++) {
    const code = string.charCodeAt(index);
    if (code === 0x0000) {
      result += "\uFFFD";
      continue;
    }
    if (
      (code >= 0x0001 && code <= 0x001f) || code === 0x007f ||
      (index === 0 && code >= 0x0030 && code <= 0x0039) ||
      (index === 1 && code >= 0x0030 && code <= 0x0039 && first === 0x002d)
    ) {
      result += "\\" + code.toString(16) + " ";
      continue;
    }
    if (index === 0 && length === 1 && code === 0x002d) {
      result += "\\" + string.charAt(index);
      continue;
    }
    if (
      code >= 0x0080 || code === 0x002d || code === 0x005f ||
      (code >= 0x0030 && code <= 0x0039) ||
      (code >= 0x0041 && code <= 0x005a) ||
      (code >= 0x0061 && code <= 0x007a)
    ) {
      result += string.charAt(index);
      continue;
    }
    result += "\\" + string.charAt(index);
  }
  return result;
}

// The reader and its helpers (html-aria, dom-accessibility-api) expect the
// environment they are written for, a test runner's jsdom environment, where
// the window's properties (Element, getComputedStyle, document...) are
// globals. With only `window` and `document` global, html-aria takes its
// no-DOM code path: every attribute then reads as "[object Attr]" and, for
// example, every <input> becomes a textbox.
const exposed = new Set();
function exposeGlobals(window) {
  for (const key of exposed) {
    delete globalThis[key];
  }
  exposed.clear();
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in globalThis && !exposed.has(key)) {
      continue;
    }
    try {
      globalThis[key] = window[key];
      exposed.add(key);
    } catch {
      // a few window properties are accessors that refuse to be read this way
    }
  }
  for (const key of ["window", "document", "CSS"]) {
    globalThis[key] = window[key];
    exposed.add(key);
  }
}

async function speak(job, maxSteps) {
  const source = job.path !== undefined ? fs.readFileSync(job.path) : job.html;
  const dom = new JSDOM(source, { contentType: "text/html" });
  const { window } = dom;
  window.CSS = { escape: cssEscape };
  exposeGlobals(window);
  const virtual = new Virtual();
  const started = performance.now();
  await virtual.start({ container: window.document.body, window });
  let steps = 0;
  while ((await virtual.lastSpokenPhrase()) !== "end of document" && steps < maxSteps) {
    await virtual.next();
    steps++;
  }
  const phrases = [...(await virtual.spokenPhraseLog())];
  const ms = performance.now() - started;
  await virtual.stop();
  window.close();
  return { phrases, ms, complete: phrases.at(-1) === "end of document" };
}

async function main() {
  const jobs = JSON.parse(fs.readFileSync(0, "utf-8"));
  const maxSteps = Number(process.env.VSR_MAX_STEPS || 200000);
  const results = [];
  for (const job of jobs) {
    const id = job.id ?? job.path ?? null;
    try {
      results.push({ id, ...(await speak(job, maxSteps)) });
    } catch (error) {
      results.push({ id, error: String(error && error.stack ? error.stack : error) });
    }
  }
  // Exit only once the whole answer is written: exiting right after write()
  // cuts a pipe at 64 KiB.
  process.stdout.write(JSON.stringify(results), () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n", () =>
    process.exit(1));
});
