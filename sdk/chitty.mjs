// chitty's script SDK: the globals a ts, kit, js, bun or deno command gets
// (Script Kit's arg/div/md model), preloaded by chitty before the script.
//
// It talks to chitty over the descriptor named by CHITTY_SDK_FD (3): JSON
// requests and replies, one per line.  The protocol is in
// chitty-extensions(5) and src/sdk.h.  The script's stdout and stderr stay
// its own.  Plain JavaScript that bun, deno, tsx and node all load.
import process from "node:process";
import net from "node:net";
import fs from "node:fs";
import { spawn } from "node:child_process";

const fd = Number(process.env.CHITTY_SDK_FD);
// children of the script are not chitty's scripts
delete process.env.CHITTY_SDK_FD;
const isBun = typeof globalThis.Bun !== "undefined";

const pending = new Map();
// Errors whose message chitty has shown already (a reply marked "reported").
const shownByChitty = new WeakSet();

function replyError(message, reported) {
  const error = new Error(message);
  if (reported) shownByChitty.add(error);
  return error;
}
let nextId = 1;
let channel = null; // {write(line), hold(), release(), failed}
let received = "";

function failAll(message, reported = false) {
  for (const { reject } of pending.values()) reject(replyError(message, reported));
  pending.clear();
  if (channel !== null) channel.release();
}

function onData(chunk) {
  received += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  let nl;
  while ((nl = received.indexOf("\n")) >= 0) {
    const line = received.slice(0, nl);
    received = received.slice(nl + 1);
    let reply;
    try {
      reply = JSON.parse(line);
    } catch {
      failAll("chitty sent a line that is not JSON");
      continue;
    }
    if (reply.id === 0) {
      // a protocol error chitty could not tie to one request
      failAll(`chitty: ${reply.error}`, reply.reported === true);
      continue;
    }
    const waiter = pending.get(reply.id);
    if (waiter === undefined) continue;
    pending.delete(reply.id);
    if ("error" in reply) waiter.reject(replyError(reply.error, reply.reported === true));
    else waiter.resolve(reply.value);
  }
  if (pending.size === 0 && channel !== null) channel.release();
}

function onClosed() {
  if (channel !== null) channel.failed = "chitty closed the channel";
  failAll("chitty closed the channel");
}

// node and deno: a socket on the descriptor, referenced only while a
// request waits, so a finished script exits.
function socketChannel() {
  const socket = new net.Socket({ fd, readable: true, writable: true });
  socket.setEncoding("utf8");
  socket.on("data", onData);
  socket.on("end", onClosed);
  socket.on("error", onClosed);
  socket.unref();
  return {
    failed: null,
    write(line) { socket.write(line); },
    hold() { socket.ref(); },
    release() { socket.unref(); },
  };
}

// bun: its net.Socket cannot take a descriptor, and a read stream on it
// keeps the script alive; one fs.read at a time, only while a request
// waits, does neither.
function readChannel() {
  const buf = Buffer.alloc(65536);
  let reading = false;
  const ch = {
    failed: null,
    write(line) {
      const data = Buffer.from(line);
      let off = 0;
      while (off < data.length) off += fs.writeSync(fd, data, off);
    },
    hold() {
      if (reading) return;
      reading = true;
      fs.read(fd, buf, 0, buf.length, null, (err, n) => {
        reading = false;
        if (err || n === 0) return onClosed();
        onData(buf.toString("utf8", 0, n));
        if (pending.size > 0) ch.hold();
      });
    },
    release() {},
  };
  return ch;
}

function openChannel() {
  if (channel !== null) return channel;
  if (!Number.isInteger(fd) || fd < 0) {
    channel = { failed: "this script is not running under chitty (no CHITTY_SDK_FD)" };
    return channel;
  }
  try {
    channel = isBun ? readChannel() : socketChannel();
  } catch (e) {
    channel = { failed: `cannot open chitty's channel: ${e.message}` };
  }
  return channel;
}

