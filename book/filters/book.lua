--[[
book.lua - the course's pandoc filter: the book cannot drift from the code.

It gives the chapter texts (chapters/NN-slug/README.md) four powers:

1. Code by named region, from the real source:

       ```{include="lib/neuron.c" region="weighted sum"}
       ```

   takes the lines between the markers `// [weighted sum]` and `// [end weighted sum]`
   (or `# [...]`, `/* [...] */`, `<!-- [...] -->`), removes their common indentation,
   and drops any other markers inside. A missing file or region stops the build with an
   error that names both. Without `region`, the whole file is included. With the class
   `.markdown` the text is read as markdown and shown as such (a results table
   becomes a table), under the same label.

2. Real program output:

       ```{.output run="01-neuron --seed 1"}
       ```

   runs build/bin/01-neuron with those arguments (always with --plot=none) and shows
   what it printed. `from="text"` and `to="text"` keep only the lines from the first line
   containing one to the next line containing the other. A non-zero exit stops the build
   unless the block says `status="2"`.

3. Figures drawn by the chapter programs: an image ../../build/figures/NN/name.svg (the
   path that works when reading the README in the repository after `make`) becomes
   figures/NN/name.svg in the book, and a missing figure stops the build.

4. Navigation: the chapter list, previous and next pages, from build/book/toc.yaml.

Links to another chapter's README become links to its page. Every file a page reads
is written to the make depfile named by NN_BOOK_DEPS, so the page is rebuilt when
any of them changes.
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

local function read_file(path, why)
  local f = io.open(path, "r")
  if not f then fail("cannot open '" .. path .. "' (" .. why .. ")") end
  local text = f:read("a")
  f:close()
  depend(path)
  return text
end

local function split_lines(text)
  local lines = {}
  for line in (text:gsub("\n$", "") .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  return lines
end

-- The name inside a region marker line, or nil when the line is not a marker.
local MARKERS = {
  "^%s*//%s*%[(.-)%]%s*$",
  "^%s*#%s*%[(.-)%]%s*$",
  "^%s*/%*%s*%[(.-)%]%s*%*/%s*$",
  "^%s*<!%-%-%s*%[(.-)%]%s*%-%->%s*$",
}
local function marker(line)
  for _, pattern in ipairs(MARKERS) do
    local name = line:match(pattern)
    if name then return name end
  end
  return nil
end

local function dedent(lines)
  local indent
  for _, line in ipairs(lines) do
    if line:match("%S") then
      local lead = #line:match("^%s*")
      if not indent or lead < indent then indent = lead end
    end
  end
  local out = {}
  for _, line in ipairs(lines) do out[#out + 1] = line:sub((indent or 0) + 1) end
  return out
end

local function extract_region(path, name)
  local lines = split_lines(read_file(path, "included by the book"))
  local body, inside, found, closed = {}, false, false, false
  for number, line in ipairs(lines) do
    local m = marker(line)
    if m == name then
      if found then fail("region '" .. name .. "' opens twice in " .. path .. " (line " .. number .. ")") end
      found, inside = true, true
    elseif m == "end " .. name then
      if not inside then fail("region '" .. name .. "' in " .. path .. " ends (line " .. number .. ") before it starts") end
      inside, closed = false, true
    elseif inside and not m then
      body[#body + 1] = line
    end
  end
  if not found then fail("region '" .. name .. "' not found in " .. path) end
  if not closed then fail("region '" .. name .. "' in " .. path .. " has no '[end " .. name .. "]' marker") end
  if #body == 0 then fail("region '" .. name .. "' in " .. path .. " is empty") end
  return table.concat(dedent(body), "\n")
end

local LANGUAGES = { c = "c", h = "c", py = "python", sh = "bash", lua = "lua", mk = "makefile" }

local function include(block)
  local path, region = block.attributes.include, block.attributes.region
  local text
  if region then text = extract_region(path, region)
  else text = read_file(path, "included by the book"):gsub("\n$", "") end
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
  if #classes == 0 then
    local ext = path:match("%.(%w+)$")
    classes = { LANGUAGES[ext] or (path:match("Makefile$") and "makefile") or "text" }
  end
  return pandoc.Div({
    pandoc.Para(label),
    pandoc.CodeBlock(text, pandoc.Attr("", classes)),
  }, pandoc.Attr("", { "listing" }))
end

local function run(block)
  local command = block.attributes.run
  local program = command:match("^(%S+)")
  local binary = "build/bin/" .. program
  if not io.open(binary, "r") then fail("program " .. binary .. " is not built (run block '" .. command .. "')") end
  depend(binary)
  local args = command:sub(#program + 1)
  if not args:match("%-%-plot") and program:match("^%d%d%-") then args = args .. " --plot=none" end
  local pipe = io.popen("NO_COLOR=1 " .. binary .. args .. " 2>&1", "r")
  local text = pipe:read("a")
  local _, _, status = pipe:close()
  local expected = tonumber(block.attributes.status or "0")
  if status ~= expected then
    fail("'" .. command .. "' exited with status " .. tostring(status) .. " (expected " .. expected .. "):\n" .. text)
  end
  local from, to = block.attributes.from, block.attributes.to
  if from or to then
    local kept, on = {}, not from
    for _, line in ipairs(split_lines(text)) do
      if not on and from and line:find(from, 1, true) then on = true end
      if on then kept[#kept + 1] = line end
      if on and to and #kept > 1 and line:find(to, 1, true) then break end
    end
    if #kept == 0 then fail("'" .. command .. "': no output line contains '" .. from .. "'") end
    text = table.concat(kept, "\n")
  end
  return pandoc.Div({
    pandoc.Para({ pandoc.Code("$ " .. binary .. command:sub(#program + 1)) }),
    pandoc.CodeBlock(text:gsub("\n$", ""), pandoc.Attr("", { "output" })),
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

local function image(img)
  local figure = img.src:match("^%.%./%.%./build/figures/(.+)$")
  if figure then
    local built = "build/figures/" .. figure
    if not io.open(built, "r") then
      fail("figure " .. built .. " was not drawn by the chapter program")
    end
    img.src = "figures/" .. figure
    return img
  end
  return nil
end

local single = false -- set from the metadata before the links are visited

-- Links between appendices: book/appendices/fast.md links [...](parity.md), which also
-- works when reading the repository. On the book's pages it becomes parity.html; in the
-- single document it becomes #appendix-parity, the id that appendix_header gives to
-- the heading of book/appendices/parity.md (the EPUB has no parity.html).
local appendix_ids = {} -- heading text -> id, for the appendices that links point to

local function appendix_link(l)
  local name, anchor = l.target:match("^([%w%-]+)%.md(#?.*)$")
  if not name then return nil end
  local path = "book/appendices/" .. name .. ".md"
  local title = ("\n" .. read_file(path, "linked from the book")):match("\n# ([^\n]+)")
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
  if not doc.meta.single then doc = navigation(take_title(doc)) end
  return write_depfile(doc)
end

return {
  { Meta = function(meta) single = meta.single and true or false end },
  { CodeBlock = code_block, Code = code, Image = image, Link = link, Header = header },
  { Header = appendix_header }, -- after every link is seen
  { Pandoc = finish },
}
