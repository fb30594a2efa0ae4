/* Search every question, accents ignored (FTS5 on the server); a hit opens its card (a merged
   question's head). */
import { button, shared, statusBadge, url } from "./shared.js";
import { reveal } from "./tabs.js";

const el = Live.el, fmt = Live.fmt;
const SHOWN = 50;
const search = {
  form: document.getElementById("search-form"),
  input: document.getElementById("search-q"),
  status: document.getElementById("search-status"),
  results: document.getElementById("search-results"),
  asked: "",
  timer: null,
};

function run() {
  const query = search.input.value.trim();
  search.asked = query;
  search.results.textContent = "";
  if (!query) { search.status.textContent = ""; return; }
  Live.api("GET", url("search") + "?q=" + encodeURIComponent(query)).then((result) => {
    if (query !== search.asked) return;  /* a newer search is under way */
    if (!result.ok) { search.status.textContent = (result.data && result.data.error) || shared.S.failed; return; }
    show(result.data.questions);
  });
}

function show(found) {
  const S = shared.S;
  search.status.textContent = found.length ? fmt(S.searchCount, { count: found.length }) : S.searchNone;
  found.slice(0, SHOWN).forEach((q) => {
    const open = search.results.appendChild(el("li")).appendChild(button("", null, "search-hit"));
    open.dataset.id = q.merged_into || q.id;
    open.appendChild(el("span", "q-number", "#" + q.id));
    open.appendChild(statusBadge(q));
    if (q.merged_into) open.appendChild(el("span", "badge merged", fmt(S.searchMerged, { id: q.merged_into })));
    open.appendChild(el("span", "search-text", q.text));
  });
}

export function initSearch() {
  search.form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  search.input.addEventListener("input", () => {
    clearTimeout(search.timer);
    search.timer = setTimeout(run, 300);
  });
  search.results.addEventListener("click", (event) => {
    const hit = event.target.closest(".search-hit");
    const card = hit && shared.cards.get(Number(hit.dataset.id));
    if (card) reveal(card);
  });
}
