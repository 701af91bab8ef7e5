(function () {
  "use strict";
  var pop = document.getElementById("pop");
  function hide() { pop.hidden = true; pop.textContent = ""; }
  function show(el) {
    pop.textContent = "";
    el.getAttribute("data-f").split(" ").forEach(function (id) {
      var item = document.getElementById(id);
      if (!item) { return; }
      var body = item.querySelector(".fbody").cloneNode(true);
      var link = document.createElement("a");
      link.href = "#" + id;
      link.textContent = "在问题清单中查看";
      body.appendChild(link);
      pop.appendChild(body);
    });
    var box = el.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-f]") : null;
    if (target) { show(target); return; }
    if (!pop.contains(event.target)) { hide(); }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  function fromHash() {
    var el = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (el && el.hasAttribute("data-f")) { show(el); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