function request(type, fields) {
  const ch = openChannel();
  if (ch.failed) return Promise.reject(new Error(`${type}(): ${ch.failed}`));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    ch.hold();
    ch.write(JSON.stringify({ id, type, ...fields }) + "\n");
  });
}

const text = (v) => (v === undefined || v === null ? "" : String(v));

// A choice as chitty shows it, and the value arg() resolves to.
function normalizeChoice(c) {
  if (c === null || typeof c !== "object") return { shown: { name: text(c) }, value: c };
  const name = text(c.name ?? c.title ?? c.value);
  const shown = { name };
  if (c.description != null) shown.description = text(c.description);
  if (typeof c.preview === "string") shown.preview = c.preview;
  return { shown, value: "value" in c ? c.value : c.name };
}

async function arg(placeholderOrConfig, choices) {
  const config =
    placeholderOrConfig !== null && typeof placeholderOrConfig === "object"
      ? placeholderOrConfig
      : { placeholder: placeholderOrConfig };
  let list = choices ?? config.choices;
  if (typeof list === "function") list = await list("");
  const fields = { placeholder: text(config.placeholder) };
  if (config.hint != null) fields.hint = text(config.hint);
  if (config.strict === false) fields.strict = false;
  let normalized = null;
  if (list != null) {
    normalized = Array.from(list, normalizeChoice);
    fields.choices = normalized.map((c) => c.shown);
  }
  const answer = await request("arg", fields);
  if (answer && typeof answer.index === "number" && normalized !== null)
    return normalized[answer.index]?.value;
  return answer?.text ?? "";
}

async function div(html = "") {
  await request("div", { html: text(html) });
}

async function editor(value = "") {
  const initial = value !== null && typeof value === "object" ? value.value : value;
  return request("editor", { text: text(initial) });
}

async function open(target) {
  await request("open", { target: text(target) });
}

async function copy(value) {
  await request("copy", { text: text(value) });
}

async function notify(message) {
  const t =
    message !== null && typeof message === "object"
      ? [message.title, message.body].filter(Boolean).join(": ")
      : text(message);
  await request("notify", { text: t });
}

async function getPreference(name) {
  return request("getPreference", { name: text(name) });
}

// A value from the environment, else the extension's stored one, else
// asked once (and stored).  secret: typed as a password and never shown.
async function env(name, options = {}) {
  const key = text(name);
  if (process.env[key]) return process.env[key];
  const o = typeof options === "string" ? { placeholder: options } : options ?? {};
  const fields = { name: key };
  if (o.secret) fields.secret = true;
  const hint = o.placeholder ?? o.hint;
  if (hint != null) fields.placeholder = text(hint);
  const value = await request("env", fields);
  process.env[key] = value;
  return value;
}

// Runs a shell command (sh -c); resolves {stdout, stderr, exitCode}
// whatever its exit status, rejects only when it cannot start.
function exec(command, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", text(command)], {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: [options.input != null ? "pipe" : "ignore", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    if (options.input != null) child.stdin.end(text(options.input));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ stdout, stderr, exitCode: code ?? 128, signal: signal ?? null }));
  });
}

async function applescript(script) {
  if (process.platform !== "darwin")
    throw new Error("applescript() needs macOS (osascript); this is " + process.platform);
  const r = await exec("osascript -", { input: text(script) });
  if (r.exitCode !== 0) throw new Error(`osascript: ${r.stderr.trim() || "exit " + r.exitCode}`);
  return r.stdout.replace(/\n$/, "");
}

