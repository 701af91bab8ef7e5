// duizhao: the material page. A finding (or its link) scrolls the text to its mark and flashes it;
// a selection in the full text fills the comment form's start and end (characters of the text).
(function () {
  "use strict";
  var full = document.getElementById("fulltext");
  if (!full) { return; }

  function flash(element) {
    element.classList.remove("flash");
    void element.offsetWidth; // restart the animation
    element.classList.add("flash");
  }

  document.addEventListener("click", function (event) {
    // The "定位到原文" link, or anywhere else in a finding or comment of the lists.
    var link = event.target.closest("a");
    if (!link) {
      var item = event.target.closest("ol.findings li, ol.comments li");
      link = item && !String(window.getSelection()) ? item.querySelector("a.goto") : null;
    }
    if (!link || !link.classList.contains("goto")) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target || !full.contains(target)) { return; }
    event.preventDefault();
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    flash(target);
    history.replaceState(null, "", link.getAttribute("href"));
  });

  // Characters (code points, as Python counts them) in the first `units` UTF-16 units of `text`.
  function codePoints(text, units) {
    return Array.from(text.slice(0, units)).length;
  }

  function pieceOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    while (element && element !== full && !element.hasAttribute("data-start") && !element.hasAttribute("data-zw")) {
      element = element.parentElement;
    }
    return element === full ? null : element;
  }

  function startOf(element) {
    return parseInt(element.getAttribute(element.hasAttribute("data-start") ? "data-start" : "data-zw"), 10);
  }

  // The offset in the text of a selection boundary (container, offset) inside the full text.
  function offsetOf(container, offset) {
    var piece = pieceOf(container);
    if (piece) {
      if (piece.hasAttribute("data-zw")) { return startOf(piece); }
      if (container.nodeType === Node.TEXT_NODE) { return startOf(piece) + codePoints(container.data, offset); }
      return startOf(piece) + (offset > 0 ? Array.from(piece.textContent).length : 0);
    }
    // A boundary between pieces (in the text element, or in an empty section anchor):
    // the start of the next piece, or the end of the text.
    var node = container === full ? full.childNodes[offset] : container;
    while (node && node !== full && node.parentNode !== full) { node = node.parentNode; }
    for (; node && node !== full; node = node.nextSibling) {
      if (node.nodeType === Node.ELEMENT_NODE && (node.hasAttribute("data-start") || node.hasAttribute("data-zw"))) {
        return startOf(node);
      }
    }
    return parseInt(full.getAttribute("data-length"), 10);
  }

  var form = document.getElementById("comment-form");
  if (!form) { return; }
  var note = document.getElementById("comment-quote");
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!full.contains(range.startContainer) || !full.contains(range.endContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (!(start < end)) { return; }
    form.elements.start.value = start;
    form.elements.end.value = end;
    var quote = selection.toString().replace(/▲/g, "");
    note.textContent = "已选中：“" + (quote.length > 40 ? quote.slice(0, 39) + "…" : quote) + "”";
  });
})();
