--[[
book.lua - the course's pandoc filter: the book cannot drift from the code.

It gives the chapter texts (chapters/NN-slug/README.md) four powers:

1. Code by named region, from the real source:

       <!-- {include="lib/neuron.c" region="weighted sum"} -->
       ```c
       (the region's lines)
       ```
       <!-- end include -->

   takes the lines between the markers `// [weighted sum]` and `// [end weighted sum]`
   (or `# [...]`, `/* [...] */`, `<!-- [...] -->`), removes their common indentation,
   and drops any other markers inside. A missing file or region stops the build with an
   error that names both. Without `region`, the whole file is included. With the class
   `.markdown` the text is read as markdown and shown as such (a results table
   becomes a table), under the same label.

   The page is always made from the source (book/filters/snippets.lua): the text between
   the two comments is there for readers of the README in the repository, and the filter
   does not read it. tools/readme-sync.sh writes it, and `make test` fails when it is out
   of date. An empty block ```{include=...}``` with the same attributes works as well
   (the appendices use that form).

2. Real program output:

       <!-- {.output run="01-neuron --seed 1"} -->
       ```
       (what the program printed)
       ```
       <!-- end output -->

   runs build/bin/01-neuron with those arguments (always with --plot=none) and shows
   what it printed. `from="text"` and `to="text"` keep only the lines from the first line
   containing one to the next line containing the other. A non-zero exit stops the build
   unless the block says `status="2"`.

3. Figures drawn by the chapter programs: an image figures/name.svg shows, in the
   repository, the copy committed beside the README (chapters/NN-slug/figures/, or
   book/appendices/figures/ for an appendix NAME.md). The book uses the copy the build
   has just drawn, build/figures/DIR/name.svg, where DIR is the chapter's number NN or
   the appendix's NAME: the image becomes figures/DIR/name.svg, and a figure that was not
   drawn stops the build. (`make test` checks that the committed copies are current.)

4. Navigation: the chapter list, previous and next pages, from build/book/toc.yaml.

5. Deep dives: detail a reader can skip (mostly how the numbers come to equal numpy's
   and scikit-learn's) sits in a fenced div whose first element is its heading,

       ::: deep-dive
       ### Deep dive: the twist and the tempering
       ...
       :::

   (`##` instead of `###` when the deep dive is a whole section of its chapter). The
   filter puts a label under the heading, "You can skip this deep dive: nothing later in
   the book depends on it.", and book/style.css draws the box. A deep-dive div that does
   not open with such a heading stops the build. The heading stays an ordinary heading:
   "On this page" lists it when it is a `##`, and the search indexes it like any other.

Links to another chapter's README become links to its page, and an appendix's link to
another (parity.md) a link to its page, or in the EPUB to its heading. Every file a
page reads is written to the make depfile named by NN_BOOK_DEPS, so the page is rebuilt
when any of them changes.
]]

local deps, seen = {}, {}
local function depend(path)
  if not seen[path] then
    seen[path] = true
    deps[#deps + 1] = path
  end
end

local function fail(message)
  error("book: " .. message, 0)
end

-- The text of the quotes, shared with tools/readme-sync.lua.
local snippets = dofile((PANDOC_SCRIPT_FILE:match("^(.*/)") or "") .. "snippets.lua")
snippets.fail, snippets.depend = fail, depend

-- A quote in a chapter README: the comment <!-- {ATTRIBUTES} -->, the text it stands
-- for, and <!-- end include --> or <!-- end output -->. The three become the directive
-- they wrap, an empty code block with those attributes, which the next pass fills.
local function quote_start(block)
  if block.t ~= "RawBlock" or block.format ~= "html" then return nil end
  local attributes = block.text:match("^<!%-%-%s*(%b{})%s*%-%->%s*$")
  if attributes and (attributes:match("include=") or attributes:match("run=")) then return attributes end
  return nil
end

local function quote_end(block)
  if block.t ~= "RawBlock" or block.format ~= "html" then return nil end
  return block.text:match("^<!%-%-%s*end (%a+)%s*%-%->%s*$")
end

local function quotes(blocks)
  local out, i = pandoc.List(), 1
  while i <= #blocks do
    local attributes = quote_start(blocks[i])
    if attributes then
      local directive = snippets.directive(attributes)
      local kind = directive.attributes.run and "output" or "include"
      local j = i + 1
      while j <= #blocks and not quote_end(blocks[j]) and not quote_start(blocks[j]) do j = j + 1 end
      if j > #blocks or quote_end(blocks[j]) ~= kind then
        fail("the quote <!-- " .. attributes .. " --> has no <!-- end " .. kind .. " --> after it")
      end
      out:insert(directive)
      i = j + 1
    elseif quote_end(blocks[i]) then
      fail("<!-- end " .. quote_end(blocks[i]) .. " --> closes no quote")
    else
      out:insert(blocks[i])
      i = i + 1
    end
  end
  return out
end

-- An opening comment in the middle of a paragraph would hide its quote.
local function quote_inline(raw)
  if quote_start(pandoc.RawBlock(raw.format, raw.text)) then
    fail("a quote's opening comment must start its own paragraph (leave a blank line before it): " .. raw.text)
  end
  return nil
end

local function include(block)
  local path, region = block.attributes.include, block.attributes.region
  local text = snippets.included(path, region)
  local classes = block.classes
  local label = { pandoc.Code(path) }
  if region then
    label[#label + 1] = pandoc.Space()
    label[#label + 1] = pandoc.Str("· " .. region)
  end
  if classes:includes("markdown") then
    local blocks = pandoc.read(text, "markdown").blocks
    table.insert(blocks, 1, pandoc.Para(label))
    return pandoc.Div(blocks, pandoc.Attr("", { "listing", "rendered" }))
  end
  if #classes == 0 then classes = { snippets.language(path) } end
  return pandoc.Div({
    pandoc.Para(label),
    pandoc.CodeBlock(text, pandoc.Attr("", classes)),
  }, pandoc.Attr("", { "listing" }))
end

local function run(block)
  local text, binary = snippets.output(block, "build/bin")
  return pandoc.Div({
    pandoc.Para({ pandoc.Code("$ " .. binary .. block.attributes.run:match("^%S+(.*)$")) }),
    pandoc.CodeBlock(text, pandoc.Attr("", { "output" })),
  }, pandoc.Attr("", { "program-output" }))
end

-- A directive that pandoc did not read as a code block (for example because of a
-- stray space in its attributes) would otherwise reach the page as inline code.
local function code(c)
  if c.text:match("^{%s*[%.]?output") or c.text:match("^{%s*include=") or c.text:match("^{.-run=") then
    fail("a book directive was not read as a code block (check its attributes): " .. c.text)
  end
  return nil
end

local function code_block(block)
  if block.attributes.include then return include(block) end
  if block.attributes.run then return run(block) end
  return nil
end

-- Deep dives: ::: deep-dive, opened by the heading "### Deep dive: TITLE" (or "##").
-- The label goes after the heading, so that the heading still opens the section that
-- pandoc makes of the div (and the div's id stays the heading's).
local DEEP_DIVE_LABEL = "You can skip this deep dive: nothing later in the book depends on it."

local function deep_dive(div)
  if not div.classes:includes("deep-dive") then return nil end
  local first = div.content[1]
  local title = first and first.t == "Header" and pandoc.utils.stringify(first.content) or nil
  if not title or (first.level ~= 2 and first.level ~= 3) or not title:match("^Deep dive: %S") then
    local opening = first and pandoc.utils.stringify(first):sub(1, 60) or ""
    fail("a ::: deep-dive must open with the heading \"### Deep dive: TITLE\" (or \"##\");"
         .. " this one opens with " .. (first and ("\"" .. opening .. "\"") or "nothing"))
  end
  div.content:insert(2, pandoc.Div({ pandoc.Plain({ pandoc.Str(DEEP_DIVE_LABEL) }) },
                                   pandoc.Attr("", { "deep-dive-label" })))
  return div
end

-- Figures: figures/name.svg in the text of chapter NN (or appendix NAME) becomes the
-- freshly drawn figures/NN/name.svg (figures/NAME/name.svg).
local single = false -- set from the metadata before the images and links are visited

local function figure_dir_of(path)
  local number = path:match("chapters/(%d%d)%-[^/]+/README%.md$")
  return number or path:match("book/appendices/([^/]+)%.md$")
end

local function figure(img, dir)
  if img.src:match("^%.%./%.%./build/") then
    fail("image " .. img.src .. " points into build/, which the repository does not have:"
         .. " show the committed copy, figures/NAME.svg")
  end
  local name = img.src:match("^figures/([^/]+%.svg)$")
  if not name then return nil end
  if not dir then fail("image " .. img.src .. " is not in a chapter or an appendix") end
  local built = "build/figures/" .. dir .. "/" .. name
  local f = io.open(built, "r")
  if not f then fail("figure " .. built .. " was not drawn by the build") end
  f:close()
  img.src = "figures/" .. dir .. "/" .. name
  return img
end

-- A page: its one input file says whose figures these are.
local function image(img)
  if single then return nil end
  return figure(img, figure_dir_of(PANDOC_STATE.input_files[1] or ""))
end

-- The single-document book: each input file's first level-1 heading starts its part,
-- so the images after it are that file's.
local function figures_in_order(doc)
  local dir_of_title = {}
  for _, path in ipairs(PANDOC_STATE.input_files) do
    local dir = figure_dir_of(path)
    if dir then
      local f = io.open(path, "r")
      if not f then fail("cannot open '" .. path .. "' (a part of the book)") end
      local parsed = pandoc.read(f:read("a"), "markdown")
      f:close()
      for _, block in ipairs(parsed.blocks) do
        if block.t == "Header" and block.level == 1 then
          dir_of_title[pandoc.utils.stringify(block.content)] = dir
          break
        end
      end
    end
  end
  local dir
  for i, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      dir = dir_of_title[pandoc.utils.stringify(block.content)]
    end
    doc.blocks[i] = pandoc.walk_block(block, { Image = function(img) return figure(img, dir) end })
  end
  return doc
end

-- Links between appendices: book/appendices/fast.md links [...](parity.md), which also
-- works when reading the repository. On the book's pages it becomes parity.html; in the
-- single document it becomes #appendix-parity, the id that appendix_header gives to
-- the heading of book/appendices/parity.md (the EPUB has no parity.html).
local appendix_ids = {} -- heading text -> id, for the appendices that links point to

local function appendix_link(l)
  local name, anchor = l.target:match("^([%w%-]+)%.md(#?.*)$")
  if not name then return nil end
  local path = "book/appendices/" .. name .. ".md"
  local f = io.open(path, "r")
  if not f then fail("cannot open '" .. path .. "' (linked from the book as " .. l.target .. ")") end
  local title = ("\n" .. f:read("a")):match("\n# ([^\n]+)")
  f:close()
  depend(path)
  if not title then fail("the link to " .. l.target .. " names no appendix with a '# Title' line") end
  title = pandoc.utils.stringify(pandoc.read(title, "markdown").blocks)
  if not single then
    l.target = name .. ".html" .. anchor
  elseif anchor ~= "" then
    l.target = anchor
  else
    appendix_ids[title] = "appendix-" .. name
    l.target = "#appendix-" .. name
  end
  return l
end

local function appendix_header(h)
  local id = h.level == 1 and appendix_ids[pandoc.utils.stringify(h.content)]
  if not id then return nil end
  h.identifier = id
  return h
end

local function link(l)
  -- ../NN-slug/README.md or ../NN-slug/ (with an optional #anchor) -> NN-slug.html,
  -- or, in the single-document book, the chapter's own anchor.
  local slug, anchor = l.target:match("^%.%./(%d%d%-[%w%-]+)/?R?E?A?D?M?E?%.?m?d?(#?.*)$")
  if slug then
    if single then
      l.target = anchor ~= "" and anchor or ("#chapter-" .. slug:sub(1, 2))
    else
      l.target = slug .. ".html" .. anchor
    end
    return l
  end
  return appendix_link(l)
end

-- The first level-1 heading is the page title.
local function take_title(doc)
  for i, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      doc.meta.title = block.content
      doc.meta.pagetitle = pandoc.utils.stringify(block.content)
      doc.blocks:remove(i)
      return doc
    end
  end
  return doc
end

local function label(title)
  local number, rest = title:match("^Chapter (%d+): (.*)$")
  if number then return number .. ". " .. rest end
  return title:match("^Appendix: (.*)$") or title
end

local function navigation(doc)
  local meta = doc.meta
  local page = pandoc.utils.stringify(meta.page or "")
  local order = { { href = "index.html", label = "Preface", slug = "index" } }
  for _, entry in ipairs(meta.toc or {}) do
    local slug = pandoc.utils.stringify(entry.slug)
    order[#order + 1] = { href = slug .. ".html", label = label(pandoc.utils.stringify(entry.title)), slug = slug }
  end
  local chapters = {}
  for i, entry in ipairs(order) do
    local item = { href = entry.href, label = entry.label }
    if entry.slug == page then
      item.current = true
      if i > 1 then meta.prev = { href = order[i - 1].href, label = order[i - 1].label } end
      if i < #order then meta.next = { href = order[i + 1].href, label = order[i + 1].label } end
    end
    chapters[#chapters + 1] = item
  end
  meta.chapters = chapters
  -- "On this page" only on a page with sections to list (the glossary has none).
  local sections = false
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level <= 2 then sections = true end
  end
  meta["show-toc"] = page ~= "index" and sections
  return doc
end

local function write_depfile(doc)
  local path, target = os.getenv("NN_BOOK_DEPS"), os.getenv("NN_BOOK_TARGET")
  if path and target and #deps > 0 then
    local f = io.open(path, "w")
    if f then
      f:write(target .. ": " .. table.concat(deps, " ") .. "\n")
      for _, d in ipairs(deps) do f:write(d .. ":\n") end
      f:close()
    end
  end
  return doc
end

-- In the single-document book, "Chapter N: ..." headings get the id chapter-NN, the
-- target of links between chapters.
local function header(h)
  if single and h.level == 1 then
    local number = pandoc.utils.stringify(h.content):match("^Chapter (%d+):")
    if number then
      h.identifier = string.format("chapter-%02d", tonumber(number))
      return h
    end
  end
  return nil
end

-- A page per chapter takes its title from its heading and gets navigation. The whole
-- book in one document (the EPUB, and the HTML printed to PDF; metadata single=true)
-- keeps every chapter's heading, since those start its chapters.
local function finish(doc)
  if doc.meta.single then doc = figures_in_order(doc) else doc = navigation(take_title(doc)) end
  return write_depfile(doc)
end

return {
  { Meta = function(meta) single = meta.single and true or false end },
  { Blocks = quotes, RawInline = quote_inline },
  { CodeBlock = code_block, Code = code, Image = image, Link = link, Header = header, Div = deep_dive },
  { Header = appendix_header }, -- after every link is seen
  { Pandoc = finish },
}
