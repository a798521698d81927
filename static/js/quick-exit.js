/* Quick exit: blank the page at once and leave without leaving this page in the tab's
   history. The link works on its own without JavaScript; this only makes it faster and
   adds the keyboard shortcut (Shift pressed three times). */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 3000;
  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  document.documentElement.classList.add("js");

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "\u200b";
    document.body.replaceChildren();
    document.documentElement.style.background = "#fff";
    window.location.replace(link.href);
  }

  var presses = 0;
  var resetTimer = null;

  function onKeyDown(event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) {
      return;
    }
    presses += 1;
    window.clearTimeout(resetTimer);
    resetTimer = window.setTimeout(function () {
      presses = 0;
    }, SHIFT_WINDOW_MS);
    if (presses >= SHIFT_PRESSES) {
      leave();
    }
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", onKeyDown);
})();
