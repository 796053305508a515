// Persian on-screen keyboard for inputs and textareas marked `data-persian-keyboard` (nps/core/widgets.py).
// The attribute holds the translated labels as JSON. Without this script the control is a plain RTL field.
// The panel is not modal: keys are ordinary buttons in the tab order, Escape closes it and focus goes back
// to the field. A key inserts its character at the field's caret (replacing any selection).
(function () {
  "use strict";

  var LAYERS = {
    letters: [
      "ض ص ث ق ف غ ع ه خ ح ج چ",
      "ش س ی ب ل ا ت ن م ک گ",
      "ظ ط ز ر ذ د پ و",
      "ژ ء آ ئ ؤ ة ي",
    ],
    shifted: [
      "۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ ۰",
      "fatha damma kasra shadda tanwin sukun",
      "، ؛ ؟ « » ! ٪ ( ) ـ",
      "ك ۀ أ إ hamza",
    ],
  };
  // Combining marks are shown on a dotted circle and named, since a lone mark has no readable name.
  var MARKS = {
    fatha: "\u064E",
    damma: "\u064F",
    kasra: "\u0650",
    shadda: "\u0651",
    tanwin: "\u064B",
    sukun: "\u0652",
    hamza: "\u0654",
  };
  var HALF_SPACE = "\u200C"; // zero-width non-joiner (نیم‌فاصله)
  var counter = 0;

  function button(className, text, label) {
    var key = document.createElement("button");
    key.type = "button";
    key.className = className;
    key.textContent = text;
    if (label) key.setAttribute("aria-label", label);
    return key;
  }

  // Where the keys write: the caret or selection once the person has been in the field, else the end.
  function caret(field) {
    if (!field.hasAttribute("data-pk-touched") || field.selectionStart == null) {
      return [field.value.length, field.value.length];
    }
    return [field.selectionStart, field.selectionEnd];
  }

  function insert(field, text) {
    var range = caret(field);
    var start = range[0];
    var end = range[1];
    if (field.maxLength > 0 && field.value.length - (end - start) + text.length > field.maxLength) return;
    field.setRangeText(text, start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function backspace(field) {
    var range = caret(field);
    var start = range[0];
    var end = range[1];
    if (start === end) {
      if (start === 0) return;
      // One user-perceived character: a surrogate pair counts as one.
      var code = field.value.charCodeAt(start - 1);
      start -= code >= 0xdc00 && code <= 0xdfff && start > 1 ? 2 : 1;
    }
    field.setRangeText("", start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function enhance(field) {
    var strings = JSON.parse(field.getAttribute("data-persian-keyboard") || "{}");
    field.addEventListener("focus", function () {
      field.setAttribute("data-pk-touched", "");
    });
    var id = "persian-keyboard-" + ++counter;

    var wrapper = document.createElement("span");
    wrapper.className = "pk-field";
    field.parentNode.insertBefore(wrapper, field);
    wrapper.appendChild(field);

    var toggle = button("pk-toggle", "⌨", strings.toggle);
    toggle.title = strings.title;
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", id);
    wrapper.appendChild(toggle);

    var panel = document.createElement("div");
    panel.className = "pk-panel";
    panel.id = id;
    panel.hidden = true;
    panel.dir = "rtl";
    panel.lang = "fa";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", strings.title);
    wrapper.insertAdjacentElement("afterend", panel);

    var header = document.createElement("div");
    header.className = "pk-header";
    var title = document.createElement("span");
    title.className = "pk-title";
    title.textContent = strings.title;
    var close = button("pk-close", "✕", strings.close);
    header.append(title, close);
    panel.appendChild(header);

    var rows = document.createElement("div");
    rows.className = "pk-rows";
    panel.appendChild(rows);

    var shift = button("pk-key pk-shift", "⇧", strings.shift);
    shift.setAttribute("aria-pressed", "false");
    var halfSpace = button("pk-key pk-half-space", strings.half_space, strings.half_space);
    var space = button("pk-key pk-space", strings.space, strings.space);
    var erase = button("pk-key pk-backspace", "⌫", strings.backspace);
    var bottom = document.createElement("div");
    bottom.className = "pk-row pk-row-bottom";
    bottom.append(shift, halfSpace, space, erase);
    panel.appendChild(bottom);

    function drawLayer(name) {
      rows.textContent = "";
      LAYERS[name].forEach(function (line) {
        var row = document.createElement("div");
        row.className = "pk-row";
        line.split(" ").forEach(function (entry) {
          var mark = MARKS[entry];
          var key = mark
            ? button("pk-key pk-mark", "\u25CC" + mark, strings[entry])
            : button("pk-key", entry, entry);
          key.setAttribute("data-char", mark || entry);
          row.appendChild(key);
        });
        rows.appendChild(row);
      });
      shift.setAttribute("aria-pressed", String(name === "shifted"));
    }

    function open() {
      drawLayer("letters");
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
    }

    function hide(returnFocus) {
      if (panel.hidden) return;
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      if (returnFocus) field.focus();
    }

    toggle.addEventListener("click", function () {
      if (panel.hidden) open();
      else hide(true);
    });
    close.addEventListener("click", function () {
      hide(true);
    });
    panel.addEventListener("click", function (event) {
      var key = event.target.closest(".pk-key");
      if (!key || field.disabled || field.readOnly) return;
      if (key === shift) {
        var pressed = shift.getAttribute("aria-pressed") === "true";
        drawLayer(pressed ? "letters" : "shifted");
      } else if (key === erase) {
        backspace(field);
      } else if (key === space) {
        insert(field, " ");
      } else if (key === halfSpace) {
        insert(field, HALF_SPACE);
      } else {
        insert(field, key.getAttribute("data-char"));
      }
    });
    [field, toggle, panel].forEach(function (element) {
      element.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !panel.hidden) {
          event.preventDefault();
          hide(true);
        }
      });
    });
    document.addEventListener("pointerdown", function (event) {
      if (!panel.hidden && !wrapper.contains(event.target) && !panel.contains(event.target)) hide(false);
    });
  }

  function enhanceAll(root) {
    var fields = Array.from(root.querySelectorAll("[data-persian-keyboard]"));
    if (root.matches && root.matches("[data-persian-keyboard]")) fields.push(root);
    fields.forEach(function (field) {
      if (field.hasAttribute("data-pk-ready")) return;
      field.setAttribute("data-pk-ready", "");
      enhance(field);
    });
  }

  enhanceAll(document);
  // Forms swapped in by htmx get their keyboards too.
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
})();
