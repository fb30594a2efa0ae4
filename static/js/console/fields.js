/* The controls of a card's forms, each labelled and named. */
import { shared } from "./shared.js";

const el = Live.el;

export function fieldId(card, name) {
  return "q" + card.id + "-" + name;
}

/* <div class="field">: the label, the hint (the control's description) and the control */
export function labelled(card, name, labelText, control, hint) {
  const wrap = el("div", "field");
  const label = wrap.appendChild(el("label", "", labelText));
  control.id = fieldId(card, name);
  control.name = name;
  label.htmlFor = control.id;
  if (hint) {
    const hintNode = wrap.appendChild(el("p", "hint", hint));
    hintNode.id = control.id + "-hint";
    control.setAttribute("aria-describedby", hintNode.id);
  }
  wrap.appendChild(control);
  return wrap;
}

export function option(value, label, selected) {
  const node = el("option", "", label);
  node.value = value;
  if (selected) node.selected = true;
  return node;
}

/* an <input> of `type` holding value; a text one takes maxLength and no autocompletion */
export function input(type, value, maxLength) {
  const node = el("input");
  node.type = type;
  if (maxLength) { node.maxLength = maxLength; node.autocomplete = "off"; }
  node.value = value || "";
  return node;
}

export function textarea(rows, maxLength, value) {
  const node = el("textarea");
  node.rows = rows;
  node.maxLength = maxLength;
  node.value = value || "";
  return node;
}

export function checkbox(id, name, checked) {
  const box = el("input");
  box.type = "checkbox";
  box.id = id;
  box.name = name;
  box.checked = !!checked;
  return box;
}

/* the event's agencies to choose from, the first option `empty`; a code no longer listed stays */
export function agencySelect(empty, selected) {
  const select = el("select");
  select.appendChild(option("", empty, !selected));
  shared.config.agencies.forEach((a) => {
    const label = a.short_name && a.short_name !== a.name ? a.name + " (" + a.short_name + ")" : a.name;
    select.appendChild(option(a.code, label, a.code === selected));
  });
  if (selected && !shared.agencies.has(selected)) select.appendChild(option(selected, selected, true));
  return select;
}
