// communique dashboard: the little behaviour pages need beyond plain HTML.
// - clicking an event (in the text or the list) shows its card: evidence, rule, confidence;
// - the "code a story" form is sent in the background and its result swapped in.
// The server renders and escapes every text; this script never builds markup from strings.
"use strict";

function showEvent(root, eventId) {
  const cards = root.querySelectorAll(".event-card");
  let shown = null;
  cards.forEach((card) => {
    const match = card.dataset.event === eventId;
    card.hidden = !match;
    if (match) shown = card;
  });
  const placeholder = root.querySelector("#event-detail .placeholder");
  if (placeholder) placeholder.hidden = shown !== null;
  root.querySelectorAll(".event-button").forEach((b) => {
    b.classList.toggle("selected", b.dataset.event === eventId);
  });
  root.querySelectorAll(".article-text .seg").forEach((seg) => {
    const start = Number(seg.dataset.start);
    const inside = shown !== null && start >= Number(shown.dataset.sentStart) &&
      start < Number(shown.dataset.sentEnd);
    seg.classList.toggle("evidence-sentence", inside);
    const ids = (seg.dataset.events || "").split(" ");
    seg.classList.toggle("selected", ids.includes(eventId));
  });
  if (shown) shown.scrollIntoView({ block: "nearest" });
}

function onClick(ev) {
  const target = ev.target.closest("[data-event], [data-events]");
  if (!target) return;
  const root = target.closest(".record");
  if (!root) return;
  const id = target.dataset.event || (target.dataset.events || "").split(" ")[0];
  if (id) showEvent(root, id);
}

async function codeInPlace(ev) {
  const form = ev.target;
  if (form.id !== "code-form") return;
  ev.preventDefault();
  const status = document.getElementById("code-status");
  const button = document.getElementById("code-submit");
  status.textContent = "coding…";
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Fragment": "1" },
      body: new URLSearchParams(new FormData(form)),
    });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const html = await response.text();
    // the fragment comes from our own server, rendered with autoescaping
    const doc = new DOMParser().parseFromString(html, "text/html");
    const fresh = doc.getElementById("coded");
    const old = document.getElementById("coded");
    if (fresh && old) old.replaceWith(document.adoptNode(fresh));
    status.textContent = "done";
  } catch (err) {
    status.textContent = "failed: " + err.message;
  } finally {
    button.disabled = false;
  }
}

// network: pointing at a party picks out its arrows
function pickParty(ev) {
  const node = ev.target.closest && ev.target.closest("svg.network .node");
  const svg = document.querySelector("svg.network");
  if (!svg) return;
  const key = node ? node.dataset.key : null;
  svg.classList.toggle("picking", key !== null);
  svg.querySelectorAll(".edge").forEach((edge) => {
    edge.classList.toggle("picked", key !== null &&
      (edge.dataset.source === key || edge.dataset.target === key));
  });
}

document.addEventListener("click", onClick);
document.addEventListener("mouseover", pickParty);
document.addEventListener("keydown", (ev) => {
  if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches("[data-events]")) {
    ev.preventDefault();
    onClick(ev);
  }
});
document.addEventListener("submit", codeInPlace);
