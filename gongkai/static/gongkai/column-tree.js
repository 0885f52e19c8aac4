/* The 政府信息公开 column tree (publishing/public/_column_tree.html) is open in the HTML, so that it
   works without JavaScript; on a phone it starts collapsed behind its 「栏目导航」 summary. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 900px)").matches) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("details[data-gk-collapse]"), function (d) {
    d.open = false;
  });
})();
