/* Document page tools (publishing/public/document.html): 打印, 字号 大/中/小 (remembered in
   localStorage), 复制链接. Progressive enhancement: the buttons are hidden in the HTML and shown here,
   so without JavaScript the page is a plain page (print from the browser, the link and QR code shown). */
(function () {
  "use strict";
  var KEY = "gk-doc-font";
  var SIZES = ["large", "medium", "small"];
  var article = document.querySelector("article.document");
  if (!article) { return; }

  function show(el) { el.hidden = false; }
  Array.prototype.forEach.call(document.querySelectorAll(".doc-tools .js-only, .doc-share .js-only"), show);

  var printButton = document.querySelector("[data-print]");
  if (printButton) { printButton.addEventListener("click", function () { window.print(); }); }

  function store(size) {
    try { window.localStorage.setItem(KEY, size); } catch (e) { /* private mode: not remembered */ }
  }
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(size) {
    if (SIZES.indexOf(size) < 0) { size = "medium"; }
    SIZES.forEach(function (s) { article.classList.toggle("font-" + s, s === size); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-font]"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-font") === size ? "true" : "false");
    });
  }
  apply(stored());
  Array.prototype.forEach.call(document.querySelectorAll("[data-font]"), function (b) {
    b.addEventListener("click", function () {
      var size = b.getAttribute("data-font");
      apply(size);
      store(size);
    });
  });

  var copy = document.querySelector("[data-copy-target]");
  var status = document.querySelector(".copy-status");
  if (copy) {
    copy.addEventListener("click", function () {
      var input = document.getElementById(copy.getAttribute("data-copy-target"));
      var done = function () { if (status) { status.textContent = "链接已复制"; } };
      var fallback = function () {
        input.focus();
        input.select();
        try { document.execCommand("copy"); done(); } catch (e) {
          if (status) { status.textContent = "请手动复制上方链接"; }
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  }
})();
