/* Ask before you apply (issue 15 item 3): while the applicant types the description on the online
   form, show the published documents that match (GET /apply/suggest/, a server-rendered fragment).
   Without this script the 「查找已公开信息」 button posts the form to the same address, which renders
   it again with the suggestions; with it, the button and typing fetch the list in place. */
(function () {
  "use strict";
  var MIN_CHARS = 2, MAX_CHARS = 100, MAX_SHOWN = 20, DELAY = 700;

  function init() {
    var region = document.getElementById("suggestions");
    var form = region && region.closest("form");
    if (!form || !window.fetch) { return; }
    var shown = form.querySelector("input[name=suggestions]");
    var button = document.getElementById("suggest-button");
    var fields = ["info_doc_no", "info_title", "description"].map(function (n) { return form.elements[n]; })
      .filter(Boolean);
    var agency = form.elements.agency;
    var timer = null, controller = null, last = null;

    function query() {
      var text = fields.map(function (f) { return f.value.trim(); }).join(" ");
      return text.replace(/\s+/g, " ").trim().slice(0, MAX_CHARS);
    }

    function remember(box) {
      if (!shown || !box) { return; }
      var ids = (shown.value ? shown.value.split(",") : []).concat(box.getAttribute("data-ids").split(","));
      var seen = [];
      ids.forEach(function (id) { if (/^\d+$/.test(id) && seen.indexOf(id) < 0) { seen.push(id); } });
      shown.value = seen.slice(0, MAX_SHOWN).join(",");
    }

    function load(force) {
      var q = query(), organ = agency ? agency.value : "";
      var key = q + "\u0000" + organ;
      if ((!force && key === last) || q.length < MIN_CHARS) { return; }
      last = key;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var url = region.getAttribute("data-url") + "?q=" + encodeURIComponent(q) +
        "&agency=" + encodeURIComponent(organ);
      region.setAttribute("aria-busy", "true");
      fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin",
                   signal: controller ? controller.signal : undefined })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          region.removeAttribute("aria-busy");
          if (html === null) { return; }  // over the rate limit or an error: keep what is shown
          var trimmed = html.trim();
          if (!trimmed && force) {
            trimmed = "<p class=\"small muted\">暂未找到与描述相符的已公开信息，您可以继续填写并提交申请。</p>";
          }
          if (region.innerHTML.trim() !== trimmed) { region.innerHTML = trimmed; }
          remember(region.querySelector("[data-ids]"));
        })
        .catch(function () { region.removeAttribute("aria-busy"); });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { load(false); }, DELAY);
    }

    fields.forEach(function (f) { f.addEventListener("input", later); });
    if (agency) { agency.addEventListener("change", function () { load(false); }); }
    if (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        window.clearTimeout(timer);
        if (query().length < MIN_CHARS) {
          region.innerHTML = "<p class=\"small muted\">请先填写所需信息的名称、文号或描述（至少" + MIN_CHARS + "个字）。</p>";
          return;
        }
        load(true);
      });
    }
    remember(region.querySelector("[data-ids]"));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
