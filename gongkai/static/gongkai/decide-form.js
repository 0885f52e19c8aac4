/* The 答复 (decide) form on the case page (issue 15 item 6): show only the detail fields of the chosen
   outcome. Without this script every group shows under its heading (applications/decide_form.html);
   with it, the other groups are hidden and their fields disabled, so what is not shown is not sent. */
(function () {
  "use strict";

  function uses(el, code) {
    return code !== "" && (el.getAttribute("data-outcomes") || "").split(" ").indexOf(code) >= 0;
  }

  function setUp(form) {
    var select = document.getElementById(form.getAttribute("data-outcome-select"));
    if (!select) { return; }
    var hint = form.querySelector(".outcome-hint");
    function update() {
      var code = select.value;
      form.querySelectorAll(".outcome-field").forEach(function (box) {
        var on = uses(box, code);
        box.classList.toggle("js-hidden", !on);
        box.querySelectorAll("input, textarea, select").forEach(function (c) { c.disabled = !on; });
      });
      form.querySelectorAll("fieldset.outcome-group").forEach(function (group) {
        group.classList.toggle("js-hidden", !uses(group, code));
      });
      if (hint) {
        hint.textContent = code === "" ? "选择办理结果后，这里显示该结果需要填写的事项。"
          : (form.querySelector(".outcome-field:not(.js-hidden)") ? "以下是所选办理结果需要填写的事项。"
            : "所选办理结果无需填写其他事项，写明理由即可。");
      }
    }
    select.addEventListener("change", update);
    update();
  }

  function init() {
    document.querySelectorAll("form.decide-form[data-outcome-select]").forEach(setUp);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