// md(): markdown to HTML, for div() and previews; chitty turns this HTML
// back into the same markdown.  Headings, paragraphs, emphasis, strike,
// code spans and fenced code, links, images, autolinks, lists (nested by
// indentation), block quotes, rules, hard breaks and GFM tables.
const escapeHtml = (s) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function inline(s) {
  const codes = [];
  s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, ticks, code) => {
    codes.push(`<code>${escapeHtml(code.replace(/^ (.*) $/, "$1"))}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  const escapes = [];
  s = s.replace(/\\([!-\/:-@\[-`{-~])/g, (_, c) => {
    escapes.push(escapeHtml(c));
    return `\u0001${escapes.length - 1}\u0001`;
  });
  const links = [];
  s = s.replace(/<((?:https?|mailto|ftp|file):[^\s<>]+)>/g, (_, url) => {
    links.push(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
    return `\u0002${links.length - 1}\u0002`;
  });
  s = escapeHtml(s);
  s = s.replace(/!\[([^\]]*)\]\(([^)\s]*)\)/g, (_, alt, src) => `<img src="${src}" alt="${alt}">`);
  s = s.replace(/\[([^\]]+)\]\(([^)\s]*)\)/g, (_, t, href) => `<a href="${href}">${t}</a>`);
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/__(?=\S)([\s\S]*?\S)__/g, "<strong>$1</strong>");
  s = s.replace(/\*(?=\S)([\s\S]*?\S)\*/g, "<em>$1</em>");
  s = s.replace(/(^|[^\w])_(?=\S)([\s\S]*?\S)_(?!\w)/g, "$1<em>$2</em>");
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>");
  s = s.replace(/(?: {2,}|\\)\n/g, "<br>\n");
  s = s.replace(/\u0002(\d+)\u0002/g, (_, i) => links[i]);
  s = s.replace(/\u0001(\d+)\u0001/g, (_, i) => escapes[i]);
  s = s.replace(/\u0000(\d+)\u0000/g, (_, i) => codes[i]);
  return s;
}

// A GFM table row's cells: split on pipes that are not escaped (a code span
// does not protect them), the outer pipes dropped, "\\|" kept as "|".
function tableCells(line) {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  const cells = [];
  let cell = "";
  let split = false; // the last character was a splitting pipe
  for (let i = 0; i < s.length; i++) {
    split = false;
    if (s[i] === "\\" && i + 1 < s.length) {
      cell += s[i + 1] === "|" ? "|" : s[i] + s[i + 1];
      i++;
    } else if (s[i] === "|") {
      cells.push(cell.trim());
      cell = "";
      split = true;
    } else {
      cell += s[i];
    }
  }
  if (!split || cells.length === 0) cells.push(cell.trim());
  return cells;
}

// The alignments of a delimiter row (| :--- | :---: | ---: |), or null.
function tableAlignments(line) {
  if (!line.includes("|") || !/^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line)) return null;
  return tableCells(line).map((c) =>
    c.startsWith(":") && c.endsWith(":") ? "center" : c.endsWith(":") ? "right" : c.startsWith(":") ? "left" : "");
}

// A table starting at lines[i]: a header row with as many cells as the
// delimiter row under it.
function tableAt(lines, i) {
  if (i + 1 >= lines.length || !/^ {0,3}\S/.test(lines[i]) || !/(^|[^\\])\|/.test(lines[i])) return null;
  const align = tableAlignments(lines[i + 1]);
  return align !== null && tableCells(lines[i]).length === align.length ? align : null;
}

function tableRow(cells, align, tag) {
  const html = align.map((a, k) =>
    `<${tag}${a ? ` align="${a}"` : ""}>${inline(cells[k] ?? "")}</${tag}>`);
  return `<tr>\n${html.join("\n")}\n</tr>\n`;
}

