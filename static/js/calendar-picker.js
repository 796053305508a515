// Dual Gregorian / Jalali calendar for `<input type="date" data-calendar-picker>` (nps/core/widgets.py).
// The input keeps the ISO Gregorian value (and works on its own without this script); the calendar is a
// non-modal popup with an ARIA grid: arrows move by day/week, PageUp/PageDown by month (with Shift by
// year), Home/End to the week's ends, Enter or Space picks, Escape closes and focus goes back to the input.
import { jalaaliMonthLength, toGregorian, toJalaali } from "./vendor/jalaali.js";

const JALALI_MONTHS = [
  "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
  "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
];
const JALALI_WEEKDAYS = ["ش", "ی", "د", "س", "چ", "پ", "ج"]; // from Saturday
const DAY_MS = 86400000;
const SVG = "http://www.w3.org/2000/svg";
let counter = 0;

// Days are whole numbers counted from 1970-01-01 (UTC), so adding days never meets a time zone.
const dayOf = (year, month, day) => Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
const weekday = (day) => (((day + 4) % 7) + 7) % 7; // 0 = Sunday

function gregorian(day) {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isoOf(day) {
  const { year, month, day: dayOfMonth } = gregorian(day);
  const pad = (number, size) => String(number).padStart(size, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
}

function parseIso(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  if (!match) return null;
  const day = dayOf(+match[1], +match[2], +match[3]);
  return isoOf(day) === text ? day : null;
}

const CALENDARS = {
  gregorian: {
    weekStart: 0,
    split: gregorian,
    join: dayOf,
    monthLength: (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate(),
  },
  jalali: {
    weekStart: 6,
    split(day) {
      const { year, month, day: dayOfMonth } = gregorian(day);
      const { jy, jm, jd } = toJalaali(year, month, dayOfMonth);
      return { year: jy, month: jm, day: jd };
    },
    join(year, month, day) {
      const { gy, gm, gd } = toGregorian(year, month, day);
      return dayOf(gy, gm, gd);
    },
    monthLength: jalaaliMonthLength,
  },
};

function addMonths(calendar, day, months) {
  const parts = calendar.split(day);
  const index = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return calendar.join(year, month, Math.min(parts.day, calendar.monthLength(year, month)));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function iconButton(className, text, label) {
  const button = element("button", className, text);
  button.type = "button";
  if (label) button.setAttribute("aria-label", label);
  return button;
}

function calendarIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const paths = ["M4 6.5h16v13H4z", "M4 10.5h16", "M8 3.5v5", "M16 3.5v5"];
  for (const d of paths) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
  }
  return svg;
}

function enhance(input) {
  const strings = JSON.parse(input.getAttribute("data-calendar-picker") || "{}");
  const persian = (document.documentElement.lang || "").toLowerCase().startsWith("fa");
  const digits = (value) =>
    persian ? String(value).replace(/\d/g, (digit) => "۰۱۲۳۴۵۶۷۸۹"[digit]) : String(value);
  const id = `calendar-picker-${++counter}`;
  const preferred = ["jalali", "gregorian"].includes(strings.calendar) ? strings.calendar : null;
  const state = { mode: preferred || (persian ? "jalali" : "gregorian"), view: null, focus: null };

  const wrapper = element("span", "cal-field");
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);

  const toggle = iconButton("cal-toggle", null, strings.open);
  toggle.appendChild(calendarIcon());
  toggle.title = strings.open;
  toggle.setAttribute("aria-haspopup", "dialog");
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", id);
  const alternative = element("span", "cal-alt");
  alternative.lang = "fa";
  wrapper.append(toggle, alternative);

  const popup = element("div", "cal-popup");
  popup.id = id;
  popup.hidden = true;
  popup.setAttribute("role", "dialog");
  popup.setAttribute("aria-label", strings.dialog);
  wrapper.appendChild(popup);

  const top = element("div", "cal-top");
  const modes = element("div", "cal-modes");
  modes.setAttribute("role", "group");
  const modeButtons = {};
  for (const mode of ["gregorian", "jalali"]) {
    modeButtons[mode] = iconButton("cal-mode", strings[mode]);
    modeButtons[mode].addEventListener("click", () => {
      state.mode = mode;
      render();
    });
    modes.appendChild(modeButtons[mode]);
  }
  const close = iconButton("cal-close", "✕", strings.close);
  top.append(modes, close);

  const nav = element("div", "cal-nav");
  const previousYear = iconButton("cal-step", null, strings.previous_year);
  const previousMonth = iconButton("cal-step", null, strings.previous_month);
  const title = element("div", "cal-title");
  title.id = `${id}-title`;
  title.setAttribute("aria-live", "polite");
  const nextMonth = iconButton("cal-step", null, strings.next_month);
  const nextYear = iconButton("cal-step", null, strings.next_year);
  nav.append(previousYear, previousMonth, title, nextMonth, nextYear);

  const grid = element("table", "cal-grid");
  grid.setAttribute("role", "grid");
  grid.setAttribute("aria-labelledby", title.id);
  const headRow = element("tr");
  const headers = [];
  for (let column = 0; column < 7; column += 1) {
    const header = element("th");
    header.scope = "col";
    headers.push(header);
    headRow.appendChild(header);
  }
  grid.appendChild(element("thead")).appendChild(headRow);
  const body = grid.appendChild(element("tbody"));
  const cells = [];
  for (let row = 0; row < 6; row += 1) {
    const line = body.appendChild(element("tr"));
    for (let column = 0; column < 7; column += 1) {
      const cell = line.appendChild(element("td"));
      cell.setAttribute("role", "gridcell");
      cells.push(cell);
    }
  }

  const footer = element("div", "cal-footer");
  const todayButton = iconButton("cal-today", strings.today);
  footer.appendChild(todayButton);
  popup.append(top, nav, grid, footer);

  const limit = (text) => parseIso(text);
  const today = () => {
    const now = new Date();
    return dayOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
  };
  const clamp = (day) => {
    const min = limit(input.min);
    const max = limit(input.max);
    if (min != null && day < min) return min;
    if (max != null && day > max) return max;
    return day;
  };
  const allowed = (day) => clamp(day) === day;
  const calendar = () => CALENDARS[state.mode];

  function showAlternative() {
    const day = parseIso(input.value);
    if (day == null || state.mode !== "jalali") {
      alternative.textContent = "";
      return;
    }
    const { year, month, day: dayOfMonth } = CALENDARS.jalali.split(day);
    const pad = (number) => String(number).padStart(2, "0");
    alternative.textContent = digits(`${year}/${pad(month)}/${pad(dayOfMonth)}`);
  }

  function render(moveFocus) {
    const cal = calendar();
    const jalali = state.mode === "jalali";
    // The month grid reads as its calendar does (Jalali right to left); the arrows follow the page,
    // so "previous" is where a reader of the page looks for it (left in English, right in Persian).
    const pageDirection = getComputedStyle(wrapper).direction;
    const direction = jalali ? "rtl" : pageDirection;
    const { year, month } = cal.split(state.focus);
    const monthNames = jalali ? JALALI_MONTHS : strings.months;
    const weekdays = jalali ? JALALI_WEEKDAYS : strings.weekdays;
    const first = cal.join(year, month, 1);
    const start = first - ((weekday(first) - cal.weekStart + 7) % 7);
    const now = today();
    const selected = parseIso(input.value);

    for (const mode of Object.keys(modeButtons)) {
      modeButtons[mode].setAttribute("aria-pressed", String(mode === state.mode));
    }
    nav.dir = pageDirection;
    grid.dir = direction;
    const rtl = pageDirection === "rtl";
    previousYear.textContent = rtl ? "»" : "«";
    previousMonth.textContent = rtl ? "›" : "‹";
    nextMonth.textContent = rtl ? "‹" : "›";
    nextYear.textContent = rtl ? "«" : "»";
    title.lang = jalali || persian ? "fa" : "en";
    title.textContent = `${monthNames[month - 1]} ${digits(year)}`;
    headers.forEach((header, column) => {
      header.textContent = weekdays[column];
    });
    grid.lang = title.lang;

    cells.forEach((cell, index) => {
      const day = start + index;
      const parts = cal.split(day);
      cell.dataset.day = String(day);
      cell.textContent = digits(parts.day);
      const name = `${digits(parts.day)} ${monthNames[parts.month - 1]} ${digits(parts.year)}`;
      cell.setAttribute("aria-label", name);
      cell.setAttribute("aria-selected", String(day === selected));
      cell.tabIndex = day === state.focus ? 0 : -1;
      cell.classList.toggle("cal-outside", parts.month !== month);
      if (day === now) cell.setAttribute("aria-current", "date");
      else cell.removeAttribute("aria-current");
      if (allowed(day)) cell.removeAttribute("aria-disabled");
      else cell.setAttribute("aria-disabled", "true");
    });
    previousMonth.disabled = previousYear.disabled = !allowed(first - 1);
    const last = first + cal.monthLength(year, month) - 1;
    nextMonth.disabled = nextYear.disabled = !allowed(last + 1);
    showAlternative();
    if (moveFocus) cells[state.focus - start].focus();
  }

  function open() {
    state.focus = clamp(parseIso(input.value) ?? today());
    popup.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    render(true);
  }

  function hide(returnFocus) {
    if (popup.hidden) return;
    popup.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) input.focus();
  }

  function pick(day) {
    if (!allowed(day)) return;
    input.value = isoOf(day);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    hide(true);
  }

  function moveTo(day, moveFocus) {
    state.focus = clamp(day);
    render(moveFocus);
  }

  toggle.addEventListener("click", () => (popup.hidden ? open() : hide(true)));
  close.addEventListener("click", () => hide(true));
  previousMonth.addEventListener("click", () => moveTo(addMonths(calendar(), state.focus, -1)));
  nextMonth.addEventListener("click", () => moveTo(addMonths(calendar(), state.focus, 1)));
  previousYear.addEventListener("click", () => moveTo(addMonths(calendar(), state.focus, -12)));
  nextYear.addEventListener("click", () => moveTo(addMonths(calendar(), state.focus, 12)));
  todayButton.addEventListener("click", () => moveTo(today(), true));
  body.addEventListener("click", (event) => {
    const cell = event.target.closest("td");
    if (cell) pick(Number(cell.dataset.day));
  });

  body.addEventListener("keydown", (event) => {
    const cal = calendar();
    const forward = grid.dir === "rtl" ? -1 : 1;
    const column = (weekday(state.focus) - cal.weekStart + 7) % 7;
    const moves = {
      ArrowRight: () => state.focus + forward,
      ArrowLeft: () => state.focus - forward,
      ArrowDown: () => state.focus + 7,
      ArrowUp: () => state.focus - 7,
      Home: () => state.focus - column,
      End: () => state.focus + (6 - column),
      PageUp: () => addMonths(cal, state.focus, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(cal, state.focus, event.shiftKey ? 12 : 1),
    };
    if (moves[event.key]) {
      event.preventDefault();
      moveTo(moves[event.key](), true);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick(state.focus);
    }
  });

  wrapper.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !popup.hidden) {
      event.preventDefault();
      event.stopPropagation();
      hide(true);
    }
  });
  wrapper.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !wrapper.contains(event.relatedTarget)) hide(false);
  });
  document.addEventListener("pointerdown", (event) => {
    if (!popup.hidden && !wrapper.contains(event.target)) hide(false);
  });
  input.addEventListener("change", showAlternative);
  showAlternative();
}

function enhanceAll(root) {
  const inputs = Array.from(root.querySelectorAll("input[data-calendar-picker]"));
  if (root.matches && root.matches("input[data-calendar-picker]")) inputs.push(root);
  for (const input of inputs) {
    if (input.hasAttribute("data-calendar-ready")) continue;
    input.setAttribute("data-calendar-ready", "");
    enhance(input);
  }
}

enhanceAll(document);
// Forms swapped in by htmx get their calendars too.
document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
