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
const CONTEXT = 40      /* characters each side of a phrase in a snippet made here */
const LOOK = 30         /* pages opened at most to find SHOWN that hold a phrase */
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

/* Results of several searches as one list: each page once, with its best score */
function merge(lists) {
  const best = new Map()
  for (const result of lists.flat())
    if (!best.has(result.id) || best.get(result.id).score < result.score)
      best.set(result.id, result)
  return [...best.values()].sort((a, b) => b.score - a.score)
}

/* The pages for a query, best first, each with its loaded page data.
 *
 * Pagefind's indexer splits Chinese with its own dictionary and the browser with
 * Intl.Segmenter; they do not always agree (三所联动 may be one word in the index and
 * 三 所 联动 here), so the query is looked up both split and as typed. A Chinese phrase
 * (城市更新, 陈吉宁, or anything in quotes) is meant as a phrase: pages whose text holds it
 * as typed come first, checked on the page text itself (Pagefind's phrase search misses
 * some Chinese phrases). Only when no page has it are pages with its words apart shown;
 * quoted phrases have no such fallback. Page data costs a download per page, so at most
 * LOOK pages are opened to find SHOWN that hold the phrase. */
async function find(pf, query) {
  const typed = words(query)
  if (!typed.length)
    return { typed, pages: [] }
  const text = typed.map(segment).join(" ")
  const quoted = /^\s*["“].+["”]\s*$/.test(query)
  const phrase = quoted || (typed.length === 1 && text.includes(" "))
  const lists = [(await pf.search(text)).results]           /* one search at a time: they share state */
  if (phrase)
    lists.push((await pf.search(typed.join(" "))).results)
  const ranked = merge(lists)
  if (!phrase)
    return { typed, pages: await open(ranked.slice(0, SHOWN)) }

  const holding = []
  for (let i = 0; i < Math.min(ranked.length, LOOK) && holding.length < SHOWN; i += SHOWN) {
    const batch = await open(ranked.slice(i, i + SHOWN))
    holding.push(...batch.filter(({ data }) => holds(data.content, typed)))
  }
  if (holding.length || quoted)
    return { typed, pages: holding.slice(0, SHOWN) }
  return { typed, pages: await open(ranked.slice(0, SHOWN)) }
}

async function open(results) {
  const data = await Promise.all(results.map(result => result.data()))
  return results.map((result, i) => ({ result, data: data[i] }))
}

/* Whether a page's text holds every typed word as typed (Pagefind separates words with
 * spaces and zero-width spaces in the text it keeps) */
function holds(content, typed) {
  const text = String(content || "").replace(/[\s\u200b]+/g, "").toLowerCase()
  return typed.every(word => text.includes(word.toLowerCase()))
}

function escapeHTML(value) {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
}

/* Text as HTML with the typed words marked, as Material's lunr search marks titles.
 * Material inserts a result's title and text as HTML: every other character is escaped. */
function mark(text, typed) {
  text = String(text)
  const words = [...typed].sort((a, b) => b.length - a.length)
    .map(word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  if (!words.length)
    return escapeHTML(text)
  let html = "", last = 0
  for (const found of text.matchAll(new RegExp(words.join("|"), "gi"))) {
    html += escapeHTML(text.slice(last, found.index)) + `<mark>${escapeHTML(found[0])}</mark>`
    last = found.index + found[0].length
  }
  return (html + escapeHTML(text.slice(last))).replace(/<\/mark><mark>/g, "")
}

/* Pagefind's excerpt is the page's text with <mark> around matches; of the text it
 * escapes only < and > (as &lt; and &gt;), not & or quotes. So it is read back into text
 * here and escaped whole: the marks are the only markup a snippet keeps. */
function fromExcerpt(excerpt) {
  return String(excerpt || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
}

function excerptHTML(excerpt) {
  return String(excerpt || "")
    .split(/(<\/?mark>)/)
    .map(part => part === "<mark>" || part === "</mark>" ? part : escapeHTML(fromExcerpt(part)))
    .join("")
}

/* A snippet from Pagefind's excerpt. Word boundaries are zero-width spaces, and a phrase
 * comes back as one <mark> per word. When the snippet shows a word as typed (两旧一村),
 * marks on its parts elsewhere (旧 in 旧区) are dropped. */
function snippet(excerpt, typed) {
  let html = excerptHTML(excerpt)
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
  const text = fromExcerpt(String(excerpt || "").replace(/<\/?mark>|\u200b/g, "")).toLowerCase()
  return typed.every(word => text.includes(word.toLowerCase()))
}

/* A snippet around the first place the page's text holds the first typed word, for
 * pages where Pagefind's excerpt shows only its parts (三 for 三所联动) */
function around(content, typed) {
  const text = String(content || "")
  const chars = [...typed[0]].map(c => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  const found = new RegExp(chars.join("[\\s\\u200b]*"), "i").exec(text)
  if (!found)
    return ""
  const clean = value => escapeHTML(value.replace(/\u200b/g, "").replace(/\s+/g, " "))
  const start = Math.max(0, found.index - CONTEXT), end = found.index + found[0].length
  const before = (start > 0 ? "…" : "") + clean(text.slice(start, found.index))
  const after = clean(text.slice(end, end + CONTEXT)) + (end + CONTEXT < text.length ? "…" : "")
  return `<p>${before}<mark>${escapeHTML(found[0].replace(/[\s\u200b]+/g, ""))}</mark>${after}</p>`
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
    text: shows(page.excerpt, typed) ? snippet(page.excerpt, typed) : around(page.content, typed) || snippet(page.excerpt, typed),
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
  const { typed, pages } = await find(pf, query)
  const terms = Object.fromEntries(typed.map(word => [word, true]))
  return {
    items: pages.map(({ result, data }) => group(data, result.score, typed, terms))
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