function blocks(lines) {
  let html = "";
  let i = 0;
  const listItem = /^( *)([-*+]|\d{1,9}[.)]) +(.*)$/;
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if (/^\s*$/.test(line)) {
      i++;
    } else if ((m = /^(`{3,}|~{3,})\s*([^`\s]*)/.exec(line))) {
      const fence = m[1];
      const body = [];
      i++;
      while (i < lines.length && !lines[i].startsWith(fence)) body.push(lines[i++]);
      i++;
      const cls = m[2] ? ` class="language-${escapeHtml(m[2])}"` : "";
      html += `<pre><code${cls}>${escapeHtml(body.join("\n"))}</code></pre>\n`;
    } else if ((m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
      html += `<h${m[1].length}>${inline(m[2])}</h${m[1].length}>\n`;
      i++;
    } else if (/^ {0,3}([-*_])( *\1){2,} *$/.test(line)) {
      html += "<hr>\n";
      i++;
    } else if (/^ {0,3}>/.test(line)) {
      const inner = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i]))
        inner.push(lines[i++].replace(/^ {0,3}> ?/, ""));
      html += `<blockquote>\n${blocks(inner)}</blockquote>\n`;
    } else if ((m = tableAt(lines, i))) {
      const align = m;
      html += `<table>\n<thead>\n${tableRow(tableCells(line), align, "th")}</thead>\n`;
      i += 2;
      let body = "";
      while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^ {0,3}(#{1,6}\s|`{3,}|~{3,}|>)/.test(lines[i])
             && !listItem.test(lines[i]))
        body += tableRow(tableCells(lines[i++]), align, "td");
      html += (body ? `<tbody>\n${body}</tbody>\n` : "") + "</table>\n";
    } else if ((m = listItem.exec(line))) {
      const indent = m[1].length;
      const ordered = /\d/.test(m[2]);
      const start = ordered ? parseInt(m[2], 10) : 1;
      html += ordered ? (start !== 1 ? `<ol start="${start}">\n` : "<ol>\n") : "<ul>\n";
      while (i < lines.length) {
        const item = listItem.exec(lines[i]);
        if (!item || item[1].length !== indent || /\d/.test(item[2]) !== ordered) break;
        const width = item[1].length + item[2].length + 1;
        const body = [item[3]];
        i++;
        while (i < lines.length) {
          const next = lines[i];
          if (/^\s*$/.test(next)) {
            if (i + 1 < lines.length && lines[i + 1].startsWith(" ".repeat(width))) {
              body.push("");
              i++;
              continue;
            }
            break;
          }
          const sub = listItem.exec(next);
          if (sub && sub[1].length <= indent) break;
          if (!next.startsWith(" ") && !sub) {
            body.push(next); // a lazy continuation line
            i++;
            continue;
          }
          body.push(next.replace(new RegExp(`^ {0,${width}}`), ""));
          i++;
        }
        const tight = !body.includes("");
        const inner = blocks(body);
        html += tight ? `<li>${inner.replace(/^<p>([\s\S]*?)<\/p>\n/, "$1\n").trimEnd()}</li>\n`
                      : `<li>\n${inner}</li>\n`;
      }
      html += ordered ? "</ol>\n" : "</ul>\n";
    } else {
      const para = [];
      while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^(#{1,6}\s|`{3,}|~{3,}| {0,3}>)/.test(lines[i])
             && !(para.length > 0 && /^ {0,3}[-*+] +/.test(lines[i])))
        para.push(lines[i++]);
      html += `<p>${inline(para.join("\n").trim())}</p>\n`;
    }
  }
  return html;
}

function md(markdown = "") {
  return blocks(text(markdown).replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"));
}

// An error the script does not catch stops it the way a crash does: on
// stderr, its message last (the line chitty shows as why a command failed),
// and exit status 1.  bun would print it and keep running, its prompt
// waiting for ever.  A handler of the script's own comes first.  An error
// chitty has shown stops the script without a second report.
function describe(error) {
  let head;
  try {
    head = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    head = Object.prototype.toString.call(error);
  }
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  const frames = stack.split("\n").filter((l) => /^\s+at /.test(l));
  return [...frames, `Uncaught ${head}`].join("\n") + "\n";
}

function stopOn(event) {
  process.on(event, (error) => {
    if (process.listenerCount(event) > 1) return;
    try {
      if (!shownByChitty.has(error)) fs.writeSync(2, describe(error));
    } finally {
      process.exit(1);
    }
  });
}
stopOn("uncaughtException");
stopOn("unhandledRejection");

const sdk = {
  arg, div, md, editor, open, copy, notify, toast: notify, getPreference, env, exec, applescript,
};
for (const [name, fn] of Object.entries(sdk))
  Object.defineProperty(globalThis, name, { value: fn, writable: true, configurable: true });
