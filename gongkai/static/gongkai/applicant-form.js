/* The applicant part of the application forms (online /apply/ and the staff register; issue 15
   item 6): show only the group of the chosen applicant type (自然人 or 法人或其他组织) and name the
   shared fields for it (姓名/名称, 证件号码/统一社会信用代码). Without this script both groups show
   under their headings and the server keeps only the chosen type's fields (ApplicantForm.clean). */
(function () {
  "use strict";

  function setUp(box) {
    var name = box.getAttribute("data-kind-field");
    var radios = Array.prototype.slice.call(box.querySelectorAll("input[type=radio]"))
      .filter(function (r) { return r.name === name; });
    if (!radios.length) { return; }
    var labels = box.querySelectorAll(".kind-label");
    labels.forEach(function (wrap) {
      var label = wrap.querySelector("label");
      if (label) { wrap.setAttribute("data-neutral", label.textContent); }
    });
    function update() {
      var chosen = radios.filter(function (r) { return r.checked; })[0];
      var kind = chosen ? chosen.value : "";
      box.querySelectorAll(".applicant-group").forEach(function (group) {
        group.classList.toggle("js-hidden", kind !== "" && group.getAttribute("data-kind") !== kind);
      });
      labels.forEach(function (wrap) {
        var label = wrap.querySelector("label");
        if (label) { label.textContent = wrap.getAttribute("data-" + kind) || wrap.getAttribute("data-neutral"); }
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", update); });
    update();
  }

  function init() {
    document.querySelectorAll("fieldset.applicant-form[data-kind-field]").forEach(setUp);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
