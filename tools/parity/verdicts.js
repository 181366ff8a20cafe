#!/usr/bin/env node
// HashiCorp's verdict on each `.tf` file given, through @cdktf/hcl2json (HCL's Go parser
// compiled to WebAssembly): one line per file, `PATH<TAB>ok` or
// `PATH<TAB>error LINE:COLUMN MESSAGE` with the position of HCL's first diagnostic.
// Paths come as arguments, or one a line on stdin. Used by tools/parity/run.
"use strict";
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

async function verdict(path) {
  let text;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (err) {
    return `error 0:0 cannot read: ${err.message}`;
  }
  try {
    // A fixed name: the position is found after it in the message, whatever the path holds.
    await parse("input.tf", text);
    return "ok";
  } catch (err) {
    const message = String(err && err.message ? err.message : err).replace(/\s+/g, " ");
    const at = /input\.tf:(\d+),(\d+)/.exec(message);
    return at ? `error ${at[1]}:${at[2]} ${message}` : `error 0:0 ${message}`;
  }
}

async function main() {
  let paths = process.argv.slice(2);
  if (paths.length === 0) {
    paths = fs.readFileSync(0, "utf8").split("\n");
  }
  const lines = [];
  for (const path of paths.filter((p) => p !== "")) {
    lines.push(`${path}\t${await verdict(path)}`);
  }
  process.stdout.write(lines.join("\n") + (lines.length ? "\n" : ""));
  // The Go runtime inside keeps the event loop alive.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
