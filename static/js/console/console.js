/* The moderator console: every question of the event, live over Socket.IO, in five tabs of cards.
   This file wires the parts: the live connection into sync.js, taps on the cards into buttons.js,
   and each panel's own controls. Every action sends the version the page holds; a 409 brings the
   current question back and says so. */
import { shared } from "./shared.js";
import { load, pollChanged, pollResults, programmeChanged, received, refresh, removed, votes } from "./sync.js";
import { act } from "./buttons.js";
import { unmarkNew } from "./cards.js";
import { initTabs } from "./tabs.js";
import { initStage } from "./stage.js";
import { initChair, loadMessages, takeMessage } from "./chair_messages.js";
import { initSearch } from "./search.js";
import { initProgramme } from "./programme_panel.js";
import { initPolls } from "./polls_panel.js";
import { initPollForm } from "./poll_form.js";

const connection = document.getElementById("connection");
const socketError = document.getElementById("socket-error");

/* A tap on a card marks it seen; only on click, so nothing moves between finger down and up. */
function onCards() {
  shared.root.addEventListener("click", (event) => {
    const node = event.target.closest(".card");
    const card = node && shared.cards.get(Number(node.dataset.id));
    if (!card) return;
    const target = event.target.closest("[data-action]");
    if (unmarkNew(card.id)) refresh();
    if (target && card.el.contains(target)) act(card, target.dataset.action, target);
  });
  shared.root.addEventListener("pointerdown", (event) => {
    if (event.target.closest(".cards")) shared.lastPointer = Date.now();
  });
}

/* the menus (<details>: the links, the programme's items): close on Escape, on a link and on a tap elsewhere */
function onMenu(menu) {
  document.addEventListener("click", (event) => {
    if (menu.open && (!menu.contains(event.target) || event.target.closest("a"))) menu.open = false;
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
}

function connect() {
  shared.live = Live.connect(shared.config.event, "moderator", {
    render: (state) => { socketError.hidden = true; load(state); },
    question: received,
    removed: removed,
    votes: votes,
    programme: programmeChanged,
    poll: pollChanged,
    pollResults: pollResults,
    connection: (online) => {
      Live.showConnection(connection, online, shared.S);
      document.body.classList.toggle("is-offline", !online);
    },
    error: (message) => {
      socketError.textContent = message || shared.S.failed;
      socketError.hidden = false;
    },
  });
  shared.live.socket.on("snapshot", loadMessages);
  shared.live.socket.on("chair_message", takeMessage);
}

initTabs();
initStage();
initChair();
initSearch();
initProgramme();
initPolls();
initPollForm();
onCards();
document.querySelectorAll("details.menu").forEach(onMenu);
connect();
refresh();
