/* What the console says in passing: the flash line (with "Xem" to reveal the card it is about) and
   the announcements for screen readers. */
import { button, shared } from "./shared.js";
import { reveal } from "./tabs.js";

const flashNode = document.getElementById("flash");
const announcer = document.getElementById("announcer");
let flashTimer = null;
let announceTimer = null;

export function flash(message, kind, card) {
  clearTimeout(flashTimer);
  flashNode.textContent = "";
  flashNode.className = "notice flash " + (kind || "ok");
  flashNode.appendChild(Live.el("span", "", message));
  if (card) flashNode.appendChild(button(shared.S.show, null, "flash-show")).addEventListener("click", () => reveal(card));
  flashNode.hidden = false;
  if (kind === "ok") flashTimer = setTimeout(() => { flashNode.hidden = true; }, 5000);
}

export function announce(message) {
  if (announceTimer) return;
  announcer.textContent = message;
  announceTimer = setTimeout(() => { announceTimer = null; announcer.textContent = ""; }, 3000);
}
