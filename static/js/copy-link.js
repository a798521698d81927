// "Copy link" buttons: shown only when the browser can copy; the link field works without them.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.dataset.copied || "✓";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
