/*
 * archivegen: Material for MkDocs' search worker, answered by Pagefind.
 *
 * Material's search UI (header box, result list, keyboard navigation, highlighting)
 * talks to a web worker named in the page's #__config; with `search: pagefind` the
 * template override points it here. The messages are Material's
 * (integrations/search/worker/message): SETUP (the search_index.json, which in this mode
 * holds only the config) -> READY; QUERY (the text in the box) -> RESULT
 * { items: SearchItem[][] }, one group per page: the page first, then its matching
 * sections, each { location, title, text, score, terms }, title and text as HTML.
 *
 * Pagefind (../pagefind/pagefind.js, loaded on the first non-empty query, not on every
 * page view) reads only the index chunks a query needs; the page data (title, excerpt,
 * sections) is one fragment per page, fetched only for the results shown.
 * Everything is fetched from this site: no other host is ever contacted.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

const SHOWN = 10        /* results whose page data is loaded: what Material renders at once */
const SECTIONS = 5      /* matching sections (headings) listed under a result */
const EXCERPT = 36      /* words of context in a snippet (a Chinese word is 1-4 characters) */
const SETTLE = 80       /* ms to wait for the next keystroke before searching */

const ROOT = new URL("../", self.location.href)                 /* this file is assets/pagefind-worker.js */
const BUNDLE = new URL("pagefind/pagefind.js", ROOT).href

const HAN = /\p{Script=Han}/u
const WORDS = typeof Intl === "object" && typeof Intl.Segmenter === "function"
  ? new Intl.Segmenter("zh", { granularity: "word" })
  : null

let pagefind = null     /* Promise of the initialised Pagefind module */
let latest = 0          /* number of the newest query; older ones are dropped */

function load() {
  if (!pagefind)
    pagefind = import(BUNDLE).then(async pf => {
      await pf.options({ excerptLength: EXCERPT })
      await pf.init()
      return pf
    })
  pagefind.catch(() => { pagefind = null })                      /* retry on the next query */
  return pagefind
}

/* Pagefind splits Chinese into words when it indexes. In a browser page it splits queries
 * the same way, knowing the language from <html lang>; a worker has no document, so the
 * query is split here (Intl.Segmenter, as Pagefind itself uses) into space-separated words. */
function segment(text) {
  if (!WORDS || !HAN.test(text))
    return text
  return [...WORDS.segment(text)]
    .filter(s => s.isWordLike !== false)
    .map(s => s.segment)
    .join(" ")
}

/* The words typed, without lunr's query syntax (Material documents +, -, *, ~, ^, field:) */
function words(query) {
  return query
    .replace(/[*+~^"“”]/g, " ")
    .replace(/(^|\s)[-:]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
}

async function find(pf, query) {
  const typed = words(query)
  if (!typed.length)
    return { typed, results: [] }
  const text = typed.map(segment).join(" ")
  const quoted = /^\s*["“].+["”]\s*$/.test(query)

  /* Ranked: pages with all the words. Pagefind's phrase search ("…") finds pages with the
   * words side by side but scores them all alike, so it only filters the ranked list.
   * One Chinese phrase (城市更新, 陈吉宁) is meant as a phrase; only when no page has it,
   * pages with its words apart are shown. Both searches read the same index chunks. */
  const ranked = (await pf.search(text)).results
  if (quoted || (typed.length === 1 && text.includes(" "))) {
    const exact = new Set((await pf.search(`"${text}"`)).results.map(result => result.id))
    if (quoted || exact.size)
      return { typed, results: ranked.filter(result => exact.has(result.id)) }
  }
  return { typed, results: ranked }
}

function escapeHTML(value) {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
}

/* Mark the typed words in a title, as Material's lunr search does */
function mark(text, typed) {
  let html = escapeHTML(text)
  for (const word of [...typed].sort((a, b) => b.length - a.length)) {
    const needle = escapeHTML(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    html = html.replace(new RegExp(`(?![^<]*>)${needle}`, "gi"), "<mark>$&</mark>")
  }
  return html.replace(/<\/mark><mark>/g, "")
}

/* Pagefind's excerpt is HTML-escaped text with <mark> around matches; word boundaries are
 * zero-width spaces, and a phrase comes back as one <mark> per word. When the snippet
 * shows a word as typed (两旧一村), marks on its parts elsewhere (旧 in 旧区) are dropped. */
function snippet(excerpt, typed) {
  let html = String(excerpt || "")
    .replace(/<\/mark>\u200b*<mark>/g, "")
    .replace(/\u200b/g, "")
    .trim()
  const wanted = new Set(typed.map(word => escapeHTML(word).toLowerCase()))
  const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map(m => m[1].toLowerCase())
  if (marked.some(text => wanted.has(text)))
    html = html.replace(/<mark>(.*?)<\/mark>/g, (all, text) => wanted.has(text.toLowerCase()) ? all : text)
  return html ? `<p>${html}</p>` : ""
}

/* Whether a snippet shows every word typed (a section that has only 城市 for 城市更新
 * would be listed under its page without what the reader asked for) */
function shows(excerpt, typed) {
  const text = String(excerpt || "").replace(/<[^>]*>|\u200b/g, "").toLowerCase()
  return typed.every(word => text.includes(word.toLowerCase()))
}

/* A location relative to the site root, like Material's own index ("documents/x/#h") */
function local(url) {
  const absolute = new URL(url, ROOT).href
  return absolute.startsWith(ROOT.href) ? absolute.slice(ROOT.href.length) : absolute
}

function group(page, score, typed, terms) {
  const location = local(page.url)
  const article = {
    location,
    title: mark(page.meta && page.meta.title || location, typed),
    text: snippet(page.excerpt, typed),
    score,
    terms
  }
  const total = (page.locations || []).length || 1
  const sections = (page.sub_results || [])
    .filter(sub => sub.anchor && sub.anchor.element !== "h1" && sub.url.includes("#"))
    .map(sub => ({ sub, hits: (sub.locations || []).length }))
    .filter(({ sub, hits }) => hits > 0 && shows(sub.excerpt, typed))
    .sort((a, b) => b.hits - a.hits)
    .slice(0, SECTIONS)
    .map(({ sub, hits }) => ({
      location: local(sub.url),
      title: mark(sub.title, typed),
      text: snippet(sub.excerpt, typed),
      score: score * hits / (total + 1),          /* below the page: listed under it */
      terms
    }))
  return [article, ...sections]
}

async function search(query) {
  const pf = await load()
  const { typed, results } = await find(pf, query)
  const top = results.slice(0, SHOWN)
  const pages = await Promise.all(top.map(result => result.data()))
  const terms = Object.fromEntries(typed.map(word => [word, true]))
  return {
    items: pages.map((page, i) => group(page, top[i].score, typed, terms))
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function handler(message) {
  switch (message.type) {

    case SETUP:
      return { type: READY }

    case QUERY: {
      const ticket = ++latest
      const query = String(message.data || "")
      if (!words(query).length)
        return { type: RESULT, data: { items: [] } }
      await sleep(SETTLE)
      if (ticket !== latest)
        return null                                     /* typing went on: answer the newest */
      try {
        const data = await search(query)
        return ticket === latest ? { type: RESULT, data } : null
      } catch (err) {
        console.warn(`Search failed for ${query}:`, err)
        return ticket === latest ? { type: RESULT, data: { items: [] } } : null
      }
    }

    default:
      throw new TypeError("Invalid message type")
  }
}

addEventListener("message", async ev => {
  const answer = await handler(ev.data)
  if (answer)
    postMessage(answer)
})
