/* archivegen: the reader's side of a document page.
 *
 * - the citation: the access date (the reader's today, which a static page cannot know)
 *   and a copy button;
 * - glossary terms: pointing at a term (or focusing it) shows its definition; on a touch
 *   screen a tap opens the definition in place, with a link to the term page, instead of
 *   leaving the document. Definitions come from the page's own "本文术语" list and are
 *   inserted as text (textContent), never as HTML.
 *
 * Material's instant navigation swaps pages without reloading this script: page work runs
 * on each of its document$ events, and the listeners for terms sit on the window once.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ citation

  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // http:// on another host: the clipboard API is not offered; a selection is
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  function setUpCitations() {
    document.querySelectorAll(".ag-today").forEach(function (el) { el.textContent = today(); });
    document.querySelectorAll(".ag-cite").forEach(function (box) {
      var button = box.querySelector(".ag-copy");
      var text = box.querySelector(".ag-cite__text");
      if (!button || !text || button.dataset.ready) { return; }
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(text.textContent.trim()).then(function () {
          button.textContent = "已复制";
        }, function () {
          button.textContent = "无法复制，请手动选取";
        });
        setTimeout(function () { button.textContent = "复制引文"; }, 2500);
      });
    });
  }

  // ------------------------------------------------------------------ term definitions

  var TERMS = "article a.ag-term";
  var pop = null;          // the popover element
  var shownFor = null;     // the term link it shows
  var hideTimer = 0;
  var lastPointer = "mouse";

  function definitionOf(link) {
    var list = document.querySelectorAll(".ag-termlist dt a");
    for (var i = 0; i < list.length; i++) {
      if (list[i].href === link.href) {
        var dt = list[i].closest("dt");
        var dd = dt && dt.nextElementSibling;
        if (dd && dd.tagName === "DD") {
          return { term: list[i].textContent.trim(), text: dd.textContent.trim() };
        }
      }
    }
    return null;
  }

  function popover() {
    if (pop && document.body.contains(pop)) { return pop; }
    pop = document.createElement("div");
    pop.className = "ag-pop";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-labelledby", "ag-pop-title");
    pop.hidden = true;
    var head = document.createElement("div");
    head.className = "ag-pop__head";
    var title = document.createElement("p");
    title.className = "ag-pop__title";
    title.id = "ag-pop-title";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ag-pop__close";
    close.setAttribute("aria-label", "关闭释义");
    close.textContent = "×";
    close.addEventListener("click", function () { hide(true); });
    head.appendChild(title);
    head.appendChild(close);
    var body = document.createElement("div");
    body.className = "ag-pop__body";
    body.tabIndex = 0;
    var more = document.createElement("a");
    more.className = "ag-pop__more";
    more.textContent = "查看词条页（全部用例）→";
    pop.appendChild(head);
    pop.appendChild(body);
    pop.appendChild(more);
    pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    pop.addEventListener("mouseleave", function () { hideSoon(); });
    document.body.appendChild(pop);
    return pop;
  }

  function place(el, link, sheet) {
    el.classList.toggle("ag-pop--sheet", sheet);
    if (sheet) {
      el.style.left = el.style.top = "";
      return;
    }
    var r = link.getBoundingClientRect();
    var width = el.offsetWidth, height = el.offsetHeight;
    var left = Math.min(Math.max(8, r.left), window.innerWidth - width - 8);
    var below = r.bottom + 6;
    var top = below + height > window.innerHeight - 8 && r.top - height - 6 > 8 ? r.top - height - 6 : below;
    el.style.left = (left + window.scrollX) + "px";
    el.style.top = (top + window.scrollY) + "px";
  }

  function show(link, sheet) {
    var def = definitionOf(link);
    if (!def) { return false; }
    clearTimeout(hideTimer);
    var el = popover();
    el.querySelector(".ag-pop__title").textContent = def.term;
    var body = el.querySelector(".ag-pop__body");
    body.textContent = def.text;
    body.scrollTop = 0;
    el.querySelector(".ag-pop__more").href = link.href;
    el.hidden = false;
    shownFor = link;
    link.setAttribute("aria-expanded", "true");
    place(el, link, sheet);
    return true;
  }

  function hide(now) {
    clearTimeout(hideTimer);
    if (!pop || pop.hidden) { return; }
    pop.hidden = true;
    if (shownFor) { shownFor.removeAttribute("aria-expanded"); }
    shownFor = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function touchLike() {
    return lastPointer === "touch" || lastPointer === "pen" ||
      (window.matchMedia && window.matchMedia("(hover: none)").matches);
  }

  window.addEventListener("pointerdown", function (ev) { lastPointer = ev.pointerType || "mouse"; }, true);

  // a tap on a term opens its definition in place; a second tap on the same term, or the
  // link in the definition, opens the term page (capture: before instant navigation)
  window.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest(TERMS);
    if (link) {
      if (!touchLike() || shownFor === link) { return; }
      if (show(link, true)) {
        ev.preventDefault();
        ev.stopPropagation();
      }
      return;
    }
    if (pop && !pop.hidden && !pop.contains(ev.target)) { hide(true); }
  }, true);

  document.addEventListener("mouseover", function (ev) {
    var link = ev.target.closest && ev.target.closest(TERMS);
    if (!link || touchLike()) { return; }
    if (shownFor !== link) { show(link, false); } else { clearTimeout(hideTimer); }
  });
  document.addEventListener("mouseout", function (ev) {
    var link = ev.target.closest && ev.target.closest(TERMS);
    if (link && shownFor === link && !touchLike()) { hideSoon(); }
  });
  document.addEventListener("focusin", function (ev) {
    var link = ev.target.closest && ev.target.closest(TERMS);
    if (link && lastPointer !== "touch") { show(link, false); }
  });
  document.addEventListener("focusout", function (ev) {
    var link = ev.target.closest && ev.target.closest(TERMS);
    if (link && shownFor === link && !(pop && pop.contains(ev.relatedTarget))) { hideSoon(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && pop && !pop.hidden) {
      var back = shownFor;
      hide(true);
      if (back) { back.focus(); }
    }
  });

  function setUpPage() {
    hide(true);
    setUpCitations();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUpPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPage);
  } else {
    setUpPage();
  }
})();
