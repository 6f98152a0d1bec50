// The page: send the text or file to /v1/parse, show what comes back. No build step, no library.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { file: null, page: null, summary: "", lineStarts: [] };

const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const INFO_FIELDS = [
  ["标题", (d) => d.title],
  ["类型", (d) => d.doc_type],
  ["讲话人", (d) => [d.meta.speaker, d.meta.speaker_role].filter(Boolean).join("，")],
  ["会议", (d) => d.meta.meeting],
  ["日期", (d) => d.meta.date],
  ["地点", (d) => d.meta.place],
  ["文号", (d) => d.meta.doc_number],
  ["编码", (d) => d.source.encoding],
  ["字数", (d) => String(d.source.chars)],
];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// ---- input ---------------------------------------------------------------

function chooseFile(file) {
  state.file = file || null;
  $("file-name").textContent = file ? `已选文件：${file.name}` : "或把文件拖到这里";
  $("clear-file").hidden = !file;
  if (file) parse();
}

function request(format) {
  const params = new URLSearchParams({ format });
  const depth = $("depth").value;
  if (depth && format !== "json") params.set("depth", depth);
  if (format === "json") params.set("with_text", "true");
  const headers = {};
  const key = $("api-key").value.trim();
  if (key) headers["X-API-Key"] = key;
  let body;
  if (state.file) {
    body = new FormData();
    body.append("file", state.file, state.file.name);
  } else {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify({ text: $("text").value });
  }
  return fetch(`/v1/parse?${params}`, { method: "POST", headers, body }).then(async (response) => {
    if (response.ok) return format === "json" ? response.json() : response.text();
    let message = `服务器返回 ${response.status}`;
    try {
      const error = (await response.json()).error;
      message = `${describeStatus(response.status)}：${error.message}`;
    } catch (_) { /* not JSON */ }
    throw new Error(message);
  });
}

function describeStatus(status) {
  return { 400: "无法读取输入", 401: "需要有效的 API 密钥", 413: "文件太大", 422: "参数有误", 503: "解析超时或服务繁忙" }[status] || `错误 ${status}`;
}

