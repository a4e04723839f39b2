/*
 * archivegen: what search adds to Material's own search UI (loaded by overrides/main.html
 * before Material's bundle, with `search: pagefind` only).
 *
 * - A filter bar in Material's search panel: 地区, 年份, 类型 (发文机关 when some document
 *   has one) and a date sort. The values come from pagefind/archivegen-filters.json
 *   (written with the index, fetched when the search box is first focused); a choice is
 *   sent to the search worker (assets/pagefind-worker.js, message SETTINGS), which
 *   searches again and answers Material as usual.
 * - A line under the bar saying what Material's result count cannot: what is missing
 *   when nothing is found (缺少“引力”), that pages hold a phrase's words only apart, that
 *   filters hide the results, how results are sorted.
 * - Text that arrives without a key press (pasted with the mouse or a long press,
 *   committed by an input method) is searched like typed text: Material searches on keyup.
 * - On a page opened from a result, Material marks the query (search.highlight); a control
 *   in the header steps through the marks: 上一处 / 下一处 (n/N).
 *
 * Every string shown is Chinese and every value from the archive is inserted as text.
 */
"use strict";
(() => {
  const SETTINGS = 100, RESULT = 3                 /* message types, see pagefind-worker.js */
  const LABELS = { region: "地区", year: "年份", type: "类型", issuer: "发文机关" }
  const SORTS = [["", "相关度"], ["date:desc", "日期：新→旧"], ["date:asc", "日期：旧→新"]]

  const config = JSON.parse(document.getElementById("__config").textContent)
  const BASE = new URL(config.base || ".", location.href)
  const VALUES = new URL("pagefind/archivegen-filters.json", BASE)

  let worker = null
  let values = null                                /* Promise of the filter values */
  const state = { filters: {}, sort: "" }

  /* ------------------------------------------------------------ the search worker */

  /* Material starts its worker with `new Worker(url)`: the one it starts for
   * pagefind-worker.js is kept, to send it the filters and read what it answers. */
  const Native = window.Worker
  if (typeof Native === "function")
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options)
        if (/pagefind-worker\.js/.test(String(url)))
          attach(this)
      }
    }

  function attach(w) {
    worker = w
    w.addEventListener("message", ev => {
      const message = ev.data
      if (message && message.type === RESULT && message.data) {
        const info = message.data.archivegen || {}
        const count = (message.data.items || []).length
        setTimeout(() => explain(info, count), 0)   /* after Material has drawn the results */
      }
    })
  }

  function send() {
    if (worker)
      worker.postMessage({ type: SETTINGS, data: { filters: { ...state.filters }, sort: state.sort } })
  }

  /* ------------------------------------------------------------ small helpers */

  function el(tag, attributes = {}, text = "") {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes))
      node.setAttribute(name, value)
    if (text)
      node.textContent = text
    return node
  }

  const quote = list => list.map(word => `“${word}”`).join("")
  const input = () => document.querySelector(".md-search__input")

  /* Search for `text` as if the reader had typed it */
  function searchFor(text) {
    const box = input()
    if (!box)
      return
    box.value = text
    box.focus()
    box.dispatchEvent(new KeyboardEvent("keyup"))
  }

  /* ------------------------------------------------------------ typing, pasting, input methods */

  /* Material reads the box on keyup. Text pasted with the mouse or a long press, dropped,
   * or committed by an input method changes the box without one: it is searched as if a
   * key had been released (Material ignores a value it has already searched). */
  function watchInput(box) {
    if (box.dataset.agInput)
      return
    box.dataset.agInput = "1"
    const poke = () => box.dispatchEvent(new KeyboardEvent("keyup"))
    box.addEventListener("input", ev => { if (!ev.isComposing) poke() })
    box.addEventListener("compositionend", poke)
    box.addEventListener("focus", loadValues)
    /* Tab from the box goes to the filters (Material would close the search) */
    box.addEventListener("keydown", ev => {
      const first = document.querySelector(".ag-filters:not([hidden]) select")
      if (ev.key === "Tab" && !ev.shiftKey && first) {
        ev.preventDefault()
        ev.stopPropagation()
        first.focus()
      }
    })
  }

  /* ------------------------------------------------------------ the filter bar */

  function panel() {
    const wrap = document.querySelector(".md-search__scrollwrap")
    const result = wrap && wrap.querySelector(".md-search-result")
    if (!result)
      return null
    let tools = wrap.querySelector(".ag-search-tools")
    if (!tools) {
      tools = el("div", { class: "ag-search-tools" })
      const bar = el("div", { class: "ag-filters", role: "group", "aria-label": "筛选和排序" })
      bar.hidden = true
      const hint = el("p", { class: "ag-search-hint", role: "status" })
      hint.hidden = true
      tools.append(bar, hint)
      wrap.insertBefore(tools, result)
      bar.addEventListener("change", () => { read(bar); send() })
      bar.addEventListener("keydown", ev => keys(ev, bar))
    }
    return tools
  }

  function loadValues() {
    if (!values)
      values = fetch(VALUES)
        .then(response => response.ok ? response.json() : {})
        .catch(() => ({}))
        .then(data => { build(data); return data })
    return values
  }

  function build(data) {
    const tools = panel()
    if (!tools)
      return
    const bar = tools.querySelector(".ag-filters")
    bar.replaceChildren()
    const filters = data.filters || {}
    for (const key of Object.keys(LABELS)) {
      const list = Array.isArray(filters[key]) ? filters[key] : []
      if (!list.length)
        continue                                   /* 发文机关 only when some document has one */
      const select = el("select", { "data-key": key })
      select.append(new Option("全部", ""))
      for (const value of list)
        select.append(new Option(key === "year" && /^\d+$/.test(value) ? `${value}年` : String(value), String(value)))
      select.value = state.filters[key] || ""
      bar.append(labelled(LABELS[key], select))
    }
    if ((data.sorts || []).includes("date")) {
      const select = el("select", { "data-key": "sort" })
      for (const [value, text] of SORTS)
        select.append(new Option(text, value))
      select.value = state.sort
      bar.append(labelled("排序", select))
    }
    const clear = el("button", { type: "button", class: "ag-filters__clear" }, "清除筛选")
    clear.addEventListener("click", () => { reset(); input() && input().focus() })
    bar.append(clear)
    bar.hidden = !bar.querySelector("select")
    showClear(bar)
  }

  function labelled(text, select) {
    const label = el("label", { class: "ag-filter" })
    label.append(el("span", { class: "ag-filter__name" }, text), select)
    return label
  }

  function read(bar) {
    state.filters = {}
    state.sort = ""
    for (const select of bar.querySelectorAll("select")) {
      const key = select.dataset.key
      if (key === "sort")
        state.sort = select.value
      else if (select.value)
        state.filters[key] = select.value
    }
    showClear(bar)
  }

  function reset() {
    const bar = document.querySelector(".ag-filters")
    if (bar)
      for (const select of bar.querySelectorAll("select"))
        select.value = ""
    state.filters = {}
    state.sort = ""
    if (bar)
      showClear(bar)
    send()
  }

  function showClear(bar) {
    const clear = bar.querySelector(".ag-filters__clear")
    if (clear)
      clear.hidden = !Object.keys(state.filters).length && !state.sort
  }

  /* Keys in the bar are the bar's: Material, in search mode, would take arrows (moving
   * through results), letters (back to the box) and Tab (closing the search). Escape still
   * closes the search. Tab moves between the controls, then on to the results. */
  function keys(ev, bar) {
    if (ev.key === "Escape")
      return
    ev.stopPropagation()
    if (ev.key !== "Tab")
      return
    const controls = [...bar.querySelectorAll("select, button")].filter(c => !c.hidden)
    const at = controls.indexOf(document.activeElement)
    if (ev.shiftKey && at === 0) {
      ev.preventDefault()
      input() && input().focus()
    } else if (!ev.shiftKey && at === controls.length - 1) {
      ev.preventDefault()
      const first = document.querySelector(".md-search-result__list a")
      ;(first || input()).focus()
    }
  }

  /* ------------------------------------------------------------ what the results mean */

  function explain(info, count) {
    const tools = panel()
    if (!tools)
      return
    const hint = tools.querySelector(".ag-search-hint")
    hint.replaceChildren()
    const add = text => hint.append(document.createTextNode(text))
    const button = (text, action) => {
      const b = el("button", { type: "button", class: "ag-search-hint__action" }, text)
      b.addEventListener("click", action)
      hint.append(b)
    }
    const missing = info.missing || [], found = info.found || []
    if (info.failed) {
      add("搜索没有完成，请再试一次。")
    } else if (!count && info.query) {
      if (missing.length && found.length) {
        add(`缺少${quote(missing)}：没有页面含有${quote(missing)}。`)
        button(`只搜${quote(found)}`, () => searchFor(found.join(" ")))
      } else if (info.filtered && info.unfiltered) {
        add("所选筛选条件下没有结果。")
        button("清除筛选", () => reset())
      } else if (!missing.length && found.length > 1) {
        add(`没有页面同时含有${quote(found)}。`)
      }
    } else if (count && info.apart) {
      add(`没有页面含完整的${quote([info.query.replace(/\s+/g, "")])}，以下页面分别含有其中的词。`)
    }
    if (count && info.sorted)
      add((hint.textContent ? " " : "") + "按日期排列时，只列出注明日期的文档。")
    hint.hidden = !hint.textContent

    /* Material's count says "the most relevant"; sorted or browsed results are not that */
    const meta = document.querySelector(".md-search-result__meta")
    if (meta && count) {
      if (info.sorted === "date:desc")
        meta.textContent = `最新的 ${count} 个结果`
      else if (info.sorted === "date:asc")
        meta.textContent = `最早的 ${count} 个结果`
      else if (!info.query && info.filtered)
        meta.textContent = info.total > count ? `符合筛选条件的前 ${count} 个结果（共 ${info.total} 个）`
          : `符合筛选条件的 ${count} 个结果`
    }
  }

  /* ------------------------------------------------------------ stepping through the marks */

  let matches = null, observer = null, current = -1, closed = false

  function control() {
    if (matches && document.contains(matches.nav))
      return matches
    const nav = el("nav", { class: "ag-matches", "aria-label": "搜索词在本页的位置" })
    nav.hidden = true
    const count = el("span", { class: "ag-matches__count", "aria-live": "polite" })
    const word = el("span", { class: "ag-matches__word" })
    const where = el("span", { class: "ag-matches__where" })
    count.append(word, where)
    const prev = el("button", { type: "button", class: "ag-matches__prev", title: "上一处" }, "上一处")
    const next = el("button", { type: "button", class: "ag-matches__next", title: "下一处" }, "下一处")
    const close = el("button", { type: "button", class: "ag-matches__close", title: "关闭", "aria-label": "关闭" }, "✕")
    prev.addEventListener("click", () => step(-1))
    next.addEventListener("click", () => step(+1))
    close.addEventListener("click", () => { closed = true; update() })
    nav.append(prev, count, next, close)
    const header = document.querySelector(".md-header__inner")
    const before = header && header.querySelector("label[for='__search']")
    if (header)
      header.insertBefore(nav, before || null)
    matches = { nav, count, word, where, marks: [] }
    return matches
  }

  /* The marks in the text: not those in the title, the tag chips, the metadata card or
   * the lists around the text (links to other documents), which the reader sees anyway */
  const FURNITURE = "h1, .md-tags, .ag-card, .ag-aside"

  function marks() {
    const article = document.querySelector("article.md-content__inner")
    return article ? [...article.querySelectorAll("mark[data-md-highlight]")]
      .filter(m => !m.closest(FURNITURE) && m.getClientRects().length) : []
  }

  function update() {
    const c = control()
    const found = marks()
    if (found.length !== c.marks.length || found.some((m, i) => m !== c.marks[i])) {
      c.marks = found
      current = -1
    }
    const show = found.length > 0 && !closed
    c.nav.hidden = !show
    document.body.classList.toggle("ag-has-matches", show)
    const word = new URL(location.href).searchParams.get("h") || ""
    c.word.textContent = word ? `“${word}” ` : ""
    c.where.textContent = current >= 0 ? `${current + 1}/${found.length}` : `共 ${found.length} 处`
    c.count.title = current >= 0 ? `第 ${current + 1} 处，共 ${found.length} 处` : `共 ${found.length} 处`
  }

  /* The next mark after the current one; from none, the first below the top of the window
   * (or the last above it, going back); round at either end. */
  function step(direction) {
    const c = control()
    const list = c.marks
    if (!list.length)
      return
    let target
    if (current < 0) {
      const top = (document.querySelector(".md-header") || { offsetHeight: 0 }).offsetHeight
      const below = list.findIndex(m => m.getBoundingClientRect().top >= top)
      if (direction > 0)
        target = below < 0 ? 0 : below
      else
        target = below <= 0 ? list.length - 1 : below - 1
    } else {
      target = (current + direction + list.length) % list.length
    }
    if (current >= 0 && list[current])
      list[current].classList.remove("ag-mark-current")
    current = target
    list[current].classList.add("ag-mark-current")
    list[current].scrollIntoView({ block: "center" })
    update()
  }

  /* Material marks the query once the page's search settings have loaded; pages opened
   * with instant navigation replace the article: it is watched for marks. */
  function watchPage() {
    closed = false
    current = -1
    if (observer)
      observer.disconnect()
    const article = document.querySelector("article.md-content__inner")
    let queued = false
    observer = new MutationObserver(() => {
      if (!queued) {
        queued = true
        requestAnimationFrame(() => { queued = false; update() })
      }
    })
    if (article)
      observer.observe(article, { childList: true, subtree: true })
    update()
  }

  /* ------------------------------------------------------------ start */

  function start() {
    panel()
    const box = input()
    if (box) {
      watchInput(box)
      if (document.activeElement === box)
        loadValues()
    }
    watchPage()
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (window.document$ && typeof window.document$.subscribe === "function")
      window.document$.subscribe(() => start())        /* every page, instant navigation too */
    else
      start()
  })
})()
