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
 * One message is ours: SETTINGS { filters, sort } from the filter bar
 * (assets/search-ui.js, which also reads `archivegen` in each RESULT: what was found,
 * what is missing). It searches the last query again with them.
 *
 * Pagefind (../pagefind/pagefind.js, loaded on the first non-empty query, not on every
 * page view) reads only the index chunks a query needs; the page data (title, excerpt,
 * sections) is one fragment per page, fetched only for the results shown. A filter loads
 * its own index file the first time it is used. Everything is fetched from this site: no
 * other host is ever contacted.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const SETTINGS = 100    /* ours: { filters: { key: value }, sort: "" | "date:desc" | "date:asc" } */

const SHOWN = 10        /* results whose page data is loaded: what Material renders at once */
const CONTEXT = 40      /* characters each side of a phrase in a snippet made here */
const LOOK = 30         /* pages opened at most to find SHOWN that hold what was typed */
const SECTIONS = 5      /* matching sections (headings) listed under a result */
const EXCERPT = 36      /* words of context in a snippet (a Chinese word is 1-4 characters) */
const SETTLE = 80       /* ms to wait for the next keystroke before searching */

/* Ranking (Pagefind's BM25, https://pagefind.app/docs/ranking/): a long report that uses
 * a word 87 times is not penalised much for its length (pageLength), and every use counts
 * (termSaturation at its maximum); a page whose title is the word gets a boost on top
 * (metaWeights.title; region, speaker and author are searched as metadata too, see
 * site/search.py). Pages about a term, a person or a compilation weigh their words less
 * (data-pagefind-weight, set when they are indexed), and a page counts as about the query
 * only when its title is it (kindRank). */
const RANKING = { pageLength: 0.3, termSaturation: 2.0, metaWeights: { title: 8.0 } }
const FILTERS = ["type", "region", "year", "issuer"]
const SORTS = ["date:desc", "date:asc"]
const DOCUMENT = "文档"  /* the `kind` filter of a document (site/search.py, KINDS) */

const ROOT = new URL("../", self.location.href)                 /* this file is assets/pagefind-worker.js */
const BUNDLE = new URL("pagefind/pagefind.js", ROOT).href
const VALUES = new URL("pagefind/archivegen-filters.json", ROOT).href  /* filter values; the parts, if any */
/* A big archive is indexed in parts (site/pagefind_parts.py), merged here into the first.
 * Part j weighs 1 + j·PART_TIE: a relevance score hardly changes, and in a search sorted by
 * date the pages at the same place of their parts come in the order they were dealt. */
const PART_TIE = 1e-7
/* Each part's first page only takes the first place in its date order: never a result */
const ORDER_START = "archivegen-order-start.html"

const HAN = /\p{Script=Han}/u
const WORDS = typeof Intl === "object" && typeof Intl.Segmenter === "function"
  ? new Intl.Segmenter("zh", { granularity: "word" })
  : null

let pagefind = null     /* Promise of the initialised Pagefind module */
let latest = 0          /* number of the newest query; older ones are dropped */
let lastQuery = ""      /* the text in the box, searched again when the settings change */
let settings = { filters: {}, sort: "" }

function parts() {
  return fetch(VALUES)
    .then(response => {
      if (!response.ok)
        throw new Error(`${VALUES}: ${response.status}`)
      return response.json()
    })
    .then(values => Array.isArray(values.parts) ? values.parts.filter(part => typeof part === "string") : [])
}

