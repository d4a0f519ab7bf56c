"use strict";
// The page for people: POST the article to /v1/analyze and show what came back.
const STANCES = ["escalatory", "de-escalatory", "reassuring", "neutral"];
const COLORS = { "escalatory": "#e57368", "de-escalatory": "#66bb6a", "reassuring": "#5b9bd5", "neutral": "#b0b0b0" };

const form = document.getElementById("analyze-form");
const article = document.getElementById("article");
const statusLine = document.getElementById("status");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function details(sentence) {
  const scores = STANCES.map(s => `${s} ${(sentence.stance.scores[s] * 100).toFixed(0)}%`).join(", ");
  const words = (sentence.explanation?.stance || [])
    .map(e => `${e.feature} (${e.weight > 0 ? "+" : ""}${e.weight.toFixed(2)})`).join(", ");
  const actor = sentence.actor;
  return el("div", { class: "details" },
    `Stance: ${scores}. Actor ${actor.code}` + (actor.mention ? ` from “${actor.mention}”` : "") +
    ` (${(actor.score * 100).toFixed(0)}%). Sentiment ${sentence.sentiment.score.toFixed(2)}.` +
    (words ? ` Words that decided it: ${words}.` : ""));
}

function toggle(item, sentence) {
  const open = item.querySelector(".details");
  if (open) { open.remove(); item.setAttribute("aria-expanded", "false"); return; }
  item.append(details(sentence));
  item.setAttribute("aria-expanded", "true");
}

function showStatements(sentences) {
  const list = document.getElementById("statements");
  list.replaceChildren();
  for (const sentence of sentences) {
    const item = el("li", { class: `statement stance-${sentence.stance.label}`, tabindex: "0",
                            role: "button", "aria-expanded": "false",
                            "data-stance": sentence.stance.label, "data-actor": sentence.actor.code },
      el("span", { class: "chip", title: sentence.actor.name }, sentence.actor.code),
      sentence.text,
      el("span", { class: "sentiment" }, `${sentence.stance.label} · ${sentence.sentiment.label}`));
    item.addEventListener("click", () => toggle(item, sentence));
    item.addEventListener("keydown", event => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(item, sentence); }
    });
    list.append(item);
  }
}

function showSummary(summary) {
  document.getElementById("tension").textContent =
    `${summary.statements} statements; tension ${summary.tension.toFixed(2)} ` +
    "(-1 every move lowers tension, +1 every move raises it).";
  const mix = document.getElementById("mix");
  mix.replaceChildren();
  const total = Math.max(1, summary.statements);
  for (const stance of STANCES) {
    const share = summary.stance[stance] / total;
    if (share > 0) {
      mix.append(el("div", { title: `${stance}: ${summary.stance[stance]}`,
                              style: `width:${share * 100}%;background:${COLORS[stance]}` }));
    }
  }
  mix.setAttribute("aria-label", "stance mix: " + STANCES.map(s => `${s} ${summary.stance[s]}`).join(", "));
  const body = document.querySelector("#actors tbody");
  body.replaceChildren();
  for (const actor of summary.actors) {
    body.append(el("tr", {},
      el("td", {}, `${actor.name} (${actor.code})`), el("td", {}, String(actor.statements)),
      ...STANCES.map(s => el("td", {}, String(actor.stance[s]))),
      el("td", {}, actor.mean_sentiment.toFixed(2))));
  }
}

async function analyze(event) {
  event.preventDefault();
  statusLine.textContent = "Reading …";
  try {
    const response = await fetch("/v1/analyze", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: article.value, explain: true }) });
    const body = await response.json();
    if (!response.ok) { statusLine.textContent = body.error.message; return; }
    showStatements(body.sentences);
    showSummary(body.summary);
    document.getElementById("results").hidden = false;
    statusLine.textContent = "";
  } catch (error) {
    statusLine.textContent = "The service did not answer: " + error.message;
  }
}

form.addEventListener("submit", analyze);
article.addEventListener("keydown", event => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
});