async function parse() {
  if (!state.file && !$("text").value.trim()) {
    showError("请先粘贴文本或选择文件。");
    return;
  }
  showError("");
  $("status").textContent = "正在解析……";
  $("submit").disabled = true;
  try {
    const [page, summary] = await Promise.all([request("json"), request("outline")]);
    state.page = page;
    state.summary = summary.trim();
    show(page);
    $("status").textContent = "解析完成。";
  } catch (error) {
    $("status").textContent = "";
    showError(error.message);
    if (/API 密钥/.test(error.message)) $("api-key").closest("details").open = true;
  } finally {
    $("submit").disabled = false;
  }
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

// ---- results -------------------------------------------------------------

function show(page) {
  const doc = page.document;
  $("results").hidden = false;
  $("source-section").hidden = false;
  $("layout").classList.add("has-results");
  showInfo(doc);
  $("summary").textContent = state.summary || "（没有可列出的标题）";
  showAgenda(doc.agenda);
  showTree(doc.outline);
  showDiagnostics(doc.diagnostics);
  showSource(page.text, page.text_lines);
}

function showInfo(doc) {
  const info = $("info");
  info.replaceChildren();
  for (const [label, read] of INFO_FIELDS) {
    const value = read(doc);
    if (value) info.append(el("dt", {}, label), el("dd", {}, value));
  }
}

function showAgenda(agenda) {
  $("agenda-section").hidden = agenda.length === 0;
  $("agenda").replaceChildren(
    ...agenda.map((item) => {
      const where = item.declaration || item.span;
      const label = item.speaker ? `${item.title}（${item.speaker}）` : item.title;
      return el("li", {}, where
        ? el("button", { type: "button", onclick: () => highlightOffset(where.start) }, label)
        : label);
    }),
  );
}

function showTree(outline) {
  const showItems = $("show-items").checked;
  const build = (nodes) => nodes
    .filter((node) => showItems || node.kind === "heading")
    .map((node) => treeItem(node, build(node.children)));
  const items = build(outline);
  $("tree").replaceChildren(...items);
  $("no-outline").hidden = items.length > 0;
}

function treeItem(node, children) {
  const title = el("button", { type: "button", class: "node-title", onclick: (event) => {
    document.querySelectorAll(".node-title.current").forEach((b) => b.classList.remove("current"));
    event.currentTarget.classList.add("current");
    highlightOffset(node.span.start);
  } }, el("span", { class: "marker" }, node.marker), " ", node.title || "（无标题）");
  const row = el("div", { class: "node-row" });
  const li = el("li", { class: `kind-${node.kind}` });
  if (children.length) {
    const toggle = el("button", { type: "button", class: "toggle", "aria-expanded": "true", "aria-label": `折叠 ${node.marker}`,
      onclick: () => setExpanded(li, toggle.getAttribute("aria-expanded") !== "true") }, "▾");
    row.append(toggle);
  } else {
    row.append(el("span", { class: "toggle-space" }));
  }
  row.append(title, el("span", { class: "level", title: "层级" }, `第${node.level}级`));
  li.append(row);
  if (children.length) li.append(el("ul", {}, ...children));
  return li;
}

function setExpanded(li, open) {
  const toggle = li.querySelector(":scope > .node-row > .toggle");
  if (!toggle) return;
  toggle.setAttribute("aria-expanded", String(open));
  toggle.textContent = open ? "▾" : "▸";
  toggle.setAttribute("aria-label", toggle.getAttribute("aria-label").replace(/^\S+/, open ? "折叠" : "展开"));
  li.querySelector(":scope > ul").hidden = !open;
}

function showDiagnostics(diagnostics) {
  $("no-diagnostics").hidden = diagnostics.length > 0;
  $("diagnostics").replaceChildren(
    ...diagnostics.map((d) => {
      const content = [
        el("span", { class: `sev sev-${d.severity}` }, SEVERITY[d.severity] || d.severity),
        el("span", { class: "code" }, d.code),
        d.line ? `第 ${d.line} 行：` : "",
        d.message,
      ];
      return el("li", {}, d.line
        ? el("button", { type: "button", onclick: () => highlightInputLine(d.line) }, ...content)
        : el("span", {}, ...content));
    }),
  );
}

function showSource(text, textLines) {
  const lines = text.split("\n");
  state.lineStarts = [];
  let offset = 0;
  const rows = lines.map((line, index) => {
    state.lineStarts.push(offset);
    offset += line.length + 1;
    return el("div", { class: "src-line", "data-index": String(index) },
      el("span", { class: "no" }, String(textLines[index] ?? "")),
      el("span", { class: "txt" }, line));
  });
  state.textLines = textLines;
  $("source").replaceChildren(...rows);
}

// ---- highlighting ----------------------------------------------------------

/** The line of the normalised text that holds character `offset` (the spans point there). */
function highlightOffset(offset) {
  let index = 0;
  while (index + 1 < state.lineStarts.length && state.lineStarts[index + 1] <= offset) index++;
  highlightRow(index);
}

/** A diagnostic's input line: the normalised line that starts there, or the last one before it. */
function highlightInputLine(line) {
  let index = 0;
  state.textLines.forEach((start, i) => { if (start <= line) index = i; });
  highlightRow(index);
}

function highlightRow(index) {
  const source = $("source");
  source.querySelectorAll(".hit").forEach((row) => row.classList.remove("hit"));
  const row = source.querySelector(`[data-index="${index}"]`);
  if (!row) return;
  row.classList.add("hit");
  // scroll the source pane, not the page; then bring the pane's line into view if it is off screen
  source.scrollTop += row.getBoundingClientRect().top - source.getBoundingClientRect().top - source.clientHeight / 3;
  const box = row.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) row.scrollIntoView({ block: "center" });
}

// ---- actions ---------------------------------------------------------------

async function copySummary() {
  const text = state.summary;
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const area = el("textarea", {}, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  $("copied").textContent = "已复制";
  setTimeout(() => { $("copied").textContent = ""; }, 2000);
}

function downloadJson() {
  const doc = state.page.document;
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `${doc.title || "outline"}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function setUp() {
  $("form").addEventListener("submit", (event) => { event.preventDefault(); parse(); });
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); parse(); }
  });
  $("text").addEventListener("input", () => { if (state.file) chooseFile(null); });
  $("file").addEventListener("change", (event) => chooseFile(event.target.files[0]));
  $("clear-file").addEventListener("click", () => { $("file").value = ""; chooseFile(null); });
  const drop = $("drop");
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.add("over"); });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer.files.length) chooseFile(event.dataTransfer.files[0]);
  });
  $("copy").addEventListener("click", copySummary);
  $("download").addEventListener("click", downloadJson);
  $("show-items").addEventListener("change", () => state.page && showTree(state.page.document.outline));
  $("expand-all").addEventListener("click", () => document.querySelectorAll("#tree li").forEach((li) => setExpanded(li, true)));
  $("collapse-all").addEventListener("click", () => document.querySelectorAll("#tree li").forEach((li) => setExpanded(li, false)));
}

setUp();