function load() {
  if (!pagefind)
    pagefind = Promise.all([import(BUNDLE), parts()]).then(async ([pf, merged]) => {
      await pf.options({ excerptLength: EXCERPT, ranking: RANKING })
      await pf.init()
      await Promise.all(merged.map((part, i) => pf.mergeIndex(new URL(part, BUNDLE).href,
        { excerptLength: EXCERPT, ranking: RANKING, indexWeight: 1 + (i + 1) * PART_TIE })))
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

function unique(list) {
  return [...new Set(list)]
}

/* The settings as Pagefind's search options: only known filters and sorts, as text */
function options() {
  const filters = {}
  for (const key of FILTERS) {
    const value = settings.filters && settings.filters[key]
    if (typeof value === "string" && value)
      filters[key] = value
  }
  const out = {}
  if (Object.keys(filters).length)
    out.filters = filters
  if (SORTS.includes(settings.sort)) {
    const [key, direction] = settings.sort.split(":")
    out.sort = { [key]: direction }
  }
  return out
}

/* Results of several searches as one list: each page once, with its best score (with a
 * sort, a score is the page's place in the sorted order, the same in every search), and
 * its page data from the search that found the most words on it (a page found by its
 * title alone has none to mark in a snippet) */
function merge(lists) {
  const best = new Map()
  for (const result of lists.flat()) {
    const seen = best.get(result.id)
    if (!seen)
      best.set(result.id, { id: result.id, score: result.score, words: result.words || [], data: result.data })
    else {
      seen.score = Math.max(seen.score, result.score)
      if ((result.words || []).length > seen.words.length)
        Object.assign(seen, { words: result.words, data: result.data })
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score)
}

async function open(results) {
  const data = await Promise.all(results.map(result => result.data()))
  return results.map((result, i) => ({ result, data: data[i] }))
}

/* A page's searchable text: its words and the metadata searched with them (region,
 * speaker …), without the spaces and zero-width spaces Pagefind puts between words */
function pageText(data) {
  const meta = Object.entries(data.meta || {}).filter(([key]) => key !== "image").map(([, v]) => v)
  return [data.content || "", ...meta].join("\n").replace(/[\s\u200b]+/g, "").toLowerCase()
}

/* Whether a page holds every word as typed */
function holds(data, typed) {
  if (String(data.url || "").endsWith(ORDER_START))
    return false
  const text = pageText(data)
  return typed.every(word => text.includes(word.toLowerCase()))
}

function kindOf(data) {
  const kind = data.filters && data.filters.kind
  return Array.isArray(kind) && kind.length ? kind[0] : DOCUMENT
}

/* Documents first; before them only a page about the query itself (the person 陈吉宁, the
 * term 两旧一村: a title that is what was typed, give or take quotes and a word or two),
 * after them the other pages about terms, people and compilations. */
function kindRank(data, typed) {
  if (kindOf(data) === DOCUMENT)
    return 1
  const title = String(data.meta && data.meta.title || "").replace(/[\s\p{P}\p{S}]+/gu, "").toLowerCase()
  const asked = typed.join("").replace(/[\s\p{P}\p{S}]+/gu, "").toLowerCase()
  return asked && title.includes(asked) && asked.length * 3 >= title.length * 2 ? 0 : 2
}

/* The pages for a query, best first, each with its loaded page data, and what the filter
 * bar should say about them.
 *
 * Pagefind's indexer splits Chinese with its own dictionary and the browser with
 * Intl.Segmenter; they do not always agree (三所联动 may be one word in the index and
 * 三 所 联动 here), so a word the browser splits is looked up both split and as typed.
 * A result must hold every word as typed (城市更新 as a phrase, checked on the page text
 * itself: Pagefind's phrase search misses some Chinese phrases, and it leaves out a word
 * that is in no page at all, so 量子引力 would find pages with 量子). Only when no page has
 * a word as typed are pages that hold all its parts apart shown (not for quoted words).
 * When nothing is found, the parts found nowhere are named (缺少). Page data costs a
 * download per page, so at most LOOK pages are opened to find SHOWN that qualify. */
async function find(pf, query) {
  const typed = words(query)
  const opts = options()
  const info = { query: typed.join(" "), filtered: !!opts.filters, sorted: opts.sort ? settings.sort : "" }
  if (!typed.length) {
    if (!opts.filters)
      return { typed, pages: [], info }
    const found = await pf.search(null, opts)                   /* filters alone: browse */
    info.total = found.results.length
    return { typed, pages: await open(found.results.slice(0, SHOWN)), info }
  }
  const chunks = typed.map(segment)
  const parts = unique(chunks.join(" ").split(" ").filter(Boolean))
  const split = chunks.some(chunk => chunk.includes(" "))
  const quoted = /^\s*["“].+["”]\s*$/.test(query)
  const searches = [await pf.search(chunks.join(" "), opts)]    /* one search at a time: they share state */
  if (split)
    searches.push(await pf.search(typed.join(" "), opts))
  let ranked = merge(searches.map(s => s.results))
  if (split && typed.length === 1 && !opts.sort) {
    /* pages where Pagefind has the parts next to each other are the likely holders: they
     * are opened first (page data is the cost of a query) */
    const near = new Set((await pf.search(`"${chunks[0]}"`, opts)).results.map(r => r.id))
    ranked = [...ranked.filter(r => near.has(r.id)), ...ranked.filter(r => !near.has(r.id))]
  }

  const holding = [], apart = []
  for (let i = 0, n = SHOWN; i < Math.min(ranked.length, LOOK) && holding.length < SHOWN; i += n) {
    n = Math.max(SHOWN - holding.length, 2)                    /* no more pages than are missing */
    for (const page of await open(ranked.slice(i, Math.min(i + n, LOOK))))
      if (holds(page.data, typed))
        holding.push(page)
      else if (split && !quoted && holds(page.data, parts))
        apart.push(page)
  }

  let pages = holding, shownWords = typed
  if (!holding.length && apart.length) {
    pages = apart
    shownWords = parts
    info.apart = true
  }
  pages = pages.slice(0, SHOWN)
  if (!opts.sort)                                               /* a stable sort: Pagefind's order within a kind */
    pages = pages
      .map((page, i) => ({ page, i, rank: kindRank(page.data, typed) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ page }) => page)
  info.total = ranked.length
  if (!pages.length) {
    Object.assign(info, await missing(pf, parts.length > 1 ? parts : typed))
    if (opts.filters && !info.missing.length)                   /* found, but not with these filters */
      info.unfiltered = Math.max(...searches.map(s => s.unfilteredResultCount || 0))
  }
  return { typed: shownWords, pages, info }
}

/* Which words are in no page at all (the 引力 of 量子引力), and which are: a word is
 * missing when the best page Pagefind finds for it does not hold it (Pagefind falls back
 * to a shorter word, 引 for 引力). Asked only when nothing was found. */
async function missing(pf, list) {
  const out = { missing: [], found: [] }
  for (const word of list) {
    const { results } = await pf.search(word)
    const [best] = await open(results.slice(0, 1))
    if (best && holds(best.data, [word]))
      out.found.push(word)
    else
      out.missing.push(word)
  }
  return out
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

/* A snippet's text, as Pagefind cut it, made readable: without the zero-width spaces
 * between words, without the page's own title at its start (the result shows it above;
 * kept when only the title has the words typed: 三所联动。指公安派出所…) and without
 * punctuation left over at its start (a leading 。); Pagefind ends a heading with ". ",
 * which between Chinese words is a 。. Marks stay where they are. */
function tidy(parts, title, typed) {
  const plain = parts.map(p => p.text).join("")
  let cut = 0
  const name = String(title || "").replace(/\s+/g, "")
  const end = plain.indexOf(". ")
  const rest = plain.slice(end + 2).toLowerCase()
  if (name && end > 0 && end <= name.length && name.endsWith(plain.slice(0, end).replace(/\s+/g, ""))
      && typed.every(word => rest.includes(word.toLowerCase())))
    cut = end + 2                                            /* the title (or its end), then ". " */
  const lead = /^[\s\u200b\p{Pe}\p{Pf}\p{Po}]+/u.exec(plain.slice(cut))
  cut += lead ? lead[0].length : 0
  const out = []
  let at = 0
  for (const part of parts) {
    const start = at, stop = at + part.text.length
    at = stop
    if (stop <= cut)
      continue
    out.push({ mark: part.mark, text: part.text.slice(Math.max(0, cut - start)) })
  }
  for (const part of out)
    part.text = part.text.replace(/(?<=[\p{Script=Han}\p{Pe}\p{Pf}])\. (?=[\p{Script=Han}\p{Ps}\p{Pi}])/gu, "。")
  return out
}

/* A snippet from Pagefind's excerpt. Word boundaries are zero-width spaces, and a phrase
 * comes back as one <mark> per word. When the snippet shows a word as typed (两旧一村),
 * marks on its parts elsewhere (旧 in 旧区) are dropped. */
function snippet(excerpt, typed, title) {
  const raw = String(excerpt || "")
    .replace(/<\/mark>\u200b*<mark>/g, "")
    .replace(/\u200b/g, "")
  let parts = []
  let marked = false
  for (const piece of raw.split(/(<\/?mark>)/)) {
    if (piece === "<mark>") marked = true
    else if (piece === "</mark>") marked = false
    else if (piece) parts.push({ mark: marked, text: fromExcerpt(piece) })
  }
  parts = tidy(parts, title, typed)
  const wanted = new Set(typed.map(word => word.toLowerCase()))
  if (parts.some(p => p.mark && wanted.has(p.text.toLowerCase())))
    parts = parts.map(p => ({ mark: p.mark && wanted.has(p.text.toLowerCase()), text: p.text }))
  const html = parts.map(p => p.mark ? `<mark>${escapeHTML(p.text)}</mark>` : escapeHTML(p.text)).join("").trim()
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

/* Type · region · date of a page, as a line above its snippet (from the page's filters
 * and metadata, site/search.py); a term, a person or a compilation says what it is. */
function describe(data) {
  const first = key => {
    const values = data.filters && data.filters[key]
    return Array.isArray(values) && values.length ? String(values[0]) : ""
  }
  const bits = [first("type") || first("kind"), first("region"), String(data.meta && data.meta.date || "")]
  const line = bits.filter(Boolean).join(" · ")
  return line ? `<div class="ag-result-meta">${escapeHTML(line)}</div>` : ""
}

/* A location relative to the site root, like Material's own index ("documents/x/#h") */
function local(url) {
  const absolute = new URL(url, ROOT).href
  return absolute.startsWith(ROOT.href) ? absolute.slice(ROOT.href.length) : absolute
}

function group(page, score, typed, terms) {
  const location = local(page.url)
  const title = page.meta && page.meta.title || location
  const text = shows(page.excerpt, typed)
    ? snippet(page.excerpt, typed, title)
    : around(page.content, typed) || snippet(page.excerpt, typed, title)
  const article = {
    location,
    title: mark(title, typed),
    text: describe(page) + text,
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
      text: snippet(sub.excerpt, typed, sub.title),
      score: score * hits / (total + 1),          /* below the page: listed under it */
      terms
    }))
  return [article, ...sections]
}

async function search(query) {
  const pf = await load()
  const { typed, pages, info } = await find(pf, query)
  const terms = Object.fromEntries(typed.map(word => [word, true]))
  /* Material shows the groups in the order given and opens the best score on Enter:
   * the scores fall with the order (Pagefind's own, kindRank's, or the date's) */
  const items = pages.map(({ data }, i) => group(data, pages.length - i, typed, terms))
  info.shown = items.length
  return { items, archivegen: info }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function answer(query, wait) {
  const ticket = ++latest
  lastQuery = query
  if (!words(query).length && !options().filters)
    return { type: RESULT, data: { items: [], archivegen: { query: "", filtered: false, sorted: "" } } }
  if (wait)
    await sleep(SETTLE)
  if (ticket !== latest)
    return null                                     /* typing went on: answer the newest */
  try {
    const data = await search(query)
    return ticket === latest ? { type: RESULT, data } : null
  } catch (err) {
    console.warn(`Search failed for ${query}:`, err)
    return ticket === latest ? { type: RESULT, data: { items: [], archivegen: { query, failed: true } } } : null
  }
}

async function handler(message) {
  switch (message.type) {

    case SETUP:
      return { type: READY }

    case QUERY:
      return answer(String(message.data || ""), true)

    case SETTINGS: {
      const data = message.data || {}
      settings = {
        filters: data.filters && typeof data.filters === "object" ? data.filters : {},
        sort: typeof data.sort === "string" ? data.sort : ""
      }
      return answer(lastQuery, false)
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
